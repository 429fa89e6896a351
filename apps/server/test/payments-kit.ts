import { expect } from 'vitest';
import { blankPdf, buildProcedureContent } from './factories.js';
import { createTestPlatform, type DbKind, freePort, type TestPlatform } from './harness.js';

/** The whole platform listening on loopback: our gateway clients reach the sandbox, and it calls us back, over real HTTP. */
export async function listeningPlatform(kind: DbKind): Promise<TestPlatform & { base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const p = await createTestPlatform(kind, { env: { PUBLIC_URL: base } });
  await p.app.listen({ port, host: '127.0.0.1' });
  return Object.assign(p, { base });
}

export const FEE = 100_000;

/** Publish a test procedure at H26 with the given fees. */
export async function feeProcedure(
  p: TestPlatform,
  adminToken: string,
  code: string,
  over: Record<string, unknown> = {},
) {
  const body = {
    code,
    ...buildProcedureContent({
      name: `Thủ tục có lệ phí ${code}`,
      fees: [
        { label: 'Lệ phí cấp giấy', amount: 70_000 },
        { label: 'Phí thẩm định', amount: 30_000 },
      ],
      feeCollection: 'before',
      ...over,
    }),
  };
  const r = await p.call('POST', '/api/procedures', { token: adminToken, body });
  expect(r.statusCode, r.body).toBe(201);
  expect((await p.call('POST', `/api/procedures/${code}/publish`, { token: adminToken })).statusCode).toBe(200);
}

let pdf: Buffer | null = null;
async function upload(p: TestPlatform, token: string) {
  if (!pdf) {
    pdf = await blankPdf();
  }
  return p.upload(token, pdf, 'to-khai.pdf', 'application/pdf');
}

/** A citizen files a dossier for the procedure online at H26; returns its code. */
export async function fileDossier(p: TestPlatform, token: string, procedureCode: string): Promise<string> {
  const attachments = [
    { documentId: 'to_khai', fileId: await upload(p, token) },
    { documentId: 'giay_chung_sinh', fileId: await upload(p, token) },
  ];
  const r = await p.call('POST', '/api/dossiers', {
    token,
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: {
      procedureCode,
      agencyCode: 'H26',
      formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
      attachments,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().code as string;
}

/** The payer starts paying dossier `code`'s fee at `gateway` (the default one when absent), with Idempotency-Key `key`. */
export function startPayment(
  p: TestPlatform,
  token: string,
  code: string,
  gateway?: string,
  key: string = crypto.randomUUID(),
) {
  return p.call('POST', `/api/dossiers/${encodeURIComponent(code)}/payments`, {
    token,
    headers: { 'idempotency-key': key },
    body: gateway ? { gateway } : {},
  });
}

/** The payment `id` as `token` sees it. */
export async function paymentOf(p: TestPlatform, token: string, id: string) {
  return (await p.call('GET', `/api/payments/${id}`, { token })).json();
}

export type SandboxOutcome =
  | 'success'
  | 'failure'
  | 'timeout'
  | 'wrong_amount'
  // VNPAY sandbox only: reversed after the debit (04), suspected fraud (07), the bank will refuse a refund (09).
  | 'reversed'
  | 'suspected_fraud'
  | 'refund_refused';

/**
 * What a payer's browser does at the sandbox gateway: open the payment page, press the button of
 * the outcome; returns where the gateway sends the browser next (if anywhere) and the page text.
 */
export async function payAtGateway(
  redirectUrl: string,
  outcome: SandboxOutcome,
): Promise<{ location: string | null; page: string }> {
  const page = await fetch(redirectUrl);
  const html = await page.text();
  expect(page.status, html).toBe(200);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  expect(action, html).toBeTruthy();
  const done = await fetch(new URL(action!.replace(/&amp;/g, '&'), redirectUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome }),
    redirect: 'manual',
  });
  return { location: done.headers.get('location'), page: await done.text() };
}

/** The notifications the sandbox sent for a reference (as a tester reads them). */
export async function sentNotifications(base: string, reference: string) {
  const r = await fetch(`${base}/sandbox/notifications?reference=${encodeURIComponent(reference)}`);
  return (
    (await r.json()) as {
      items: { method: 'GET' | 'POST'; url: string; payload: string; status: number | null; answer: string | null }[];
    }
  ).items;
}

/** Replay a notification exactly as the gateway sent it (or altered), like a second delivery. */
export async function replay(n: { method: 'GET' | 'POST'; url: string; payload: string }) {
  const res =
    n.method === 'GET'
      ? await fetch(`${n.url}?${n.payload}`)
      : await fetch(n.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: n.payload });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}
