import type { SandboxStore } from './sandbox-store.js';

export type Outcome =
  | 'success'
  | 'failure'
  | 'timeout'
  | 'wrong_amount'
  // VNPAY only: debited, then reversed (04, no notification); debited but suspected fraud (07);
  // paid, but the bank will refuse a refund (09).
  | 'reversed'
  | 'suspected_fraud'
  | 'refund_refused';

/**
 * Send a notification to the merchant over HTTP, as the real gateway would, and keep what was sent
 * and answered (the tester can replay it to check duplicate handling). A merchant that does not
 * answer is not retried: the merchant's QUERY is what recovers a lost notification.
 */
export async function deliver(
  store: SandboxStore,
  reference: string,
  n: { method: 'GET' | 'POST'; url: string; payload: string },
) {
  const at = new Date().toISOString();
  let status: number | null = null;
  let answer: string | null = null;
  try {
    const res =
      n.method === 'GET'
        ? await fetch(`${n.url}?${n.payload}`, { signal: AbortSignal.timeout(10_000) })
        : await fetch(n.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: n.payload,
            signal: AbortSignal.timeout(10_000),
          });
    status = res.status;
    answer = (await res.text()).slice(0, 2000);
  } catch (e) {
    answer = `unreachable: ${(e as Error).name}`;
  }
  store.log({ reference, at, ...n, status, answer });
}
