/** Identity: accounts, sessions, second factors, levels of assurance, OIDC provider. */
import type { Principal } from '../../platform/http/auth.js';
import type { App } from '../../platform/http/server.js';
import { accountRoutes } from './account.routes.js';
import { adminUserRoutes } from './admin-users.routes.js';
import { authRoutes } from './auth.routes.js';
import { IdentityContext } from './identity.context.js';
import { identityRepository } from './identity.repository.js';
import { oidcRoutes, resolveOidcAccessToken } from './oidc/index.js';
import { resolveSession } from './use-cases/sessions.js';

export { IdentityContext, ROLES, type Role } from './identity.context.js';
export { createStaffUser } from './use-cases/staff-users.js';
export { registerAccount } from './use-cases/register.js';
export { checkPersonalId, makePersonalId } from './personal-id.js';
export { checkTaxCode, makeTaxCode } from './tax-code.js';
export { totp } from './totp.js';

/** Bearer token or cookie → principal. */
export function principalResolver(ctx: IdentityContext) {
  return async (token: string, via: Principal['via']) =>
    (await resolveSession(ctx, token, via)) ?? (via === 'bearer' ? resolveOidcAccessToken(ctx, token) : null);
}

export function identityRoutes(ctx: IdentityContext) {
  return async (app: App) => {
    await authRoutes(ctx)(app);
    await accountRoutes(ctx)(app);
    await adminUserRoutes(ctx)(app);
    await oidcRoutes(ctx)(app);
  };
}

/** True before the first account exists (first start: seed). */
export async function hasNoAccounts(ctx: IdentityContext): Promise<boolean> {
  return (await identityRepository.countUsers(ctx.db)) === 0;
}
