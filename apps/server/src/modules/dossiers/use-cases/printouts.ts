import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, NotFoundError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import { maySee } from '../workflow-engine.js';
import type { DossiersContext } from '../dossiers.context.js';
import { dossiersRepository as repo, type DossierRow, type HistoryRow } from '../dossiers.repository.js';
import {
  type DossierFormData,
  renderApology,
  renderControlSheet,
  renderReceipt,
  renderRefusal,
  renderStopNotice,
  renderSupplementRequest,
} from '../forms/index.js';
import { requireProcedure } from './read.js';
import { dossierLinks } from '../dossier-links.js';

export const PRINTOUTS = [
  'receipt',
  'supplement-request',
  'refusal',
  'apology',
  'stop-notice',
  'control-sheet',
] as const;
export type Printout = (typeof PRINTOUTS)[number];

const last = (h: HistoryRow[], action: string) => [...h].reverse().find((x) => x.action === action);

/** "Ủy ban nhân dân thành phố Hà Nội" → "Hà Nội": the place on the place-and-date line. */
export function placeOf(name: string): string {
  return name.replace(/^(Ủy ban nhân dân|UBND)\s+(tỉnh|thành phố|phường|xã|đặc khu)\s+/i, '').trim();
}

/**
 * The forms that apply to the dossier now (what `renderPrintout` would make), read from the dossier
 * and its history without building anything: the page offers these links, it never probes them.
 */
export function applicablePrintouts(
  d: Pick<DossierRow, 'receivedAt' | 'dueAt' | 'extendedDueAt'>,
  history: Pick<HistoryRow, 'action'>[],
): Printout[] {
  const done = new Set(history.map((h) => h.action));
  const out: Printout[] = [];
  if (d.receivedAt && d.dueAt) out.push('receipt');
  if (done.has('request_supplement')) out.push('supplement-request');
  if (done.has('refuse')) out.push('refusal');
  if (done.has('extend') && d.receivedAt && d.dueAt && d.extendedDueAt) out.push('apology');
  if (done.has('stop_processing')) out.push('stop-notice');
  if (d.receivedAt && d.dueAt) out.push('control-sheet');
  return out;
}

