import { desc } from 'drizzle-orm';
import type { Db, Executor } from '../db/index.js';
import { newId } from '../ids/index.js';
import { enqueueJob, type JobRunner } from '../jobs/index.js';
import { devSms } from './db/schema.js';

export { displayVnPhone, maskVnPhone, normalizeVnPhone } from './phone.js';

export interface SmsMessage {
  /** E.164 Vietnamese number (`+84912345678`, see normalizeVnPhone). */
  to: string;
  text: string;
}

export interface SmsTransport {
  readonly kind: 'gateway' | 'outbox';
  deliver(msg: SmsMessage): Promise<void>;
}

export const SEND_SMS_JOB = 'platform.send-sms';

/** The gateway refused the message or could not be reached; the job retries it. */
export class SmsDeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'SmsDeliveryError';
  }
}

/**
 * Brandname SMS operators accept Vietnamese without diacritics (a Unicode message costs two to
 * three parts and some brandnames refuse it): `Mã xác nhận` → `Ma xac nhan`.
 */
export function toGsmText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export interface SmsGatewayOptions {
  /** The operator's send endpoint (SMS_URL). */
  url: string;
  /** The account's API token (SMS_TOKEN), sent as HTTP Basic user name; never logged. */
  token: string;
  /** The registered brandname (SMS_BRANDNAME), the sender the phone shows. */
  brandname: string;
  timeoutMs?: number;
}

/**
 * An HTTP "SMS Brandname" gateway in the shape SpeedSMS documents (one of the Vietnamese
 * operators' resellers): `POST {url}` with HTTP Basic `token:x` and JSON
 * `{to: ["84912345678"], content, sms_type: 3, sender: brandname}` (type 3: sent under a
 * brandname); it answers `{status: "success", code: "00", data: {tranId, …}}` or
 * `{status: "error", code, message}`. Any other answer is a failure the job retries.
 */
export function smsGatewayTransport(o: SmsGatewayOptions): SmsTransport {
  const auth = `Basic ${Buffer.from(`${o.token}:x`).toString('base64')}`;
  return {
    kind: 'gateway',
    async deliver(msg) {
      let res: Response;
      try {
        res = await fetch(o.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', authorization: auth },
          body: JSON.stringify({
            to: [msg.to.replace(/^\+/, '')],
            content: toGsmText(msg.text),
            sms_type: 3,
            sender: o.brandname,
          }),
          signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        });
      } catch (e) {
        throw new SmsDeliveryError(`SMS gateway unreachable: ${(e as Error).message}`, null, null);
      }
      const body = (await res.json().catch(() => null)) as { status?: string; code?: string; message?: string } | null;
      if (!res.ok || body?.status !== 'success')
        throw new SmsDeliveryError(
          `SMS gateway refused the message (HTTP ${res.status}${body?.code ? `, code ${body.code}` : ''}${body?.message ? `: ${body.message}` : ''})`,
          res.status,
          body?.code ?? null,
        );
    },
  };
}

/** Development outbox: the message is stored and shown at /dev/sms. */
export function smsOutboxTransport(db: Db): SmsTransport {
  return {
    kind: 'outbox',
    async deliver(msg) {
      await db.insert(devSms).values({ id: newId('sms'), to: msg.to, text: msg.text });
    },
  };
}

/** Queue an SMS in the caller's transaction; a worker delivers it with retries. */
export async function queueSms(tx: Executor, msg: SmsMessage) {
  await enqueueJob(tx, SEND_SMS_JOB, { to: msg.to, text: msg.text });
}

export function registerSmsJob(runner: JobRunner, transport: SmsTransport) {
  runner.register(SEND_SMS_JOB, async (payload) => {
    await transport.deliver({ to: String(payload.to), text: String(payload.text) });
  });
}

export async function listSmsOutbox(db: Executor, limit = 50) {
  return db.select().from(devSms).orderBy(desc(devSms.createdAt)).limit(limit);
}
