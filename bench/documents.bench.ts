import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { buildPlatform } from '../apps/server/src/app.js';
import { fileRepository } from '../apps/server/src/platform/files/index.js';
import { type Principal, systemActor } from '../apps/server/src/platform/http/auth.js';
import { documentsInbox } from '../apps/server/src/modules/documents/index.js';
import type { ExchangeOutbox } from '../apps/server/src/modules/exchange/index.js';
import { createStaffUser, totp } from '../apps/server/src/modules/identity/index.js';
import { TestClock } from '../apps/server/src/platform/time/clock.js';
import { seedReferenceData } from '../apps/server/src/seed.js';
import { benchConfig, measure, measureHttp, type Result } from './harness.js';

const ISSUES = Number(process.env.BENCH_DOCUMENT_ISSUES ?? 300);

/** Counts what documents hands to the exchange (the exchange module is benchmarked by its own suite). */
const outbox: ExchangeOutbox = {
  async sendDocument(_tx, _ctx, msg) {
    return { packageIds: Object.fromEntries(msg.to.map((t, i) => [t.organId, `pkg_${Date.now()}_${i}`])) };
  },
  async sendStatus() {},
};

/**
 * Documents: drafting over HTTP, issuing (number series under concurrency, the agency seal showing the
 * number over the leader's signature, register entry, audit), arrivals through the ExchangeInbox (status 01 in the same transaction)
 * and the incoming box with accent-insensitive search.
 */
