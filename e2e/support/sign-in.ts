import type { Browser, BrowserContext, Page } from 'playwright-core';
import { submitLogin } from './browser';
import { freshTotp } from './totp';

/** An authenticator as a walk uses it: its secret, and the last time step spent (a server refuses a replay). */
export interface WalkTotp {
  secret: string;
  lastStep: number;
}

/**
 * A page in a browser context of its own, signed in as `username` (demo password) and on `next`: the
 * context goes to `o.contexts` (to close), the page's errors to `o.pageErrors`. With `totp`, the login's
 * second step is answered with a code from a later time step than the last one spent.
 */
export async function signedInPage(
  browser: Browser,
  o: { baseURL: string; contexts: BrowserContext[]; pageErrors: string[] },
  username: string,
  next: string,
  viewport: { width: number; height: number },
  totp?: WalkTotp,
): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: o.baseURL, locale: 'vi-VN', viewport });
  o.contexts.push(ctx);
  const p = await ctx.newPage();
  p.on('pageerror', (e) => o.pageErrors.push(e.message));
  await submitLogin(p, username, 'Demo@12345', next);
  if (totp) {
    await p.getByRole('heading', { name: 'Xác thực hai bước' }).waitFor();
    const { code, step } = await freshTotp(totp.secret, { after: totp.lastStep });
    totp.lastStep = step;
    await p.locator('#otp').fill(code);
    await p.getByRole('button', { name: 'Xác nhận' }).click();
  }
  await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  return p;
}
