import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { submitLogin } from './browser';
import type { RunningServer } from './server';

/** Viewports of the journeys: a desktop and a 390-px phone. */
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * What a journey needs beside the browser: pages per person (each its own cookies), the server's
 * API for setting the scene before a walk (never inside it), and the development outbox, read as
 * the person's mail client would show it.
 */
export class Journey {
  readonly contexts: BrowserContext[] = [];
  readonly pageErrors: string[] = [];
  /** Requests the pages made, as `METHOD path` (to check what a page did not do). */
  readonly requests: string[] = [];
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly server: () => RunningServer,
    private readonly browser: () => Browser,
  ) {}

  get base(): string {
    return this.server().url.replace('localhost', '127.0.0.1');
  }

  async newPage({ phone = false } = {}): Promise<Page> {
    const ctx = await this.browser().newContext({
      baseURL: this.server().url,
      locale: 'vi-VN',
      viewport: phone ? PHONE : DESKTOP,
      ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      acceptDownloads: true,
    });
    this.contexts.push(ctx);
    const p = await ctx.newPage();
    p.on('pageerror', (e) => this.pageErrors.push(e.message));
    p.on('request', (r) => this.requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    return p;
  }

  /** Log in through the form (to `next`, else where the person's work is) and wait to leave it. */
  async login(p: Page, username: string, password = 'Demo@12345', next?: string): Promise<void> {
    if (next) await submitLogin(p, username, password, next);
    else {
      await p.goto('/login');
      await p.locator('#username').fill(username);
      await p.locator('#password').fill(password);
      await p.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    }
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
  }

  async token(username: string, password = 'Demo@12345'): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const r = await this.api(null, 'POST', '/api/auth/login', { username, password });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const t = String(r.json.accessToken);
    this.tokens.set(username, t);
    return t;
  }

  async api(token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON (a PDF, an empty body)
    }
    return { status: res.status, json };
  }

  async upload(token: string, name: string, bytes: Uint8Array): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    const r = await fetch(`${this.base}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(r.status).toBe(201);
    return String(((await r.json()) as { id: string }).id);
  }

  /** The mails the development outbox holds for an address, newest first. */
  async mailsTo(to: string): Promise<{ subject: string; text: string }[]> {
    const r = await fetch(`${this.base}/dev/mail.json`);
    const { items } = (await r.json()) as { items: { to: string; subject: string; text: string }[] };
    return items.filter((m) => m.to === to);
  }
}

/** The links (http or https) in a mail's text. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]);
}