export async function run(kind: 'pglite' | 'postgres', databaseUrl?: string): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'egov-bench-doc-'));
  const config = benchConfig(dir, databaseUrl, { DATABASE_POOL_SIZE: '20' });
  // The leader's signatures each spend a fresh authenticator code (one per 30-second step): the clock is moved on instead of waited for.
  const clock = new TestClock();
  const p = await buildPlatform(config, { clock });
  try {
    await seedReferenceData(p);
    await p.signatures.init(systemActor);
    p.documents.exchange = outbox;
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
    const staff = async (username: string, role: 'specialist' | 'leader' | 'clerk') => {
      const u = await createStaffUser(p.identity, systemActor, null, {
        username,
        password: 'Bench@12345',
        fullName: `Cán bộ ${username}`,
        roles: [role],
        agencyCode: 'H26',
      });
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Bench@12345' }),
      });
      const principal: Principal = {
        userId: u.id,
        username,
        fullName: `Cán bộ ${username}`,
        kind: 'staff',
        roles: [role],
        agencyId: null,
        agencyCode: 'H26',
        acr: 1,
        sessionId: null,
        via: 'bearer',
      };
      return { token: ((await r.json()) as { accessToken: string }).accessToken, principal };
    };
    const [specialist, leader, clerk] = [
      await staff('b.cv', 'specialist'),
      await staff('b.ld', 'leader'),
      await staff('b.vt', 'clerk'),
    ];
    // The leader signs with a person certificate and a TOTP code on a level-2 session; the agency has a seal.
    await p.signatures.seedDemoCertificates(systemActor, { usernames: ['b.ld'], agencyCodes: ['H26'] });
    const { secret } = (await (
      await fetch(`${base}/api/auth/mfa/totp/enroll`, {
        method: 'POST',
        headers: { authorization: `Bearer ${leader.token}` },
      })
    ).json()) as { secret: string };
    await fetch(`${base}/api/auth/mfa/totp/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leader.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ otp: totp(secret, clock.now()) }),
    });
    const otp = () => {
      clock.advance(30_000);
      return totp(secret, clock.now());
    };
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const stored = await p.deps.files.putBuffer(Buffer.from(await pdf.save()));
    const file = await fileRepository.insert(p.deps.db, {
      ...stored,
      mediaType: 'application/pdf',
      name: 'du-thao.pdf',
      ownerId: specialist.principal.userId,
    });
    const results: Result[] = [];
    const auth = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });

    const draft = JSON.stringify({
      type: 'CV',
      subject: 'Về việc triển khai chuyển đổi số',
      recipients: ['H41', 'G09'],
      fileIds: [file.id],
    });
    results.push(
      await measureHttp(`[${kind}] POST /api/documents (draft, idempotency key), c=16`, {
        baseUrl: base,
        requests: [
          {
            method: 'POST',
            path: '/api/documents',
            headers: { ...auth(specialist.token), 'idempotency-key': '{uuid}' },
            body: draft,
          },
        ],
        seconds: 15,
        concurrency: 16,
        maxRequests: 2000,
      }),
    );

    // Signed documents to issue: made through the use cases (not measured).
    const ids: string[] = [];
    for (let i = 0; i < ISSUES; i++) {
      const r = await fetch(`${base}/api/documents`, {
        method: 'POST',
        headers: auth(specialist.token),
        body: JSON.stringify({ type: 'QD', subject: `Quyết định số ${i}`, recipients: ['H41'], fileIds: [file.id] }),
      });
      const { id } = (await r.json()) as { id: string };
      await fetch(`${base}/api/documents/${id}/actions`, {
        method: 'POST',
        headers: auth(specialist.token),
        body: JSON.stringify({ action: 'submit' }),
      });
      await fetch(`${base}/api/documents/${id}/actions`, {
        method: 'POST',
        headers: auth(leader.token),
        body: JSON.stringify({ action: 'sign', signerPosition: 'Chủ tịch', otp: otp() }),
      });
      ids.push(id);
    }
    const issueBody = JSON.stringify({ action: 'issue' });
    results.push(
      await measureHttp(`[${kind}] issue (number + agency seal PAdES B-T + register), ${ISSUES} docs, c=8`, {
        baseUrl: base,
        requests: ids.map((id) => ({
          method: 'POST' as const,
          path: `/api/documents/${id}/actions`,
          headers: auth(clerk.token),
          body: issueBody,
        })),
        seconds: 120,
        concurrency: 8,
        maxRequests: ids.length,
      }),
    );

    const inbox = documentsInbox(p.documents);
    let n = 0;
    results.push(
      await measure(
        `[${kind}] ExchangeInbox.documentArrived (+ status 01), c=8`,
        async () => {
          const i = ++n;
          await p.database.db.transaction((tx) =>
            inbox.documentArrived(tx, {
              packageId: `pkg_bench_${i}`,
              recipient: '000.00.00.H26',
              from: { organId: '000.00.00.H41', organName: 'Ủy ban nhân dân tỉnh Nghệ An' },
              to: [{ organId: '000.00.00.H26', organName: 'Ủy ban nhân dân thành phố Hà Nội' }],
              documentId: `000.00.00.H41,2026/03/02,${i}/UBND-VP`,
              header: {
                codeNumber: String(i),
                codeNotation: 'UBND-VP',
                promulgation: { place: 'Nghệ An', date: '2026-03-02' },
                documentType: { type: 0, typeDetail: 0, typeName: 'Công văn' },
                subject: `Về việc phối hợp xúc tiến đầu tư đợt ${i}`,
                signerInfo: { position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn Đệ' },
                toPlaces: [],
                otherInfo: { priority: (i % 4) as 0 | 1 | 2 | 3 },
              },
              business: { type: 'new', paper: false },
              attachments: [{ fileId: file.id, name: 'vb.pdf', mediaType: 'application/pdf' }],
              signatureReport: {
                mediaType: 'application/xml',
                indication: 'TOTAL_PASSED',
                subIndication: null,
                signatures: [],
                validatedAt: new Date().toISOString(),
              },
              receivedAt: new Date(),
            }),
          );
        },
        { seconds: 15, concurrency: 8, maxRequests: 3000 },
      ),
    );
    results.push(
      await measureHttp(`[${kind}] incoming box, search q=xuc tien dau tu over ${n} arrivals, c=8`, {
        baseUrl: base,
        requests: [
          {
            method: 'GET',
            path: `/api/documents?box=incoming&q=${encodeURIComponent('xuc tien dau tu 12')}`,
            headers: auth(clerk.token),
          },
        ],
        seconds: 5,
        concurrency: 8,
      }),
    );
    results.push(
      await measureHttp(`[${kind}] GET /api/documents/{id} (full page), c=8`, {
        baseUrl: base,
        requests: ids
          .slice(0, 50)
          .map((id) => ({ method: 'GET' as const, path: `/api/documents/${id}`, headers: auth(clerk.token) })),
        seconds: 5,
        concurrency: 8,
      }),
    );
    return results;
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
