import { randomInt } from 'node:crypto';
import { BanksObject, QRPay } from 'vietnam-qr-pay';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { withIdempotency } from '../../../platform/idempotency/index.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import type { PaymentsContext } from '../payments.context.js';
import { ACCOUNT_SETTERS, hasAnyRole, TRANSFER_REPORTERS } from '../payments.policy.js';
import type { Executor } from '../../../platform/db/index.js';
import { bankPushesRepository as pushes } from '../bank-pushes.repository.js';
import { type PaymentRow, paymentsRepository as repo } from '../payments.repository.js';
import { initialObligation } from './obligations.js';
import { settleFailed, settlePaid } from './settle.js';

/**
 * EMVCo "purpose of transaction" (field 62, sub-field 08) is at most 25 characters; banks carry it
 * to the statement as the transfer content (nội dung chuyển khoản), and many drop diacritics and
 * punctuation on the way, so matching compares letters and digits only.
 */
export const TRANSFER_CONTENT_MAX = 25;
const TAG_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'; // no 0/O, 1/I/L, U: read from a phone without doubt

/** Letters and digits in upper case: how a reported transfer content is compared with our references. */
export const matchKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'D')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');

/**
 * The transfer content of one attempt: the dossier code as printed on its receipt, then a three-
 * character tag of the attempt, so a second QR for the same dossier is told apart. Past 25
 * characters the code drops its QCVN 102 `000.00.00.` prefix (tracking finds a code without it),
 * then its separators, then its leading characters (the tail is the date and the daily number).
 */
export function transferContent(dossierCode: string, tag: string): string {
  const fits = (c: string) => `${c} ${tag}`.length <= TRANSFER_CONTENT_MAX;
  const short = dossierCode.replace(/^\d{3}\.\d{2}\.\d{2}\./, '');
  const compact = short.replace(/[^0-9A-Za-z]/g, '');
  const code = [dossierCode, short, compact].find(fits) ?? compact.slice(-(TRANSFER_CONTENT_MAX - tag.length - 1));
  return `${code} ${tag}`;
}

const newTag = () => Array.from({ length: 3 }, () => TAG_ALPHABET[randomInt(TAG_ALPHABET.length)]).join('');

export interface CollectionAccount {
  bankBin: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
}

/** The NAPAS VietQR payload (EMVCo merchant-presented, service QRIBFTTA: transfer to an account), built by `vietnam-qr-pay`. */
export function vietQrPayload(a: CollectionAccount, amount: number, content: string): string {
  return QRPay.initVietQR({
    bankBin: a.bankBin,
    bankNumber: a.accountNumber,
    amount: String(amount),
    purpose: content,
  }).build();
}

/** Banks that take VietQR transfers (NAPAS BIN and short name), from the library's list. */
export function vietQrBanks() {
  return Object.values(BanksObject)
    .filter((b) => b.vietQRStatus === 1 && /^\d{6}$/.test(b.bin))
    .map((b) => ({ bin: b.bin, shortName: b.shortName, name: b.name }))
    .sort((x, y) => x.shortName.localeCompare(y.shortName));
}

/** What the payer needs to transfer: the QR payload and the same facts in words. */
export async function transferView(ctx: PaymentsContext, pay: PaymentRow) {
  if (pay.gateway !== 'vietqr' || pay.status !== 'pending' || !pay.transferRef) return null;
  const a = await repo.collectionAccount(ctx.db, pay.agencyCode);
  if (!a) return null;
  return {
    payload: vietQrPayload(a, pay.amount, pay.transferRef),
    content: pay.transferRef,
    amount: pay.amount,
    bankBin: a.bankBin,
    bankName: a.bankName,
    accountNumber: a.accountNumber,
    accountName: a.accountName,
  };
}

/**
 * The applicant chooses to pay by bank transfer: a pending payment whose reference is the transfer
 * content, and its VietQR. Idempotent per key; a second request while one QR is pending answers it.
 */
