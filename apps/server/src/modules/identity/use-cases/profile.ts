import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { type FieldError, ForbiddenError, UnauthorizedError, ValidationError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../audit/index.js';
import type { AccountAddress } from '../db/schema.js';
import type { IdentityContext } from '../identity.context.js';
import { identityRepository as repo } from '../identity.repository.js';
import { checkPersonalId } from '../personal-id.js';
import { vnIsoDate } from '../../../platform/time/vn-time.js';

/** What the citizen sends: a field left out stays as it is, null clears it. */
export interface ProfileInput {
  dateOfBirth?: string | null;
  permanentAddress?: AddressInput | null;
  currentAddress?: AddressInput | null;
}

export interface AddressInput {
  province: string;
  commune: string;
  street: string;
}

/**
 * An address checked against the 2025 units: the commune in its province; the names are the list's, whatever the
 * browser sent, so a form prefilled from the account shows the names the form's own check expects.
 */
function checkedAddress(ctx: IdentityContext, a: AddressInput, path: string, out: FieldError[]): AccountAddress | null {
  const units = ctx.directory.adminUnits;
  const p = units.provinces().find((x) => x.code === a.province);
  if (!p) {
    out.push({ path: `${path}.province`, code: 'UNKNOWN_PROVINCE', message: 'Not a province of the 2025 list.' });
    return null;
  }
  const c = units.communes(p.code)?.find((x) => x.code === a.commune);
  if (!c) {
    out.push({
      path: `${path}.commune`,
      code: 'COMMUNE_NOT_IN_PROVINCE',
      message: 'This commune is not in the province chosen.',
    });
    return null;
  }
  return {
    province: p.code,
    provinceName: p.name,
    commune: c.code,
    communeName: c.name,
    street: a.street.normalize('NFC').trim(),
  };
}

/**
 * A citizen sets his date of birth and addresses once, in the account, so forms are prefilled with them
 * (never asked twice). A date of birth VNeID proved is not changed here, and any date of birth must agree with
 * the personal ID number (its century digit and year).
 */
export async function updateProfile(ctx: IdentityContext, actor: ActorContext, p: Principal, input: ProfileInput) {
  if (p.kind !== 'citizen')
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Personal details are kept for citizens’ own accounts.');
  const u = await repo.userById(ctx.db, p.userId);
  if (!u) throw new UnauthorizedError();
  const errors: FieldError[] = [];
  const patch: Partial<Pick<typeof u, 'dateOfBirth' | 'permanentAddress' | 'currentAddress'>> = {};
  if (input.dateOfBirth !== undefined && input.dateOfBirth !== u.dateOfBirth) {
    const dob = input.dateOfBirth;
    if (u.identityLevel === 'vneid' && u.dateOfBirth)
      errors.push({
        path: 'dateOfBirth',
        code: 'DATE_OF_BIRTH_VERIFIED',
        message: 'The date of birth was proven by VNeID and cannot be changed here.',
      });
    else if (dob && dob > vnIsoDate(ctx.clock.now()))
      errors.push({ path: 'dateOfBirth', code: 'DATE_IN_FUTURE', message: 'The date of birth is in the future.' });
    else if (dob && u.idNumber && checkPersonalId(u.idNumber, dob) === 'ID_NUMBER_BIRTH_MISMATCH')
      errors.push({
        path: 'dateOfBirth',
        code: 'DATE_OF_BIRTH_ID_MISMATCH',
        message: 'This date of birth does not agree with the personal ID number (its century and year digits).',
      });
    else patch.dateOfBirth = dob;
  }
  for (const k of ['permanentAddress', 'currentAddress'] as const) {
    const a = input[k];
    if (a === undefined) continue;
    if (a === null) patch[k] = null;
    else {
      const checked = checkedAddress(ctx, a, k, errors);
      if (checked) patch[k] = checked;
    }
  }
  if (errors.length) throw new ValidationError(errors);
  const changed = Object.keys(patch);
  if (!changed.length) return u;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateUser(tx, u.id, { ...patch, updatedAt: now });
    // Which facts changed, not their values: the audit trail keeps no more personal data than it needs.
    await recordAudit(
      tx,
      actor,
      { action: 'user.profile_updated', subjectType: 'user', subjectId: u.id, after: { changed } },
      now,
    );
    return row!;
  });
}
