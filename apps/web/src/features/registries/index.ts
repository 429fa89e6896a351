export { useDataAccess, useFlagValue, usePrefill } from './hooks';
export { FlagValueForm, RegistryPrefill } from './registry-prefill';
export type { DataAccess, DataAccessItem, RegistryValue, RegistryValues } from './types';
