import type { ApiBody, ApiResponse, ItemOf } from '../api/types';

export type Me = ApiResponse<'/api/me'>;
export type AccountKind = Me['kind'];
export type LoginResult = ApiResponse<'/api/auth/login', 'post'>;
export type LoginBody = ApiBody<'/api/auth/login', 'post'>;
export type RegisterBody = ApiBody<'/api/auth/register', 'post'>;
export type SessionItem = ItemOf<ApiResponse<'/api/auth/sessions'>>;
export type PasskeyItem = ItemOf<ApiResponse<'/api/auth/passkeys'>>;
export type Role = ApiBody<'/api/admin/users', 'post'>['roles'][number];
export const ROLES: readonly Role[] = ['reception', 'specialist', 'leader', 'clerk', 'agency_admin', 'admin'];
export type IdentityLevel = NonNullable<Me['identityLevel']>;
