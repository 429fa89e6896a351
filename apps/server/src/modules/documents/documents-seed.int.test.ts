import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { seedDemo } from '../../seed.js';
import { pdfContentWords, pdfWidgets } from '../../platform/pdf/testing.js';
import { vnYear } from './numbering.js';

/** A fresh demo shows full registers: one decision signed by the demo leader and issued with the seal, one incoming document registered. */
describe('demo seed: documents', () => {
  let p: TestPlatform;
  let clerk = '';
  const year = () => vnYear(p.clock.now());
  const register = async (book: 'outgoing' | 'incoming') =>
    (await p.call('GET', `/api/registers/${book}?year=${year()}`, { token: clerk })).json();
  const counts = async () => {
    const [out, inc] = await Promise.all([register('outgoing'), register('incoming')]);
    const all =
      (await p.call('GET', '/api/documents?box=outgoing&pageSize=100', { token: clerk })).json().total +
      (await p.call('GET', '/api/documents?box=incoming&pageSize=100', { token: clerk })).json().total;
    const audits = (
      await p.call('GET', '/api/audit/events?action=signature.created&pageSize=100', {
        token: await p.login('admin', 'Admin@12345'),
      })
    ).json().total;
    return { outgoing: out.rows.length, incoming: inc.rows.length, documents: all, signatures: audits };
  };

  beforeAll(async () => {
    p = await createTestPlatform('pglite');
    const started = performance.now();
    await seedDemo(p);
    console.log(
      `seedDemo (accounts, procedures, PKI, certificates, documents): ${Math.round(performance.now() - started)} ms`,
    );
    clerk = await p.login('hn.vanthu', 'Demo@12345');
  }, 240_000);
  afterAll(async () => p?.close());

  it('issues one decision signed by hn.lanhdao (PAdES B-T) and sealed by H26, with number 01 in the outgoing register', async () => {
    const out = await register('outgoing');
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({
      code: '01/QĐ-UBND',
      signer: 'TM. ỦY BAN NHÂN DÂN Chủ tịch Phạm Văn Lãnh Đạo',
      typeAndSubject: expect.stringContaining('danh mục dữ liệu mở'),
    });
    const list = (await p.call('GET', '/api/documents?box=outgoing&status=issued', { token: clerk })).json();
    expect(list.items).toHaveLength(1);
    const d = (await p.call('GET', `/api/documents/${list.items[0].id}`, { token: clerk })).json();
    expect(d).toMatchObject({
      status: 'issued',
      code: '01/QĐ-UBND',
      signer: { name: 'Phạm Văn Lãnh Đạo', position: 'Chủ tịch' },
      registerEntries: [expect.objectContaining({ number: 1 })],
    });
    expect(d.signatures.report.indication).toBe('TOTAL_PASSED');
    // Drafted from the decision template: no stamp (signature, seal, number, date, seal text) covers a word.
    const pdf = new Uint8Array(
      (await p.call('GET', `/api/documents/${d.id}/files/${d.fileId}`, { token: clerk })).rawPayload,
    );
    const [words, widgets] = await Promise.all([pdfContentWords(pdf), pdfWidgets(pdf)]);
    expect(words.map((w) => w.text)).toEqual(
      expect.arrayContaining(['QUYẾT', 'ĐỊNH', 'Số:', '/QĐ-UBND', 'Nơi', 'nhận:']),
    );
    expect(widgets.length).toBeGreaterThanOrEqual(5);
    const touching = widgets.flatMap((w) =>
      words.filter(
        (t) =>
          t.page === w.page &&
          t.x < w.x + w.width &&
          w.x < t.x + t.width &&
          t.y < w.y + w.height &&
          w.y < t.y + t.height,
      ),
    );
    expect(touching.map((t) => t.text)).toEqual([]);
    expect(
      d.signatures.report.signatures.map((s: { signer: { commonName: string }; level: string; indication: string }) => [
        s.signer.commonName,
        s.level,
        s.indication,
      ]),
    ).toEqual([
      ['Phạm Văn Lãnh Đạo', 'B-T', 'TOTAL_PASSED'],
      ['Ủy ban nhân dân thành phố Hà Nội', 'B-T', 'TOTAL_PASSED'],
    ]);
    // Through the use cases: the history shows each step, by the people whose step it is.
    expect(d.history.map((h: { action: string; actorName: string }) => [h.action, h.actorName])).toEqual([
      ['create', 'Lê Thị Chuyên Viên'],
      ['submit', 'Lê Thị Chuyên Viên'],
      ['sign', 'Phạm Văn Lãnh Đạo'],
      ['issue', 'Hoàng Thị Văn Thư'],
    ]);
  });

  it('has one incoming document in the incoming register, and the other boxes as before', async () => {
    const inc = await register('incoming');
    expect(inc.rows).toEqual([
      expect.objectContaining({ arrivalNumber: 1, author: 'Văn phòng Chính phủ', code: '45/TB-VPCP' }),
    ]);
    const leader = await p.login('hn.lanhdao', 'Demo@12345');
    // Still two drafts waiting for the leader's own signature (with his code or passkey).
    const tasks = (await p.call('GET', '/api/documents?box=tasks', { token: leader })).json();
    expect(tasks.items.filter((x: { status: string }) => x.status === 'in_review')).toHaveLength(2);
  });

  it('a second run adds nothing: no document, no register entry, no signature', async () => {
    const before = await counts();
    expect(before).toMatchObject({ outgoing: 1, incoming: 1 });
    await seedDemo(p);
    expect(await counts()).toEqual(before);
  });

  it(
    'a run that stopped half-way (the seal failed at issue) is carried on by the next: one decision, signed once, issued as 01',
    { timeout: 240_000 },
    async () => {
      const q = await createTestPlatform('pglite');
      try {
        const real = q.signing.sealPdf.bind(q.signing);
        q.signing.sealPdf = async () => {
          throw new Error('power cut');
        };
        await expect(seedDemo(q)).rejects.toThrow('power cut');
        q.signing.sealPdf = real;
        await seedDemo(q);
        const token = await q.login('hn.vanthu', 'Demo@12345');
        const found = (
          await q.call('GET', `/api/documents?box=outgoing&q=${encodeURIComponent('danh mục dữ liệu mở')}`, { token })
        ).json();
        expect(found.items).toEqual([expect.objectContaining({ status: 'issued', code: '01/QĐ-UBND' })]);
        const d = (await q.call('GET', `/api/documents/${found.items[0].id}`, { token })).json();
        expect(d.history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'sign', 'issue']);
      } finally {
        await q.close();
      }
    },
  );
});
