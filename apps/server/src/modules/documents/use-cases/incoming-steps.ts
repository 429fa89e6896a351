import type { Principal } from '../../../platform/http/auth.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import type { EdxmlStatusCode } from '../../exchange/index.js';
import { findAccount } from '../../identity/index.js';
import type { DocumentsContext } from '../documents.context.js';
import type { DocumentAction } from '../documents.policy.js';
import { type DocumentRow, documentsRepository as repo } from '../documents.repository.js';
import { seriesOf, vnDate, vnYear } from '../numbering.js';
import type { ActionInput, Step, StepContext } from './act.js';
import { requireExchange } from './common.js';

const required = (input: ActionInput, what: string) => {
  const n = input.note?.trim();
  if (!n) throw ValidationError.field('note', 'REQUIRED', what);
  return n;
};

/** Check the lead unit, handler and supporting units against the directory and identity, before the transaction. */
async function prepareAssign(ctx: DocumentsContext, d: DocumentRow, input: ActionInput) {
  const errors = [];
  const lead = input.leadUnit ? await ctx.directory.find(input.leadUnit) : null;
  if (!input.leadUnit) errors.push({ path: 'leadUnit', code: 'REQUIRED', message: 'Choose the lead unit.' });
  else if (!lead || !(await ctx.directory.isWithin(d.agencyCode, lead.code)))
    errors.push({
      path: 'leadUnit',
      code: 'UNIT_NOT_IN_AGENCY',
      message: 'The lead unit must be this agency or a unit of it.',
    });
  const handler = input.handlerId ? await findAccount(ctx.identity, input.handlerId) : null;
  if (!input.handlerId) errors.push({ path: 'handlerId', code: 'REQUIRED', message: 'Choose the handler.' });
  else if (
    !handler?.active ||
    !handler.agencyCode ||
    !lead ||
    !(await ctx.directory.isWithin(lead.code, handler.agencyCode)) ||
    !handler.roles.some((r) => r === 'specialist' || r === 'leader')
  ) {
    errors.push({
      path: 'handlerId',
      code: 'HANDLER_NOT_ELIGIBLE',
      message: 'The handler must be an active specialist or leader of the lead unit.',
    });
  }
  const supporting: string[] = [];
  for (const [i, code] of (input.supportingUnits ?? []).entries()) {
    const u = await ctx.directory.find(code);
    if (!u || !(await ctx.directory.isWithin(d.agencyCode, u.code)))
      errors.push({
        path: `supportingUnits.${i}`,
        code: 'UNIT_NOT_IN_AGENCY',
        message: 'A supporting unit must be a unit of this agency.',
      });
    else if (u.code !== lead?.code && !supporting.includes(u.code)) supporting.push(u.code);
  }
  if (input.handlingDueDate && input.handlingDueDate < vnDate(ctx.clock.now()))
    errors.push({ path: 'handlingDueDate', code: 'DATE_IN_PAST', message: 'The deadline cannot be in the past.' });
  if (errors.length) throw new ValidationError(errors);
  return { lead: lead!.code, handler: handler!, supporting };
}

export async function prepareIncoming(
  ctx: DocumentsContext,
  _p: Principal,
  d: DocumentRow,
  input: ActionInput,
): Promise<Record<string, unknown>> {
  const a = input.action as DocumentAction;
  if (a !== 'comment' && d.packageId) requireExchange(ctx);
  if (a === 'assign') return prepareAssign(ctx, d, input);
  // A package may name the recipient in the legacy form; the register and its numbers use the agency's code
  // (the document keeps the form it arrived with, so the sender's revoke / replace still finds it).
  if (a === 'register') return { agencyCode: (await ctx.directory.find(d.agencyCode))?.code ?? d.agencyCode };
  return {};
}

/** Tell the sender (edXML status) when the document came through the exchange; log it either way. */
async function tellSender(
  s: StepContext,
  statusCode: EdxmlStatusCode,
  description?: string,
  packageId = s.d.packageId,
) {
  if (!packageId) return;
  await requireExchange(s.ctx).sendStatus(s.tx, s.actor, {
    packageId,
    statusCode,
    ...(description ? { description } : {}),
    staff: { staff: s.p.fullName },
  });
  await repo.addStatus(s.tx, {
    id: newId('dst'),
    documentId: s.d.id,
    agencyCode: s.d.senderCode ?? '',
    direction: 'sent',
    statusCode,
    description: description ?? null,
    at: s.now,
  });
}

const register: Step = async (s) => {
  const { d, tx, now } = s;
  const agencyCode = s.pre.agencyCode as string;
  const series = seriesOf(d.secrecy);
  const year = vnYear(now);
  const number = await repo.nextNumber(tx, { agencyCode, book: 'incoming', series, year });
  await repo.insertRegisterEntry(tx, {
    id: newId('dreg'),
    agencyCode,
    book: 'incoming',
    series,
    year,
    number,
    documentId: d.id,
    at: now,
  });
  await tellSender(s, '03', `Số đến ${number}`);
  return {
    patch: { arrivalNumber: number, registeredAt: now, year },
    note: `Số đến: ${number}`,
    after: { arrivalNumber: number, series, year },
  };
};

const assign: Step = async (s) => {
  const a = s.pre as Awaited<ReturnType<typeof prepareAssign>>;
  await tellSender(s, '04', `Giao ${a.handler.fullName}`);
  return {
    patch: {
      assignedAt: s.now,
      leadUnit: a.lead,
      handlerId: a.handler.id,
      handlerName: a.handler.fullName,
      supportingUnits: a.supporting,
      handlingDueDate: s.input.handlingDueDate ?? s.d.dueDate,
    },
    note: [
      `Chủ trì: ${a.lead}`,
      `Xử lý: ${a.handler.fullName}`,
      a.supporting.length ? `Phối hợp: ${a.supporting.join(', ')}` : '',
      s.input.handlingDueDate ? `Hạn: ${s.input.handlingDueDate}` : '',
      s.input.note?.trim() ?? '',
    ]
      .filter(Boolean)
      .join(' · '),
    after: {
      leadUnit: a.lead,
      handlerId: a.handler.id,
      supportingUnits: a.supporting,
      handlingDueDate: s.input.handlingDueDate ?? null,
    },
  };
};

const changeAnswer =
  (agree: boolean): Step =>
  async (s) => {
    const c = s.d.pendingChange!;
    const reason = agree ? s.input.note?.trim() : required(s.input, 'Give the reason for refusing.');
    await tellSender(s, agree ? '15' : '16', reason, c.packageId ?? s.d.packageId);
    const status = agree && c.type === 'revoke' ? 'revoked' : agree && c.type === 'replace' ? 'replaced' : s.d.status;
    return {
      patch: { pendingChange: null, status },
      note: `${c.type}${reason ? `: ${reason}` : ''}`,
      after: { change: c.type, agreed: agree },
    };
  };

export const INCOMING_STEPS: Partial<Record<DocumentAction, Step>> = {
  register,
  reject: async (s) => {
    const reason = required(s.input, 'Give the reason for rejecting.');
    await tellSender(s, '02', reason);
    return { note: reason };
  },
  assign,
  progress: async (s) => {
    const n = required(s.input, 'Describe the progress.');
    if (s.d.status === 'assigned') await tellSender(s, '05', n);
    return { note: n };
  },
  complete: async (s) => {
    await tellSender(s, '06', s.input.note?.trim() || undefined);
    return { patch: { completedAt: s.now } };
  },
  accept_change: changeAnswer(true),
  refuse_change: changeAnswer(false),
};
