export type AccountKind = 'citizen' | 'business' | 'staff';
export type Role = 'reception' | 'specialist' | 'leader' | 'clerk' | 'agency_admin' | 'admin';
export const ROLES: readonly Role[] = ['reception', 'specialist', 'leader', 'clerk', 'agency_admin', 'admin'];

export interface Me {
  id: string;
  username: string;
  fullName: string;
  kind: AccountKind;
  roles: string[];
  agencyCode: string | null;
  acr: 1 | 2;
  email: string | null;
  phone: string | null;
  totpEnabled: boolean;
  /** How the account's identity was proven (null for machine clients). */
  identityLevel: IdentityLevel | null;
  identityVerifiedAt: string | null;
}

export type IdentityLevel = 'self_declared' | 'desk' | 'vneid' | 'certificate';

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: Me;
}

export interface RegisterBody {
  accountType: 'citizen' | 'business';
  idNumber?: string;
  taxCode?: string;
  fullName: string;
  dateOfBirth?: string;
  gender?: 'male' | 'female';
  email: string;
  phone: string;
  password: string;
}

export interface SessionItem {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  ip: string | null;
  userAgent: string | null;
  acr: number;
  current: boolean;
}

export interface PasskeyItem {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}