export async function startTransfer(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  key: string | undefined,
) {
  if (p.kind === 'staff' || p.kind === 'client')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Transfers by QR are for the applicant; officers record payments.');
  const d = await ctx.dossier(code, p);
  if (!d.access.isApplicant) throw new ForbiddenError('NOT_APPLICANT', 'Only the applicant pays.');
  if (d.terminal) throw new ConflictError('DOSSIER_CLOSED', 'The dossier is closed.', { state: d.state });
  const account = await repo.collectionAccount(ctx.db, d.agencyCode);
  if (!account)
    throw new ConflictError('NO_COLLECTION_ACCOUNT', 'The agency has not given a bank account for fees.', {
      agencyCode: d.agencyCode,
    });
  const agency = await ctx.directory.find(d.agencyCode);
  const r = await withIdempotency(ctx.db, `payment.vietqr:${p.userId}`, key, { code: d.code }, async (tx) => {
    const now = ctx.clock.now();
    const o = await repo.lockOrCreateObligation(tx, initialObligation(d, now));
    if (o.status === 'paid') throw new ConflictError('FEE_ALREADY_PAID', 'The fee is already paid.');
    if (o.status === 'none' || o.amount <= 0) throw new ConflictError('NO_FEE_DUE', 'Nothing is due for this dossier.');
    const live = await repo.livePayment(tx, o.id);
    if (live?.status === 'paid') throw new ConflictError('FEE_ALREADY_PAID', 'The fee is already paid.');
    if (live?.gateway === 'vietqr' && live.status === 'pending') return { status: 200, body: { paymentId: live.id } };
    if (live)
      throw new ConflictError('PAYMENT_PENDING', 'Another payment of this fee is in progress.', {
        paymentId: live.id,
      });
    const content = transferContent(d.code, newTag());
    const pay = await repo.insertPayment(tx, {
      id: newId('pay'),
      obligationId: o.id,
      dossierCode: d.code,
      agencyCode: d.agencyCode,
      reference: matchKey(content),
      gateway: 'vietqr',
      method: 'transfer',
      amount: o.amount,
      status: 'pending',
      payerId: p.userId,
      payerName: d.applicant.fullName,
      payerIdNumber: d.applicant.idNumber,
      agencyName: agency?.name ?? d.agencyCode,
      procedureName: d.procedureName,
      transferRef: content,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.started',
        subjectType: 'payment',
        subjectId: pay.id,
        after: { dossier: d.code, gateway: 'vietqr', amount: pay.amount, reference: pay.reference },
      },
      now,
    );
    return { status: 201, body: { paymentId: pay.id } };
  });
  return { status: r.status, paymentId: r.body.paymentId, replayed: r.replayed };
}

/** The payer gives up a QR not yet paid (to pay another way); a transfer reported later finds it closed. */
export async function cancelTransfer(ctx: PaymentsContext, actor: ActorContext, p: Principal, paymentId: string) {
  const pay0 = await repo.payment(ctx.db, paymentId);
  if (!pay0 || pay0.payerId !== p.userId) throw new NotFoundError('PAYMENT_NOT_FOUND', 'No such payment.');
  if (pay0.gateway !== 'vietqr')
    throw new ConflictError('NOT_A_TRANSFER', 'Only a bank transfer by QR can be cancelled by the payer.');
  return ctx.db.transaction(async (tx) => {
    const pay = (await repo.lockPayment(tx, paymentId))!;
    if (pay.status === 'failed' && pay.failureCode === 'CANCELLED') return pay;
    if (pay.status !== 'pending')
      throw new ConflictError('PAYMENT_NOT_PENDING', 'This payment is no longer waiting.', { status: pay.status });
    return settleFailed(ctx, tx, pay, 'CANCELLED', 'transfer', actor);
  });
}

export interface TransferReport {
  /** The content as the bank statement shows it (the bank may add its own words around ours). */
  content: string;
  amount: number;
  /** The bank's transaction number: one statement line settles one payment, once. */
  bankTxnId: string;
  paidAt?: Date;
}

/**
 * An officer reports a transfer seen on the agency's account: it is matched on the reference (the
 * QR's transfer content, letters and digits only, found inside what the bank shows), checked for
 * the amount, and settles the payment with a receipt. Reporting the same bank transaction again
 * answers the payment it settled.
 */
