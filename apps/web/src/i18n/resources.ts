import enAccount from './en/account.json';
import enAdmin from './en/admin.json';
import enAuth from './en/auth.json';
import enCommon from './en/common.json';
import enDirectory from './en/directory.json';
import enPki from './en/pki.json';
import enSignatures from './en/signatures.json';
import enDocuments from './en/documents.json';
import enPayments from './en/payments.json';
import enErrors from './en/errors.json';
import enExchange from './en/exchange.json';
import enFeedback from './en/feedback.json';
import enMeetings from './en/meetings.json';
import enGateway from './en/gateway.json';
import enRegistries from './en/registries.json';
import enServices from './en/services.json';
import enStaff from './en/staff.json';
import enReporting from './en/reporting.json';
import viAccount from './vi/account.json';
import viAdmin from './vi/admin.json';
import viAuth from './vi/auth.json';
import viCommon from './vi/common.json';
import viDirectory from './vi/directory.json';
import viPki from './vi/pki.json';
import viSignatures from './vi/signatures.json';
import viDocuments from './vi/documents.json';
import viPayments from './vi/payments.json';
import viErrors from './vi/errors.json';
import viExchange from './vi/exchange.json';
import viFeedback from './vi/feedback.json';
import viMeetings from './vi/meetings.json';
import viGateway from './vi/gateway.json';
import viRegistries from './vi/registries.json';
import viServices from './vi/services.json';
import viStaff from './vi/staff.json';
import viReporting from './vi/reporting.json';

export const namespaces = [
  'common',
  'auth',
  'account',
  'directory',
  'admin',
  'errors',
  'services',
  'staff',
  'pki',
  'documents',
  'payments',
  'signatures',
  'exchange',
  'feedback',
  'meetings',
  'gateway',
  'registries',
  'reporting',
] as const;
export type Namespace = (typeof namespaces)[number];
export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

/** Every translation, bundled: the app is small and must work offline-first on slow links. */
export const resources = {
  vi: {
    common: viCommon,
    auth: viAuth,
    account: viAccount,
    directory: viDirectory,
    admin: viAdmin,
    errors: viErrors,
    services: viServices,
    staff: viStaff,
    pki: viPki,
    documents: viDocuments,
    payments: viPayments,
    signatures: viSignatures,
    exchange: viExchange,
    feedback: viFeedback,
    meetings: viMeetings,
    gateway: viGateway,
    registries: viRegistries,
    reporting: viReporting,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    account: enAccount,
    directory: enDirectory,
    admin: enAdmin,
    errors: enErrors,
    services: enServices,
    staff: enStaff,
    pki: enPki,
    documents: enDocuments,
    payments: enPayments,
    signatures: enSignatures,
    exchange: enExchange,
    feedback: enFeedback,
    meetings: enMeetings,
    gateway: enGateway,
    registries: enRegistries,
    reporting: enReporting,
  },
} satisfies Record<Language, Record<Namespace, unknown>>;

/** Flatten nested keys to `a.b.c` (i18n parity checks, and tests). */
export function flattenKeys(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) =>
    flattenKeys(v, prefix ? `${prefix}.${k}` : k),
  );
}
