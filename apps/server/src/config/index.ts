import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../platform/paths.js';
import { z } from 'zod';
import { parseLimits } from '../platform/rate-limit/index.js';

/**
 * The one schema for the environment. Nothing else in the server reads process.env:
 * a bad value stops the start with a message that names the variable.
 */
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Listen address: loopback by default; 0.0.0.0 (or ::) to listen on every interface. */
  HOST: z.string().default('127.0.0.1'),
  /** Public base URL, used in emails, OIDC issuer and WebAuthn origin. */
  PUBLIC_URL: z.url().optional(),
  /** Embedded database (PGlite) location; ignored when DATABASE_URL is set. */
  DATA_DIR: z.string().default('./data'),
  /** postgres://user:pass@host:port/db runs on a PostgreSQL server instead of PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Where uploaded and generated files are kept (content-addressed); default DATA_DIR/files. */
  FILES_DIR: z.string().optional(),
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Seed demo agencies and accounts on first start. */
  SEED_DEMO: boolish.default(true),
  /** smtp://user:pass@host:port or smtps://…; without it, mail goes to the development outbox at /dev/mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /**
   * Without SMTP_URL, serve the stored mails at /dev/mail to system administrators (never in production).
   * Off by default: the mails hold password reset links. `npm start` turns it on for the demo.
   */
  DEV_MAIL_OUTBOX: boolish.default(false),
  MAIL_FROM: z.string().default('Cổng dịch vụ công <no-reply@egov.local>'),
  /**
   * An HTTP "SMS Brandname" gateway (SpeedSMS-shaped JSON API, ADR 0020 addendum): the send URL, the
   * account's token and the registered brandname. Without SMS_URL, SMS go to the development outbox.
   */
  SMS_URL: z.url().optional(),
  SMS_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  SMS_BRANDNAME: z
    .string()
    .regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'at most 11 letters, digits, spaces, dots, dashes')
    .optional(),
  /** Without SMS_URL, serve the stored SMS at /dev/sms to system administrators (never in production). */
  DEV_SMS_OUTBOX: boolish.default(false),
  /** Secret for signing cookies and OIDC keys; generated into DATA_DIR when absent (development only). */
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Seals the PKI's private keys (AES-256-GCM); required in production, derived from APP_SECRET in development. */
  KEY_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(8 * 3600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  /** Rate limits on: login, codes, registration, password reset, tracking, anonymous API (README). */
  RATE_LIMIT_ENABLED: boolish.default(true),
  /** Overrides of the limits, `name=max/seconds` comma-separated (e.g. `login.ip=20/60,track.ip=10/60`). */
  RATE_LIMITS: z.string().max(2000).optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Bounds of every JSON body, checked before parsing (413 naming the limit; ADR 0016). */
  JSON_MAX_DEPTH: z.coerce.number().int().min(2).max(10_000).default(32),
  JSON_MAX_ARRAY_LENGTH: z.coerce.number().int().min(1).default(10_000),
  JSON_MAX_OBJECT_KEYS: z.coerce.number().int().min(1).default(1_000),
  JSON_MAX_STRING_LENGTH: z.coerce
    .number()
    .int()
    .min(1)
    .default(256 * 1024),
  JOBS_POLL_MS: z.coerce.number().int().min(10).default(500),
  /** How often committed audit events are chained (ADR 0012). */
  AUDIT_SEAL_MS: z.coerce.number().int().min(10).default(250),
  /** Start the background workers in this process. */
  WORKERS: boolish.default(true),
  /**
   * Where to report a vulnerability of this deployment: comma-separated `mailto:`/`https:` URIs, published in
   * /.well-known/security.txt (RFC 9116). Unset: no security.txt, and a warning at a production start.
   */
  SECURITY_CONTACT: z
    .string()
    .max(1000)
    .refine((v) => v.split(',').every((c) => /^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(c.trim())), {
      message: 'must be mailto: or https: URIs, separated by commas',
    })
    .optional(),
  /** The deployment's vulnerability disclosure policy (an https: URL), the Policy field of security.txt. */
  SECURITY_POLICY_URL: z.url({ protocol: /^https$/ }).optional(),
  /** Serve the built web app from apps/web/dist. */
  SERVE_WEB: boolish.default(true),
  /**
   * Bank push notifications (SePay's webhook, ADR 0027 addendum): the API key SePay sends as
   * `Authorization: Apikey …` to `POST /api/payments/bank-notifications/sepay`. Unset: the route answers 404.
   */
  BANK_PUSH_SEPAY_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Payments: mount the sandbox gateways at /sandbox (default: on except in production). */
  PAYMENT_SANDBOX: boolish.optional(),
  /**
   * The national portal's dossier status sync (Cổng DVCQG, vn-standards §4.5): base URL and bearer token.
   * Unset: the built-in simulator at /sandbox/dvcqg-sync when DVCQG_SYNC_SANDBOX is on (default: in development
   * only, so that test suites do not post to a server that is not listening), else nothing is sent.
   */
  DVCQG_SYNC_SANDBOX: boolish.optional(),
  DVCQG_SYNC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DVCQG_SYNC_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PAYMENT_DEFAULT_GATEWAY: z.enum(['dvcqg', 'vnpay']).default('dvcqg'),
  /** Minutes a payer has to finish at the gateway before the payment is given up. */
  PAYMENT_EXPIRE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** The national portal's payment platform (base URL of INIT/QUERY/GET_BILL); default: the sandbox. */
  DVCQG_PAYMENT_URL: z.url().optional(),
  DVCQG_PARTNER_CODE: z.string().min(1).max(50).optional(),
  DVCQG_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Redirect gateway (VNPAY style): payment page, transaction API, daily transaction file; default: the sandbox. */
  VNPAY_PAYMENT_URL: z.url().optional(),
  VNPAY_API_URL: z.url().optional(),
  VNPAY_RECONCILE_URL: z.url().optional(),
  VNPAY_TMN_CODE: z
    .string()
    .regex(/^[A-Z0-9]{8}$/, 'must be 8 letters or digits')
    .optional(),
  VNPAY_HASH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Electronic receipts: template code (mẫu số) and the two letters of the serial (ký hiệu). */
  RECEIPT_TEMPLATE_CODE: z.string().min(1).max(20).default('01BLP0-001'),
  RECEIPT_SERIAL_PREFIX: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be two capital letters')
    .default('BL'),
  /**
   * National identity provider (VNeID) as an OpenID Provider the platform trusts (ADR 0015). Without
   * VNEID_ISSUER, the VNeID sandbox is mounted at /sandbox/vneid (default: on except in production).
   */
  VNEID_ISSUER: z.url().optional(),
  VNEID_CLIENT_ID: z.string().min(1).max(200).default('egov-portal'),
  VNEID_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The ID token claim carrying the personal ID number (assumed name, see ADR 0015). */
  VNEID_ID_CLAIM: z
    .string()
    .regex(/^[a-z_]{2,50}$/)
    .default('citizen_pid'),
  VNEID_SCOPE: z.string().max(200).default('openid profile email citizen'),
  VNEID_SANDBOX: boolish.optional(),
  /**
   * Feedback (phản ánh, kiến nghị), ADR 0020: working days to answer, and to forward what the
   * receiving agency is not competent for, with the legal reference each limit shows.
   */
  FEEDBACK_ANSWER_DAYS: z.coerce.number().int().min(1).max(90).default(15),
  FEEDBACK_ANSWER_BASIS: z
    .string()
    .min(1)
    .max(300)
    .default('Nghị định 20/2008/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP)'),
  FEEDBACK_FORWARD_DAYS: z.coerce.number().int().min(1).max(30).default(5),
  FEEDBACK_FORWARD_BASIS: z.string().min(1).max(300).default('Nghị định 20/2008/NĐ-CP, Điều 9'),
  /**
   * Hours after which attachments uploaded for feedback and never filed are removed by the hourly
   * clean-up, with their bytes unless shared: an anonymous filer's (with a verification no longer
   * open) and a logged-in filer's uploads to the form (`feedback-user:`; ADR 0020 addenda 4–6).
   */
  FEEDBACK_UNFILED_UPLOAD_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /**
   * One-stop receipt regardless of administrative boundaries within a province (ADR 0028): the legal
   * reference printed and recorded on the hand-over, and the working days a paper dossier may take
   * to reach the competent agency, added to the procedure's time on the appointment date (0: the
   * dossier reaches it the day it is received, or the next working morning after 15:00).
   */
  ONE_STOP_ANYWHERE_BASIS: z.string().min(1).max(300).default('Nghị định 118/2025/NĐ-CP, Điều 14 khoản 2'),
  ONE_STOP_TRANSFER_DAYS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The legal reference of that transfer time, recorded on the hand-over next to the days and shown to the
   * desk (docs/legal/decree-118-circular-03.md: the decree's own wording on the time to hand a dossier on was
   * not found; without a value the hand-over cites ONE_STOP_ANYWHERE_BASIS, the provision that has the
   * receiving centre send the dossier on).
   */
  ONE_STOP_TRANSFER_BASIS: z.string().min(1).max(300).optional(),
  /**
   * The name of a one-stop unit's register book (quyển số of the sổ theo dõi hồ sơ, Mẫu 07) for a year:
   * `{year}` (2026), `{yy}` (26) and `{agency}` (the unit's code) are replaced. Each unit keeps one book a
   * year, its entries (số thứ tự) numbered from 1 at reception; the name is fixed when the year's first
   * dossier is entered, so a change applies from the next year's book.
   */
  ONE_STOP_REGISTER_BOOK: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((s) => /\{(year|yy)\}/.test(s), 'must contain {year} or {yy}: each year has its own book')
    .default('01/{year}'),
  /** Petitions: defaults until an agency sets its own threshold, window and response time. */
  PETITION_THRESHOLD: z.coerce.number().int().min(1).default(100),
  PETITION_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PETITION_RESPONSE_DAYS: z.coerce.number().int().min(1).max(90).default(15),
  /** Document exchange (trục liên thông): `hub` routes between nodes and serves its own agencies; `node` talks to a hub. */
  EXCHANGE_ROLE: z.enum(['hub', 'node']).default('hub'),
  /** The hub's base URL (node role). */
  EXCHANGE_HUB_URL: z.url().optional(),
  /** This deployment's id in the exchange (the hub operator registers nodes under it). */
  EXCHANGE_NODE_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes')
    .default('hub'),
  /** Ed25519 private key (PKCS#8 DER, base64) that signs this node's requests; generated into DATA_DIR outside production. */
  EXCHANGE_NODE_KEY: z.string().min(40).optional(),
  /** The hub's Ed25519 public key (SPKI DER, base64): nodes accept only deliveries it signed. */
  EXCHANGE_HUB_KEY: z.string().min(40).optional(),
  /** Agency codes (comma-separated) whose subtrees this deployment serves in the exchange; default every agency of the directory. */
  EXCHANGE_AGENCIES: z
    .string()
    .regex(/^[0-9A-Z.]+(,[0-9A-Z.]+)*$/, 'comma-separated agency codes')
    .optional(),
  EXCHANGE_MAX_PACKAGE_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(40 * 1024 * 1024),
  /** Longest wait between two delivery attempts (exponential backoff from 1 s up to this). */
  EXCHANGE_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10 * 60_000),
  EXCHANGE_POLL_MS: z.coerce.number().int().min(10).default(250),
  /** How often a node re-registers its agencies and refreshes the federation's roots. */
  EXCHANGE_SYNC_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  /**
   * RSA-SHA1 package seals (what the national exchange still signs): `accept` verifies them and marks the
   * report "legacy algorithm" (ADR 0017); `refuse` refuses them. This platform never signs with SHA-1.
   */
  /** A delivery the next hop refuses (401/403) is set aside for the operator this long after it was queued. */
  EXCHANGE_REFUSED_GIVE_UP_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30 * 60_000),
  EXCHANGE_LEGACY_SHA1: z.enum(['accept', 'refuse']).default('accept'),
  /**
   * How packages travel (ADR 0017 addendum): `federation` (signed HTTP to our hub, ADR 0005) or `lgsp`
   * (a province's exchange platform through its REST API: POST/GET/PUT /vanbans).
   */
  EXCHANGE_TRANSPORT: z.enum(['federation', 'lgsp']).default('federation'),
  /** LGSP transport: the API base, e.g. https://lgsp.example.gov.vn/truclienthong/v1.0.0. */
  LGSP_BASE_URL: z.url().optional(),
  /** LGSP transport: the OAuth2 token endpoint (client credentials); default the API's origin + /token. */
  LGSP_TOKEN_URL: z.url().optional(),
  /** LGSP transport: the OAuth2 client (consumer key and secret) the LGSP operator issued. */
  LGSP_CLIENT_ID: z.string().min(1).max(200).optional(),
  LGSP_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /** LGSP transport: the unit (đơn vị liên thông) this deployment is, and its secret sent on every call. */
  LGSP_UNIT_CODE: z
    .string()
    .regex(/^[0-9A-Z.]{1,35}$/, 'an agency code')
    .optional(),
  LGSP_UNIT_SECRET: z.string().min(16).max(200).optional(),
  /**
   * LGSP transport, a deployment that is several units of the LGSP (a province's deployment serving many
   * agencies): a JSON array `[{"code": "000.00.00.H26", "agency": "H26", "secret": "…"}, …]`, or `@/path`
   * of a file holding it (readable by the service only). Each unit sends what its agency (or a unit below
   * it) sends with its own secret and receives its own mailbox into its agency. With LGSP_UNIT_CODE too,
   * that unit comes first and stands for the agencies no listed unit covers.
   */
  LGSP_UNITS: z.string().min(1).max(200_000).optional(),
  /** LGSP transport: a PEM file of the CA certificates whose seals are accepted on packages that arrive. */
  LGSP_TRUSTED_CAS: z.string().min(1).optional(),
  /** LGSP transport: how often the incoming list (GET /vanbans) is polled. */
  LGSP_POLL_MS: z.coerce.number().int().min(10).default(5000),
  /** Video meetings (e-Cabinet): the Jitsi or BigBlueButton base URL the platform builds room links on. */
  MEETINGS_VIDEO_BASE_URL: z.string().url().default('https://meet.jit.si'),
  /** Gateway (NGSP/LGSP), ADR 0026: a call to another deployment fails after this long without an answer. */
  GATEWAY_PEER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** How often the message log is chained and batch time-stamped by the platform's TSA. */
  GATEWAY_STAMP_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * Gateway client authentication by mutual TLS (ADR 0026 addendum): an HTTPS port serving the gateway's
   * API to clients with a TLS client certificate of the platform CA. Unset: no such listener.
   */
  GATEWAY_MTLS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** The mutual-TLS listener's own certificate (PEM with its chain) and key; unset: issued by the platform CA at start. */
  GATEWAY_MTLS_CERT: z.string().min(1).optional(),
  GATEWAY_MTLS_KEY: z.string().min(1).optional(),
  /**
   * Where providers' REST back ends may be (ADR 0026 addendum): a comma-separated list of host names,
   * `*.suffix` wildcards, IP addresses and CIDR ranges; a published base URL and every forwarded call must
   * match it. Unset: any http(s) host, but never loopback, 0.0.0.0 or link-local (cloud metadata) addresses.
   */
  GATEWAY_BACKEND_ALLOW: z.string().trim().max(4000).optional(),
  /** A back end that accepts no connection within this long fails the call (502). */
  GATEWAY_BACKEND_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** A back end whose whole answer takes longer fails the call (504). */
  GATEWAY_BACKEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** The largest answer a back end may give (bytes); larger fails the call (502). */
  GATEWAY_BACKEND_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
});

export type Config = z.infer<typeof configSchema> & { version: string; publicUrl: string };

export class ConfigError extends Error {}

/** Parse the environment once; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.KEY_ENCRYPTION_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  KEY_ENCRYPTION_KEY: required in production (at least 32 characters)',
    );
  }
  if (c.SMS_URL && (!c.SMS_TOKEN || !c.SMS_BRANDNAME)) {
    throw new ConfigError(
      `Invalid configuration:\n${[!c.SMS_TOKEN && '  SMS_TOKEN: required with SMS_URL', !c.SMS_BRANDNAME && '  SMS_BRANDNAME: required with SMS_URL'].filter(Boolean).join('\n')}`,
    );
  }
  if (c.DVCQG_SYNC_URL && !c.DVCQG_SYNC_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  DVCQG_SYNC_TOKEN: required with DVCQG_SYNC_URL');
  }
  try {
    parseLimits(c.RATE_LIMITS);
  } catch (e) {
    throw new ConfigError(`Invalid configuration:\n  ${(e as Error).message}`);
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return { ...c, version: readVersion(), publicUrl };
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    return String(pkg.version);
  } catch {
    return '0.0.0';
  }
}
