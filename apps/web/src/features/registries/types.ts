import type { ApiBody, ApiResponse, ItemOf } from '../api/types';

export type DataAccess = ApiResponse<'/api/me/data-access'>;
export type DelayBody = ApiBody<'/api/registries/access-delays', 'post'>;
export type DataAccessItem = ItemOf<DataAccess>;
export type Prefill = ApiResponse<'/api/me/registry-prefill', 'post'>;
export type FlagBody = ApiBody<'/api/me/registry-corrections', 'post'>;

/** A form field's registry value as shown: the value and the registry's name. */
export interface RegistryValue {
  value: string;
  registryName: string;
}
export type RegistryValues = Record<string, RegistryValue>;
