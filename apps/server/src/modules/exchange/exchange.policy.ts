import type { Principal } from '../../platform/http/auth.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { ExchangeContext } from './exchange.context.js';

/** Staff of the agency (or a unit above it) and admins see an agency's packages. */
export async function mayActFor(ctx: ExchangeContext, p: Principal, agencyCode: string): Promise<boolean> {
  if (p.roles.includes('admin')) return true;
  return p.kind === 'staff' && !!p.agencyCode && (await ctx.directory.isWithin(p.agencyCode, agencyCode));
}

/** The agency codes (both forms) whose packages the caller sees; null = all (admin). */
export async function visibleCodes(ctx: ExchangeContext, p: Principal): Promise<string[] | null> {
  if (p.roles.includes('admin')) return null;
  if (p.kind !== 'staff' || !p.agencyCode)
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Only agency staff see exchanged packages.');
  const out: string[] = [];
  for (const code of await ctx.directory.subtreeCodes(p.agencyCode)) {
    out.push(code);
    const a = await ctx.directory.find(code);
    if (a?.legacyCode) out.push(a.legacyCode);
  }
  return out;
}
