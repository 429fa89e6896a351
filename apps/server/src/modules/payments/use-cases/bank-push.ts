import { timingSafeEqual } from 'node:crypto';
import { systemActor } from '../../../platform/http/auth.js';
import { AppError } from '../../../platform/http/errors.js';
import { fromVnWallClock } from '../../../platform/time/vn-time.js';
import { recordAudit } from '../../audit/index.js';
import type { PaymentsContext } from '../payments.context.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { keepUnmatchedPush } from './bank-pushes.js';
import { matchKey, settleTransfer } from './vietqr.js';

/**
 * One transaction as SePay (a bank-account aggregator) pushes it to a webhook: the fields of its documented
 * payload (developer.sepay.vn, "Tích hợp webhook"; the same names in its own Laravel package's
 * `SePayWebhookData`). `transactionDate` is the bank's wall clock in Vietnam.
 */
export interface SepayNotice {
  id: number | string;
  gateway: string;
  transactionDate: string;
  accountNumber: string | null;
  subAccount?: string | null;
  code?: string | null;
  content: string;
  transferType: 'in' | 'out';
  transferAmount: number;
  accumulated?: number | null;
  referenceCode?: string | null;
  description?: string | null;
}

export type BankPushOutcome =
  | { matched: true; paymentId: string; replayed: boolean }
  | {
      matched: false;
      reason: 'OUTGOING' | 'NOT_MATCHED' | 'AMOUNT_MISMATCH' | 'PAYMENT_NOT_PENDING' | 'BANK_TXN_USED';
    };

const PUSH_ACTOR = { ...systemActor, actorName: 'bank:sepay' };

/** `Authorization: Apikey <key>` (SePay's "API Key" authentication), compared in constant time. */
export function checkSepayKey(ctx: PaymentsContext, authorization: string | undefined): void {
  const expected = ctx.settings.bankPush.sepayApiKey;
  if (!expected)
    throw new AppError(404, 'BANK_PUSH_NOT_CONFIGURED', 'Bank push notifications are not configured here.');
  const given = /^Apikey\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new AppError(
      401,
      'BANK_PUSH_UNAUTHENTICATED',
      'The notification does not carry this deployment’s key.',
      {},
      undefined,
      { 'www-authenticate': 'Apikey' },
    );
}

/** "2023-03-25 14:02:37" in Vietnam; null when the bank wrote something else (the receipt then takes now). */
function paidAtOf(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  return fromVnWallClock(y!, mo!, d!, h!, mi!, se!);
}

/**
 * A bank's push of a transaction on a fee account: an incoming transfer whose content carries the reference of a
 * pending VietQR payment, into that payment's agency's own account, for its amount, settles it as an officer's
 * report would (receipt, dossier history); the bank's reference (else the aggregator's id) is the transaction
 * number, so the same transfer pushed twice, or pushed and also reported by an officer, settles once. What cannot
 * be settled is answered as received (the aggregator would only retry it), audited, and kept for the agency's
 * payments officer, who matches it to a waiting payment by hand or sets it aside (`bank-pushes.ts`).
 */
export async function receiveSepayNotice(ctx: PaymentsContext, n: SepayNotice): Promise<BankPushOutcome> {
  if (n.transferType !== 'in') return { matched: false, reason: 'OUTGOING' };
  const bankTxnId = (n.referenceCode?.trim() || `SEPAY-${n.id}`).slice(0, 100);
  const accounts = new Set([n.accountNumber, n.subAccount].filter((a): a is string => !!a).map((a) => a.trim()));
  const key = matchKey(n.content);
  const candidates: PaymentRow[] = [];
  for (const c of key.length >= 6 ? await repo.transfersMatching(ctx.db, key) : []) {
    // Only money that reached the account of the payment's own agency pays for it.
    const account = await repo.collectionAccount(ctx.db, c.agencyCode);
    if (account && accounts.has(account.accountNumber)) candidates.push(c);
  }
  const pay0 =
    candidates.find((c) => c.gatewayTxnId === bankTxnId) ??
    candidates.find((c) => c.status === 'pending') ??
    candidates[0];
  const unmatched = async (reason: Exclude<BankPushOutcome, { matched: true }>['reason'], paymentId?: string) => {
    await ctx.db.transaction(async (tx) => {
      // Kept for the agency's payments officer to match by hand or set aside (the bank-pushes page).
      const kept = await keepUnmatchedPush(ctx, tx, {
        provider: 'sepay',
        bankTxnId,
        bank: n.gateway,
        accountNumbers: [...accounts],
        amount: n.transferAmount,
        content: n.content,
        transactionAt: paidAtOf(n.transactionDate),
        reason,
        candidate: candidates.find((c) => c.id === paymentId),
      });
      await recordAudit(
        tx,
        PUSH_ACTOR,
        {
          action: 'payment.transfer_push_unmatched',
          subjectType: 'payment',
          subjectId: paymentId ?? bankTxnId,
          after: {
            reason,
            bankTxnId,
            account: n.accountNumber,
            amount: n.transferAmount,
            content: n.content.slice(0, 200),
            bank: n.gateway,
            pushId: kept.id,
          },
        },
        ctx.clock.now(),
      );
    });
    return { matched: false as const, reason };
  };
  if (!pay0) return unmatched('NOT_MATCHED');
  try {
    const r = await settleTransfer(ctx, PUSH_ACTOR, pay0, {
      content: n.content,
      amount: n.transferAmount,
      bankTxnId,
      paidAt: paidAtOf(n.transactionDate) ?? undefined,
      byName: `Ngân hàng ${n.gateway} (SePay)`.slice(0, 200),
      audit: 'payment.transfer_pushed',
    });
    return { matched: true, paymentId: r.payment.id, replayed: r.replayed };
  } catch (err) {
    const code = (err as { code?: string; errors?: { code: string }[] }).errors?.[0]?.code ?? (err as AppError).code;
    if (code === 'AMOUNT_MISMATCH' || code === 'PAYMENT_NOT_PENDING' || code === 'BANK_TXN_USED')
      return unmatched(code, pay0.id);
    throw err;
  }
}