export async function reportTransfer(ctx: PaymentsContext, actor: ActorContext, p: Principal, input: TransferReport) {
  if (p.kind !== 'staff' || !hasAnyRole(p, TRANSFER_REPORTERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Desk officers, leaders and agency administrators report transfers.');
  const bankTxnId = input.bankTxnId.trim();
  const key = matchKey(input.content);
  const mine: PaymentRow[] = [];
  for (const c of key.length >= 6 ? await repo.transfersMatching(ctx.db, key) : []) {
    // Another agency's payments are not this officer's to settle, nor to learn about.
    const d = await ctx.dossier(c.dossierCode, p, { staffOnly: true }).catch(() => null);
    if (d?.access.inAgency) mine.push(c);
  }
  const pay0 = mine.find((c) => c.gatewayTxnId === bankTxnId) ?? mine.find((c) => c.status === 'pending') ?? mine[0];
  if (!pay0)
    throw ValidationError.field('content', 'TRANSFER_NOT_MATCHED', 'No bank transfer of this agency has this content.');
  return settleTransfer(ctx, actor, pay0, {
    ...input,
    bankTxnId,
    byName: p.fullName,
    audit: 'payment.transfer_reported',
  });
}

/**
 * Settle a pending VietQR payment from a transfer matched to it (an officer's report or a bank's push): the
 * bank transaction settles one payment only, the amount must be the payment's, and the same transaction again
 * answers the payment it settled (`replayed`).
 */
export async function settleTransfer(
  ctx: PaymentsContext,
  actor: ActorContext,
  pay0: PaymentRow,
  input: TransferReport & {
    byName: string;
    audit: 'payment.transfer_reported' | 'payment.transfer_pushed' | 'payment.transfer_push_matched';
    /** Runs first in the settling transaction (a kept bank push locks itself and checks it is still open). */
    guard?: (tx: Executor) => Promise<void>;
  },
) {
  const bankTxnId = input.bankTxnId;
  const by = await repo.paymentByBankTxn(ctx.db, bankTxnId);
  if (by && by.id !== pay0.id)
    throw ValidationError.field('bankTxnId', 'BANK_TXN_USED', 'This bank transaction already settled another payment.');
  return ctx.db.transaction(async (tx) => {
    await input.guard?.(tx);
    const pay = (await repo.lockPayment(tx, pay0.id))!;
    if (pay.status === 'paid' && pay.gatewayTxnId === bankTxnId) return { payment: pay, replayed: true };
    if (pay.status !== 'pending')
      throw new ConflictError('PAYMENT_NOT_PENDING', 'The transfer matches a payment that is no longer waiting.', {
        paymentId: pay.id,
        status: pay.status,
      });
    if (input.amount !== pay.amount)
      throw ValidationError.field('amount', 'AMOUNT_MISMATCH', `The transfer should be ${pay.amount}.`);
    const now = ctx.clock.now();
    await recordAudit(
      tx,
      actor,
      {
        action: input.audit,
        subjectType: 'payment',
        subjectId: pay.id,
        after: { content: input.content.slice(0, 200), amount: input.amount, bankTxnId },
      },
      now,
    );
    const paid = await settlePaid(
      ctx,
      tx,
      pay,
      { paidAt: input.paidAt ?? now, gatewayTxnId: bankTxnId, via: 'transfer', byName: input.byName },
      actor,
    );
    // A push of this transaction kept for the officer is settled now, whoever settled it (the desk, a retry).
    await pushes.closeByTxn(tx, bankTxnId, {
      paymentId: paid.id,
      resolvedBy: actor.actorId,
      resolvedByName: input.byName,
      resolvedAt: now,
    });
    return { payment: paid, replayed: false };
  });
}

/** The agency's collection account, for its staff. */
export async function getCollectionAccount(ctx: PaymentsContext, p: Principal, agencyCode: string) {
  await requireAgencyStaff(ctx, p, agencyCode, false);
  return repo.collectionAccount(ctx.db, agencyCode);
}

/** An agency administrator (or a leader) sets the account fees are transferred to. */
export async function setCollectionAccount(
  ctx: PaymentsContext,
  actor: ActorContext,
  p: Principal,
  agencyCode: string,
  input: Omit<CollectionAccount, 'bankName'>,
) {
  await requireAgencyStaff(ctx, p, agencyCode, true);
  const bank = vietQrBanks().find((b) => b.bin === input.bankBin);
  if (!bank) throw ValidationError.field('bankBin', 'UNKNOWN_BANK', 'Not a bank that takes VietQR transfers.');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await repo.collectionAccount(tx, agencyCode);
    const row = await repo.saveCollectionAccount(tx, {
      agencyCode,
      bankBin: bank.bin,
      bankName: bank.shortName,
      accountNumber: input.accountNumber.trim(),
      accountName: input.accountName.trim().normalize('NFC'),
      updatedBy: p.userId,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.account_set',
        subjectType: 'agency',
        subjectId: agencyCode,
        before: before ? { bankBin: before.bankBin, accountNumber: before.accountNumber } : null,
        after: { bankBin: row.bankBin, accountNumber: row.accountNumber, accountName: row.accountName },
      },
      now,
    );
    return row;
  });
}

async function requireAgencyStaff(ctx: PaymentsContext, p: Principal, agencyCode: string, write: boolean) {
  if (p.kind !== 'staff') throw new ForbiddenError('FORBIDDEN_ROLE', 'Staff only.');
  if (write && !hasAnyRole(p, ACCOUNT_SETTERS))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Agency administrators and leaders set the collection account.');
  if (p.roles.includes('admin')) return;
  const inside = p.agencyCode ? await ctx.directory.isWithin(p.agencyCode, agencyCode) : false;
  if (!inside) throw new NotFoundError('AGENCY_NOT_FOUND', 'No such agency.');
}

/**
 * Demo collection accounts (VietinBank BIN, made-up numbers, "DEMO" in the name) so the demo shows
 * the VietQR transfer; never for a real deployment, where the agency administrator sets its own.
 */
export async function seedDemoCollectionAccounts(ctx: PaymentsContext, agencyCodes: readonly string[]) {
  let n = 0;
  for (const [i, code] of agencyCodes.entries()) {
    const agency = await ctx.directory.find(code);
    if (!agency || (await repo.collectionAccount(ctx.db, code))) continue;
    // As banks write holders: capitals without diacritics.
    const name = agency.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'D').toUpperCase().slice(0, 40);
    await repo.saveCollectionAccount(ctx.db, {
      agencyCode: code,
      bankBin: '970415',
      bankName: 'VietinBank',
      accountNumber: `11300099${String(i + 1).padStart(4, '0')}`,
      accountName: `${name} DEMO`,
      updatedBy: null,
      updatedAt: ctx.clock.now(),
    });
    n++;
  }
  return n;
}
