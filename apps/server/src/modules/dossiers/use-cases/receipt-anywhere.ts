import type { Principal } from '../../../platform/http/auth.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import type { DossiersContext } from '../dossiers.context.js';

/**
 * Receipt regardless of administrative boundaries within a province (tiếp nhận hồ sơ không phụ thuộc
 * vào địa giới hành chính, Decree 118/2025/NĐ-CP Art 14(2)): the public administration service centre
 * of a province and those of its communes receive dossiers for the procedures of any competent agency
 * of the province, and hand them on (ADR 0028).
 */

/** Levels whose one-stop desks are the province's and the communes' service centres. */
const CENTRE_LEVELS = new Set(['province', 'commune']);

/** The province (cấp tỉnh) an agency belongs to, or null (ministries, the Government Office). */
export async function provinceOf(ctx: DossiersContext, code: string): Promise<string | null> {
  const line = await ctx.directory.lineage(code);
  return line.find((a) => a.level === 'province')?.code ?? null;
}

/**
 * Where a desk officer files a dossier for the competent agency: `own` when it is the officer's agency
 * or a unit below it; `anywhere` when it is another agency of the same province and the officer's
 * agency is a provincial or commune centre; otherwise 403 (another province: RECEIPT_OUTSIDE_PROVINCE).
 */
export async function deskScope(
  ctx: DossiersContext,
  officerAgency: string,
  competentAgency: string,
): Promise<'own' | 'anywhere'> {
  if (await ctx.directory.isWithin(officerAgency, competentAgency)) return 'own';
  const [mine, theirs, desk] = await Promise.all([
    provinceOf(ctx, officerAgency),
    provinceOf(ctx, competentAgency),
    ctx.directory.find(officerAgency),
  ]);
  if (mine && theirs && mine !== theirs)
    throw new ForbiddenError(
      'RECEIPT_OUTSIDE_PROVINCE',
      'A one-stop desk receives dossiers for the agencies of its own province only.',
      { receivingProvince: mine, competentProvince: theirs, basis: ctx.config.ONE_STOP_ANYWHERE_BASIS },
    );
  if (!mine || !theirs || !desk || !CENTRE_LEVELS.has(desk.level))
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You file only for your own agency.');
  return 'anywhere';
}

/**
 * The transfer rule of a dossier received across boundaries (ADR 0028, docs/legal/decree-118-circular-03.md):
 * the working days the hand-over may take, added to the procedure's time, and the legal reference the
 * configuration gives for them (by default the provision that has the receiving centre hand the dossier on).
 */
export function transferRule(config: DossiersContext['config']) {
  return {
    days: config.ONE_STOP_TRANSFER_DAYS,
    basis: config.ONE_STOP_TRANSFER_BASIS ?? config.ONE_STOP_ANYWHERE_BASIS,
  };
}

/** What the control sheet records of the hand-over: who, to whom, on what basis, and the transfer time. */
export function transferNote(config: DossiersContext['config'], from: string, to: string) {
  const rule = transferRule(config);
  const base = `${from} chuyển hồ sơ đến ${to} (${config.ONE_STOP_ANYWHERE_BASIS})`;
  return rule.days > 0 ? `${base}; thời gian chuyển hồ sơ: ${rule.days} ngày làm việc (${rule.basis})` : base;
}

/**
 * The agencies of the desk officer's province that handle the procedure: what the desk picks the
 * competent agency from (never typed). Each says whether the desk receives for it as its own.
 */
export async function competentAgencies(ctx: DossiersContext, p: Principal, procedureCode: string) {
  if (p.kind !== 'staff' || !p.roles.includes('reception'))
    throw new ForbiddenError('FORBIDDEN_ROLE', 'For one-stop desk officers.');
  if (!p.agencyCode) throw new ForbiddenError('FORBIDDEN_AGENCY', 'You do not belong to an agency.');
  const procedure = await ctx.procedures.forSubmission(procedureCode);
  if (!procedure || procedure === 'unpublished')
    throw ValidationError.field('procedureCode', 'PROCEDURE_NOT_FOUND', 'No published procedure with this code.');
  const province = await provinceOf(ctx, p.agencyCode);
  const desk = await ctx.directory.find(p.agencyCode);
  const crossing = !!province && !!desk && CENTRE_LEVELS.has(desk.level);
  const items: { code: string; name: string; level: string; own: boolean }[] = [];
  for (const code of procedure.implementingAgencies) {
    const a = await ctx.directory.find(code);
    if (!a) continue;
    const own = await ctx.directory.isWithin(p.agencyCode, a.code);
    if (own || (crossing && (await provinceOf(ctx, a.code)) === province))
      items.push({ code: a.code, name: a.name, level: a.level, own });
  }
  items.sort((x, y) => Number(y.own) - Number(x.own) || x.code.localeCompare(y.code));
  return {
    procedureCode: procedure.code,
    province,
    basis: ctx.config.ONE_STOP_ANYWHERE_BASIS,
    transfer: transferRule(ctx.config),
    items,
  };
}
