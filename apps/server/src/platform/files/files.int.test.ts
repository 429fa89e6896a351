import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';

function multipart(name: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----egov${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('file upload', () => {
  let p: TestPlatform;
  let token: string;
  let pdf: Buffer;
  beforeAll(async () => {
    p = await createTestPlatform('pglite', { env: { FILE_MAX_BYTES: '200000' } });
    token = (await p.citizen()).token;
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Giay khai sinh');
    pdf = Buffer.from(await doc.save());
  });
  afterAll(async () => p?.close());

  const upload = (name: string, content: Buffer, t: string | null = token, type?: string) => {
    const m = multipart(name, content, type);
    return p.app.inject({
      method: 'POST',
      url: '/api/files',
      payload: m.payload,
      headers: { ...m.headers, ...(t ? { authorization: `Bearer ${t}` } : {}) },
    });
  };

  it('stores a PDF with its sniffed type and SHA-256, and gives it back to its owner only', async () => {
    const r = await upload('Bản sao CCCD.pdf', pdf, token, 'image/png');
    expect(r.statusCode).toBe(201);
    const info = r.json();
    expect(info).toMatchObject({ name: 'Bản sao CCCD.pdf', size: pdf.length, mediaType: 'application/pdf' });
    expect(info.sha256).toBe((await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'));
    const dl = await p.call('GET', `/api/files/${info.id}`, { token });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    const other = await p.citizen();
    expect((await p.call('GET', `/api/files/${info.id}`, { token: other.token })).statusCode).toBe(404);
  });

  it('refuses an executable renamed .pdf, a type mismatch, an empty file, a too-large file, and anonymous uploads', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'binary'), Buffer.alloc(300, 1)]);
    const r1 = await upload('tokhai.pdf', exe);
    expect(r1.statusCode).toBe(415);
    expect(r1.json().code).toBe('FILE_TYPE_NOT_ALLOWED');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(300)]);
    expect((await upload('a.pdf', elf)).statusCode).toBe(415);
    const r2 = await upload('anh.png', pdf);
    expect(r2.json()).toMatchObject({ code: 'FILE_TYPE_MISMATCH', params: { mediaType: 'application/pdf' } });
    expect((await upload('empty.pdf', Buffer.alloc(0))).statusCode).toBe(422);
    const big = Buffer.concat([pdf, Buffer.alloc(300_000)]);
    const r3 = await upload('big.pdf', big);
    expect(r3.statusCode).toBe(413);
    expect(r3.json().code).toBe('FILE_TOO_LARGE');
    expect((await upload('a.pdf', pdf, null)).statusCode).toBe(401);
  });

  it('stores identical content once (content-addressed)', async () => {
    const a = (await upload('a.pdf', pdf)).json();
    const b = (await upload('b.pdf', pdf)).json();
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect(await p.deps.files.exists(a.sha256)).toBe(true);
  });
});
