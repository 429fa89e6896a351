import { hash } from '@node-rs/argon2';
import { isUniqueViolation } from '../../../platform/db/index.js';
import type { ActorContext, Principal } from '../../../platform/http/auth.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { newId } from '../../../platform/ids/index.js';
import { recordAudit } from '../../audit/index.js';
import {
  accountCore,
  type IdentityContext,
  ROLES,
  type Role,
  STAFF_ROLES_NEEDING_AGENCY,
  userAuditSummary,
} from '../identity.context.js';
import { identityRepository as repo, type UserFilter, type UserRow } from '../identity.repository.js';
import { checkPasswordStrength } from '../password-policy.js';

export interface StaffInput {
  username: string;
  password: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  roles: Role[];
  agencyCode?: string | null;
}

export interface UserPatch {
  roles?: Role[];
  agencyCode?: string | null;
  status?: 'active' | 'disabled';
  fullName?: string;
  email?: string | null;
}

/**
 * Admins manage every account; an agency admin manages staff of their own agency and the units
 * below it, and cannot hand out `admin`.
 */
async function assertMayManage(
  ctx: IdentityContext,
  actor: Principal,
  roles: Role[] | undefined,
  agencyCode: string | null | undefined,
) {
  if (actor.roles.includes('admin')) return;
  if (!actor.roles.includes('agency_admin') || !actor.agencyCode)
    throw new ForbiddenError('FORBIDDEN_ROLE', 'Only administrators manage users.');
  if (roles?.includes('admin')) throw new ForbiddenError('FORBIDDEN_ROLE', 'Only administrators grant the admin role.');
  if (agencyCode !== undefined && (!agencyCode || !(await ctx.directory.isWithin(actor.agencyCode, agencyCode)))) {
    throw new ForbiddenError('FORBIDDEN_AGENCY', 'You may only manage users of your own agency.');
  }
}

/** The roles `by` may hand out: every role for an admin, all but `admin` for an agency admin. */
function grantable(by: Principal): readonly Role[] {
  if (by.roles.includes('admin')) return ROLES;
  if (by.roles.includes('agency_admin')) return ROLES.filter((r) => r !== 'admin');
  return [];
}

/**
 * Nobody changes an account that holds a role they could not grant: an agency admin cannot disable,
 * demote or edit a system administrator who belongs to their agency.
 */
function assertOutranks(by: Principal, target: UserRow) {
  const mine = grantable(by);
  const above = target.roles.filter((r) => !mine.includes(r as Role));
  if (above.length)
    throw new ForbiddenError('ACCOUNT_OUTRANKS_YOU', 'This account holds a role you cannot grant.', { roles: above });
}

async function resolveAgency(ctx: IdentityContext, roles: Role[], agencyCode: string | null | undefined) {
  if (!agencyCode) {
    if (roles.some((r) => STAFF_ROLES_NEEDING_AGENCY.includes(r))) {
      throw ValidationError.field('agencyCode', 'REQUIRED', 'Staff with these roles belong to an agency.');
    }
    return { agencyId: null, agencyCode: null };
  }
  const agency = await ctx.directory.find(agencyCode);
  if (!agency) throw ValidationError.field('agencyCode', 'AGENCY_NOT_FOUND', 'Unknown agency.');
  return { agencyId: agency.id, agencyCode: agency.code };
}

export function staffView(u: UserRow) {
  return { ...accountCore(u), status: u.status, createdAt: u.createdAt };
}

