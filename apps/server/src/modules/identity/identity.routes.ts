import type { App } from '../../platform/http/server.js';
import { accountRoutes } from './account.routes.js';
import { adminUserRoutes } from './admin-users.routes.js';
import { authRoutes } from './auth.routes.js';
import type { IdentityContext } from './identity.context.js';
import { identityVerificationRoutes } from './identity-verification.routes.js';
import { oidcClientRoutes } from './oidc-clients.routes.js';
import { oidcRoutes } from './oidc/index.js';
import { vneidSettings } from './vneid/rp.js';
import { mountVneidSandbox } from './vneid/mount.js';
import { createVneidSandbox } from './vneid/sandbox.js';

/** Every identity route: login and sessions, the account, user admin, OIDC clients and provider, verification, VNeID. */
export function identityRoutes(ctx: IdentityContext) {
  return async (app: App) => {
    await authRoutes(ctx)(app);
    await accountRoutes(ctx)(app);
    await adminUserRoutes(ctx)(app);
    await oidcClientRoutes(ctx)(app);
    await oidcRoutes(ctx)(app);
    await identityVerificationRoutes(ctx)(app);
    const vneid = vneidSettings(ctx);
    if (vneid?.sandbox)
      await mountVneidSandbox(
        await createVneidSandbox({
          issuer: vneid.issuer,
          clientId: vneid.clientId,
          clientSecret: vneid.clientSecret,
          redirectUris: [vneid.redirectUri],
        }),
      )(app);
  };
}
