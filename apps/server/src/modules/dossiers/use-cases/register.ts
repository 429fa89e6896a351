import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { formatVnShortDate } from '../../../platform/pdf/index.js';
import { recordAudit } from '../../audit/index.js';
import { addressLine } from '../../directory/index.js';
import type { DossiersContext } from '../dossiers.context.js';
import { dossiersRepository as repo, type DossierRow, type HistoryRow } from '../dossiers.repository.js';
import {
  type RegisterData,
  type RegisterEntry,
  registerCsv,
  registerWorkbook,
  renderRegister,
} from '../forms/index.js';
import { placeOf } from './printouts.js';

/** Who keeps the desk's register: its officers and the leaders above them. */
const REGISTER_ROLES = ['reception', 'leader'];
/** A register longer than this is asked for in shorter periods. */
export const REGISTER_MAX_ROWS = 5000;

const STOPPED_NOTES: Record<number, string> = {
  3: 'Từ chối tiếp nhận',
  7: 'Rút hồ sơ',
  8: 'Dừng xử lý',
};

/** Address and phone as the application form gave them (forms name them differently): best effort. */
function contactOf(form: Record<string, unknown>): { address?: string; phone?: string } {
  const out: { address?: string; phone?: string } = {};
  const visit = (o: Record<string, unknown>, depth: number) => {
    for (const [k, v] of Object.entries(o)) {
      const isAddress = /^(address|residence|diaChi|permanentAddress|currentAddress|contactAddress)$/i.test(k);
      if (isAddress && !out.address && addressLine(v)) out.address = addressLine(v)!;
      else if (typeof v === 'string' && v.trim()) {
        if (!out.phone && /^(phone|phoneNumber|soDienThoai|mobile)$/i.test(k)) out.phone = v.trim();
      } else if (v && typeof v === 'object' && !Array.isArray(v) && depth < 2)
        visit(v as Record<string, unknown>, depth + 1);
    }
  };
  visit(form, 0);
  return out;
}

/** A 'YYYY-MM-DD' day as the instant it starts in Vietnam. */
const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);

function entryOf(d: DossierRow, steps: HistoryRow[], agencyName: (code: string) => string): RegisterEntry {
  const at = (action: string) => steps.find((h) => h.action === action)?.at;
  const notes: string[] = [];
  if (d.receivingAgencyCode)
    notes.push(d.resultAtReceiving ? 'Liên thông; trả kết quả tại nơi tiếp nhận' : 'Liên thông');
  if (STOPPED_NOTES[d.statusCode]) notes.push(STOPPED_NOTES[d.statusCode]!);
  if (d.extendedDueAt) notes.push(`Gia hạn đến ${formatVnShortDate(d.extendedDueAt)}`);
  const { address, phone } = contactOf(d.formData);
  return {
    book: d.registerBook ?? undefined,
    entry: d.registerEntry ?? undefined,
    code: d.code,
    procedureName: d.procedureName,
    sets: 1,
    applicant: d.applicantName,
    address,
    phone: d.applicantPhone ?? phone,
    competentAgency: agencyName(d.agencyCode),
    receivedAt: d.receivedAt ?? undefined,
    dueAt: d.dueAt ?? undefined,
    // Across boundaries the hand-over is the transfer; at home, the desk hands it to the specialist.
    transferredAt: at('transfer') ?? at('assign'),
    resultReceivedAt: at('issue_result'),
    returnedAt: d.returnedAt ?? undefined,
    note: notes.join('; ') || undefined,
  };
}

/**
 * Mẫu 07, the one-stop desk's register (sổ theo dõi hồ sơ), for the caller's agency (or a unit below it)
 * over [from, to] (Vietnamese days): the dossiers received there, for itself or for another competent
 * agency of the province. Each download is audited.
 */
export async function exportRegister(
  ctx: DossiersContext,
  actor: ActorContext,
  p: Principal,
  q: { from: string; to: string; agency?: string; format: 'pdf' | 'xlsx' | 'csv' },
): Promise<{ body: Uint8Array | Buffer | string; type: string; filename: string }> {
  if (p.kind !== 'staff' || !p.roles.some((r) => REGISTER_ROLES.includes(r)))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'The register is kept by the one-stop desk and its leaders.');
  if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You do not belong to an agency.');
  const code = q.agency ?? p.agencyCode;
  const agency = await ctx.directory.find(code);
  if (!agency) throw ValidationError.field('agency', 'AGENCY_NOT_FOUND', 'Unknown agency.');
  if (!(await ctx.directory.isWithin(p.agencyCode, agency.code)))
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You keep the register of your own agency only.', {
      agency: agency.code,
    });
  const from = vnMidnight(q.from);
  const to = vnMidnight(q.to);
  const end = new Date(to.getTime() + 24 * 3600_000);
  const rows = await repo.registerRows(ctx.db, {
    agencyCodes: await ctx.directory.subtreeCodes(agency.code),
    from,
    to: end,
    limit: REGISTER_MAX_ROWS,
  });
  if (rows.length > REGISTER_MAX_ROWS)
    throw ValidationError.field(
      'from',
      'REGISTER_TOO_LARGE',
      `More than ${REGISTER_MAX_ROWS} dossiers in the period: export shorter periods.`,
    );
  const steps = await repo.histories(
    ctx.db,
    rows.map((r) => r.id),
  );
  const byDossier = new Map<string, HistoryRow[]>();
  for (const h of steps) byDossier.set(h.dossierId, [...(byDossier.get(h.dossierId) ?? []), h]);
  const names = new Map<string, string>();
  for (const c of new Set(rows.map((r) => r.agencyCode))) names.set(c, (await ctx.directory.find(c))?.name ?? c);
  const line = await ctx.directory.lineage(agency.code);
  const province = line.find((a) => a.level === 'province') ?? line[line.length - 1] ?? agency;
  const parent = line[1];
  const now = ctx.clock.now();
  const data: RegisterData = {
    agencyCode: agency.code,
    agencyName: agency.name,
    parentAgencyName: parent?.name,
    place: placeOf(province.name),
    from,
    to,
    issuedAt: now,
    entries: rows.map((d) => entryOf(d, byDossier.get(d.id) ?? [], (c) => names.get(c) ?? c)),
  };
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      actor,
      {
        action: 'dossier.register_exported',
        subjectType: 'agency',
        subjectId: agency.code,
        after: { from: q.from, to: q.to, format: q.format, rows: rows.length },
      },
      now,
    ),
  );
  const filename = `so-theo-doi-ho-so-${agency.code}-${q.from}-${q.to}.${q.format}`;
  if (q.format === 'pdf') return { body: await renderRegister(data), type: 'application/pdf', filename };
  if (q.format === 'xlsx')
    return {
      body: await registerWorkbook(data),
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename,
    };
  return { body: registerCsv(data), type: 'text/csv; charset=utf-8', filename };
}
