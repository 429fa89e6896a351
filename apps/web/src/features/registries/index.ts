export {
  useAccessDelays,
  useCorrections,
  useCreateAccessDelay,
  useDataAccess,
  useFlagValue,
  usePrefill,
  useRegistryCheck,
  useResolveCorrection,
} from './hooks';
export { FlagValueForm, RegistryPrefill } from './registry-prefill';
export { RegistryCheckPanel } from './registry-check';
export type { DataAccess, DataAccessItem, RegistryValue, RegistryValues } from './types';