/** The Decree 61 forms as PDFs, each when it applies to the dossier's history. */
export async function renderPrintout(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  code: string,
  form: Printout,
): Promise<Uint8Array> {
  const d = await repo.byCode(ctx.db, code);
  if (!d) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const who = await ctx.actorFor(p, d);
  if (!maySee(who)) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
  const [procedure, history, attachments, agency] = await Promise.all([
    requireProcedure(ctx, d),
    repo.history(ctx.db, d.id),
    repo.attachments(ctx.db, d.id),
    ctx.directory.get(d.agencyCode),
  ]);
  let province = agency;
  while (province.parent && province.level !== 'province') province = await ctx.directory.get(province.parent.code);
  const receive = last(history, 'receive');
  const base: DossierFormData = {
    agencyName: agency.name,
    parentAgencyName: agency.parent?.name,
    code: d.code,
    procedureName: procedure.name,
    procedureCode: procedure.code,
    applicant: {
      fullName: d.applicantName,
      idNumber: d.applicantIdNumber && /^\d{12}$/.test(d.applicantIdNumber) ? d.applicantIdNumber : undefined,
      taxCode: d.applicantIdNumber && !/^\d{12}$/.test(d.applicantIdNumber) ? d.applicantIdNumber : undefined,
      email: d.applicantEmail ?? undefined,
    },
    documents: procedure.requiredDocuments
      .filter((doc) => attachments.some((a) => a.documentId === doc.id))
      .map((doc) => ({ name: doc.name, originals: doc.originals, copies: doc.copies, electronic: d.online })),
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt ?? undefined,
    dueAt: d.extendedDueAt ?? d.dueAt ?? undefined,
    officer: { fullName: receive?.actorName ?? p.fullName },
    place: placeOf(province.name),
    lookupUrl: dossierLinks.tracking(ctx, d),
    channel: d.channel,
  };
  const notApplicable = () =>
    new ConflictError('FORM_NOT_APPLICABLE', `The ${form} form does not apply to this dossier now.`, {
      form,
      state: d.state,
    });
  let pdf: Uint8Array;
  switch (form) {
    case 'receipt': {
      if (!d.receivedAt || !d.dueAt) throw notApplicable();
      // Received for another agency of the province (Decree 118/2025 Art 14(2)): the receipt is the receiving
      // desk's; it names the competent agency and where the result is collected.
      const desk = d.receivingAgencyCode ? await ctx.directory.get(d.receivingAgencyCode) : null;
      pdf = await renderReceipt({
        ...base,
        ...(desk
          ? {
              agencyName: desk.name,
              parentAgencyName: desk.parent?.name,
              procedureName: `${procedure.name} (cơ quan có thẩm quyền giải quyết: ${agency.name})`,
              resultDelivery: `Bộ phận tiếp nhận và trả kết quả, ${d.resultAtReceiving ? desk.name : agency.name}`,
            }
          : {}),
        // Filed for someone at the desk: the code that attaches it to their account (ADR 0015).
        claimCode: d.channel === 'online' ? undefined : ctx.receiptCodes.claimCode(d.id),
        // Its entry in the receiving unit's register (Mẫu 07), taken at reception.
        register:
          d.registerBook !== null && d.registerEntry !== null
            ? { book: d.registerBook, entry: String(d.registerEntry) }
            : undefined,
        receivedAt: d.receivedAt,
        dueAt: d.dueAt,
        processingTime: `${String(procedure.processingDays).padStart(2, '0')} ngày làm việc`,
      });
      break;
    }
    case 'supplement-request': {
      const h = last(history, 'request_supplement');
      if (!h) throw notApplicable();
      pdf = await renderSupplementRequest({
        ...base,
        officer: { fullName: h.actorName ?? '' },
        requestedAt: h.at,
        items: (h.note ?? '')
          .split(/\n|;/)
          .map((s) => s.trim())
          .filter(Boolean),
        reason: h.note ?? '',
        issuedAt: h.at,
      });
      break;
    }
    case 'refusal': {
      const h = last(history, 'refuse');
      if (!h) throw notApplicable();
      pdf = await renderRefusal({
        ...base,
        officer: { fullName: h.actorName ?? '' },
        refusedAt: h.at,
        reasons: [h.note ?? ''],
        issuedAt: h.at,
      });
      break;
    }
    case 'apology': {
      const h = last(history, 'extend');
      if (!h || !d.dueAt || !d.extendedDueAt || !d.receivedAt) throw notApplicable();
      pdf = await renderApology({
        ...base,
        officer: { fullName: h.actorName ?? '' },
        issuedAt: h.at,
        receivedAt: d.receivedAt,
        oldDueAt: d.dueAt,
        newDueAt: d.extendedDueAt,
        reason: h.note ?? '',
      });
      break;
    }
    case 'stop-notice': {
      const h = last(history, 'stop_processing');
      if (!h) throw notApplicable();
      pdf = await renderStopNotice({
        ...base,
        officer: { fullName: h.actorName ?? '' },
        stoppedAt: h.at,
        issuedAt: h.at,
        stage: procedure.workflow.states.find((x) => x.key === h.fromState)?.label.vi,
        ...(d.feeAmount > 0 ? { fee: { amount: d.feeAmount, paid: d.feePaidAt !== null } } : {}),
        reasons: (h.note ?? '')
          .split(/\n/)
          .map((s) => s.trim())
          .filter(Boolean),
      });
      break;
    }
    case 'control-sheet':
      if (!d.receivedAt || !d.dueAt) throw notApplicable();
      pdf = await renderControlSheet({
        ...base,
        receivedAt: d.receivedAt,
        dueAt: d.extendedDueAt ?? d.dueAt,
        processingUnit: agency.name,
        steps: controlSteps(history, d, ctx),
      });
      break;
  }
  if (!who.isApplicant)
    await ctx.db.transaction((tx) =>
      recordAudit(
        tx,
        actor,
        { action: 'dossier.printed', subjectType: 'dossier', subjectId: d.code, after: { form } },
        ctx.clock.now(),
      ),
    );
  return pdf;
}

/** Each hand-over of the process control sheet: who gave it to whom, when, and whether on time. */
function controlSteps(history: HistoryRow[], d: DossierRow, ctx: DossiersContext) {
  const due = d.extendedDueAt ?? d.dueAt!;
  return history.slice(1).map((h, i) => {
    const prev = history[i]!;
    return {
      from: prev.actorName ?? 'Hệ thống',
      to: h.actorName ?? 'Hệ thống',
      handedAt: prev.at,
      finishedAt: h.at,
      dueAt: due,
      result: (ctx.calendar.classify(h.at, due) === 'overdue' ? 'late' : ctx.calendar.classify(h.at, due)) as
        'early' | 'on_time' | 'late',
      note: h.note ?? h.action,
    };
  });
}
