import { expect } from 'vitest';

/** A tiny PDF that the platform's upload check accepts (the content, not only the name, says PDF). */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface ApiAnswer {
  status: number;
  json: Record<string, unknown>;
}

/**
 * The platform's HTTP API as a browser test's setup uses it (what the page under test is not about):
 * bearer tokens from a login, JSON in and out, uploads. Against a running server at `baseUrl`.
 */
export function httpApi(baseUrl: () => string) {
  async function call(
    token: string | null | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> };
  }
  /** A bearer token of an account (the demo accounts share one password). */
  const token = async (username: string, password = 'Demo@12345') =>
    String((await call(null, 'POST', '/api/auth/login', { username, password })).json.accessToken);
  /** Upload a file; its id. */
  async function upload(t: string, bytes: Buffer, name: string, type = 'application/pdf'): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const r = await fetch(`${baseUrl()}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}` },
      body: form,
    });
    return String(((await r.json()) as { id: string }).id);
  }
  /**
   * A citizen files a birth registration (the demo form: child's name, birth date, gender; the two
   * papers) for a procedure of H26 through the API; its code. The application form has its own journey.
   */
  async function fileBirthDossier(t: string, procedureCode: string): Promise<string> {
    const ids = [await upload(t, TINY_PDF, 'to-khai.pdf'), await upload(t, TINY_PDF, 'giay-chung-sinh.pdf')];
    const r = await call(
      t,
      'POST',
      '/api/dossiers',
      {
        procedureCode,
        agencyCode: 'H26',
        formData: { childName: 'Nguyễn Minh Khang', childBirthDate: '2026-02-20', childGender: 'male' },
        attachments: [
          { documentId: 'to_khai', fileId: ids[0] },
          { documentId: 'giay_chung_sinh', fileId: ids[1] },
        ],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return String(r.json.code);
  }
  return { call, token, upload, fileBirthDossier };
}

/** An address block of a seeded form (ADR 0027): Phường Hoàn Kiếm, Hà Nội, from the 2025 units. */
export const hoanKiem = (street: string) => ({
  province: '01',
  provinceName: 'Thành phố Hà Nội',
  commune: '00070',
  communeName: 'Phường Hoàn Kiếm',
  street,
});

/** In the browser: pick an address block's province and commune from the lists, then type the street. */
export async function pickAddress(
  page: import('playwright-core').Page,
  id: string,
  street: string,
  where = { province: 'Thành phố Hà Nội', commune: 'Phường Hoàn Kiếm' },
) {
  await page.locator(`#${id}-province`).selectOption({ label: where.province });
  const commune = page.locator(`#${id}-commune`);
  await commune.locator('option', { hasText: where.commune }).first().waitFor({ state: 'attached' });
  await commune.selectOption({ label: where.commune });
  await page.locator(`#${id}-street`).fill(street);
}

/** In a form split into steps: "Lưu và tiếp tục", then wait for the next step's heading. */
export async function nextStep(page: import('playwright-core').Page, expected: RegExp | string) {
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.locator('#step-heading', { hasText: expected }).waitFor();
}