export async function createStaffUser(
  ctx: IdentityContext,
  actor: ActorContext,
  by: Principal | null,
  input: StaffInput,
) {
  if (by) await assertMayManage(ctx, by, input.roles, input.agencyCode ?? null);
  const weak = checkPasswordStrength(input.password);
  if (weak) throw ValidationError.field('password', weak, 'The password is too weak.');
  const username = input.username.trim().toLowerCase();
  if (/^\d+$/.test(username))
    throw ValidationError.field(
      'username',
      'USERNAME_NUMERIC',
      'Staff usernames cannot be all digits (reserved for ID numbers and tax codes).',
    );
  const agency = await resolveAgency(ctx, input.roles, input.agencyCode);
  const passwordHash = await hash(input.password);
  return ctx.db
    .transaction(async (tx) => {
      if ((await repo.conflicts(tx, { username, email: input.email ?? null })).length) {
        throw new ConflictError('ACCOUNT_EXISTS', 'The username or e-mail is taken.', { field: 'username' });
      }
      const u = await repo.insertUser(
        tx,
        {
          id: newId('usr'),
          kind: 'staff',
          username,
          email: input.email?.trim().toLowerCase() ?? null,
          phone: input.phone ?? null,
          fullName: input.fullName.normalize('NFC').trim(),
          passwordHash,
          roles: [...new Set(input.roles)],
          ...agency,
        },
        ctx.clock.now(),
      );
      await recordAudit(
        tx,
        actor,
        { action: 'user.created', subjectType: 'user', subjectId: u.id, after: userAuditSummary(u) },
        ctx.clock.now(),
      );
      return staffView(u);
    })
    .catch((err) => {
      throw isUniqueViolation(err)
        ? new ConflictError('ACCOUNT_EXISTS', 'The username or e-mail is taken.', { field: 'username' })
        : err;
    });
}

export async function updateUser(
  ctx: IdentityContext,
  actor: ActorContext,
  by: Principal,
  id: string,
  patch: UserPatch,
) {
  const u = await repo.userById(ctx.db, id);
  if (!u) throw new NotFoundError('USER_NOT_FOUND', 'No such user.');
  await assertMayManage(ctx, by, patch.roles, u.agencyCode ?? null);
  assertOutranks(by, u);
  if (patch.agencyCode !== undefined) await assertMayManage(ctx, by, undefined, patch.agencyCode);
  if (
    id === by.userId &&
    (patch.status === 'disabled' || (patch.roles && !patch.roles.includes('admin') && u.roles.includes('admin')))
  ) {
    throw new ConflictError('CANNOT_DEMOTE_SELF', 'You cannot disable or demote yourself.');
  }
  const roles = patch.roles ?? (u.roles as Role[]);
  const agency =
    patch.agencyCode !== undefined || patch.roles
      ? await resolveAgency(ctx, roles, patch.agencyCode !== undefined ? patch.agencyCode : u.agencyCode)
      : {};
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row = await repo.updateUser(tx, id, {
      ...(patch.roles ? { roles: [...new Set(patch.roles)] } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.fullName ? { fullName: patch.fullName.normalize('NFC').trim() } : {}),
      ...(patch.email !== undefined ? { email: patch.email?.toLowerCase() ?? null } : {}),
      ...agency,
      updatedAt: now,
    });
    if (!row) throw new NotFoundError('USER_NOT_FOUND', 'No such user.');
    if (patch.status === 'disabled') await repo.revokeAllSessions(tx, id, now);
    await recordAudit(
      tx,
      actor,
      {
        action: 'user.updated',
        subjectType: 'user',
        subjectId: id,
        before: userAuditSummary(u),
        after: userAuditSummary(row),
      },
      now,
    );
    return staffView(row);
  });
}

/** Lists accounts; the read of other people's data is itself recorded (DESIGN §6). */
export async function listUsers(ctx: IdentityContext, actor: ActorContext, by: Principal, f: UserFilter) {
  if (!by.roles.includes('admin')) {
    if (!by.roles.includes('agency_admin') || !by.agencyCode)
      throw new ForbiddenError('FORBIDDEN_ROLE', 'Only administrators list users.');
    f = { ...f, agencyCode: by.agencyCode };
  }
  return ctx.db.transaction(async (tx) => {
    const { items, total } = await repo.listUsers(tx, f);
    await recordAudit(
      tx,
      actor,
      {
        action: 'user.list_viewed',
        subjectType: 'user',
        after: {
          filter: { q: f.q ?? null, role: f.role ?? null, agencyCode: f.agencyCode ?? null, kind: f.kind ?? null },
          shown: items.map((u) => u.id),
        },
      },
      ctx.clock.now(),
    );
    return { items: items.map(staffView), total };
  });
}
