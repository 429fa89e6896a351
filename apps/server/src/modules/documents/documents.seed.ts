import { fileRepository } from '../../platform/files/index.js';
import { type ActorContext, type Principal, systemActor } from '../../platform/http/auth.js';
import { PdfBuilder } from '../../platform/pdf/index.js';
import { findAccountByLogin } from '../identity/index.js';
import { DocumentsContext, type DocumentSigning } from './documents.context.js';
import { documentsRepository as repo } from './documents.repository.js';
import { actOnDocument } from './use-cases/act.js';
import { createDocument } from './use-cases/create.js';
import { receivePaper } from './use-cases/paper.js';

/**
 * Notation abbreviations in common use (e.g. `15/QĐ-UBND`, `05/BNV-VP`). The provinces' and wards'
 * People's Committees all write UBND; the Hà Nội units are the synthetic ones of the directory seed.
 */
export const DEMO_ABBREVIATIONS: Record<string, string> = {
  G22: 'VPCP',
  G01: 'BCA',
  G02: 'BCT',
  G03: 'BGDĐT',
  G06: 'BKHCN',
  G08: 'BNG',
  G09: 'BNV',
  G10: 'BNNMT',
  G11: 'BQP',
  G12: 'BTC',
  G15: 'BTP',
  G16: 'BVHTTDL',
  G17: 'BXD',
  G18: 'BYT',
  G19: 'NHNN',
  G20: 'TTCP',
  G21: 'BDTTG',
  'G12.18': 'CT',
  'H26.S01': 'VP',
  'H26.S02': 'STP',
  'H26.S03': 'SNV',
  'H26.S04': 'SXD',
};

/** Abbreviations for the seeded agencies (reference data; an agency admin changes them later). */
export async function seedDocumentSettings(ctx: DocumentsContext): Promise<number> {
  const now = ctx.clock.now();
  const { items } = await ctx.directory.search({ page: 1, pageSize: 500 });
  let n = 0;
  for (const a of items) {
    const abbreviation =
      DEMO_ABBREVIATIONS[a.code] ?? (a.level === 'province' || a.level === 'commune' ? 'UBND' : null);
    if (!abbreviation || (await repo.settings(ctx.db, a.code))) continue;
    const place = a.level === 'province' ? a.name.replace(/^Ủy ban nhân dân (thành phố|tỉnh) /, '') : null;
    await repo.upsertSettings(ctx.db, { agencyCode: a.code, abbreviation, place, updatedAt: now });
    n++;
  }
  return n;
}

async function demoPdf(ctx: DocumentsContext, ownerId: string, title: string, body: string) {
  const b = await PdfBuilder.create({ metadata: { title, createdAt: ctx.clock.now() } });
  b.text('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI', { bold: true });
  b.space(12);
  b.text(title.toLocaleUpperCase('vi'), { bold: true, align: 'center', size: 13 });
  b.space(8);
  b.text(body);
  const bytes = Buffer.from(await b.save());
  const stored = await ctx.files.putBuffer(bytes);
  return (
    await fileRepository.insert(ctx.db, { ...stored, mediaType: 'application/pdf', name: `${title}.pdf`, ownerId })
  ).id;
}

async function principalOf(ctx: DocumentsContext, username: string): Promise<Principal | null> {
  const a = await findAccountByLogin(ctx.identity, username);
  if (!a) return null;
  return {
    userId: a.id,
    username: a.username,
    fullName: a.fullName,
    kind: 'staff',
    roles: a.roles,
    agencyId: null,
    agencyCode: a.agencyCode,
    acr: 1,
    sessionId: null,
    via: 'bearer',
  };
}

const ISSUED_SUBJECT = 'Quyết định công bố danh mục dữ liệu mở của Ủy ban nhân dân thành phố năm 2026';

/**
 * One outgoing document of H26 taken through the real use cases to its issue: drafted by the
 * specialist, submitted, signed by the demo leader (made by the seed with his demo certificate: see
 * `demoSeedSigning`) and issued by the clerk under the agency seal with the next number and its
 * register entry. Found again by its subject and carried on from where it stands, so a second run (or
 * a run after a crash half-way) adds nothing and leaves nothing half done. Returns 1 when it was issued now.
 */
async function seedIssuedDocument(
  ctx: DocumentsContext,
  actor: ActorContext,
  people: Record<'specialist' | 'leader' | 'clerk', Principal>,
): Promise<number> {
  const found = (
    await repo.list(ctx.db, { agencyCodes: ['H26'], direction: 'outgoing', q: ISSUED_SUBJECT, page: 1, pageSize: 5 })
  ).items.find((d) => d.subject === ISSUED_SUBJECT);
  if (found && !['draft', 'in_review', 'signed'].includes(found.status)) return 0;
  let id = found?.id;
  if (!id) {
    // Drafted from the decision template: Phụ lục I layout with blanks for the number, date and signatures.
    id = (
      await createDocument(
        ctx,
        actor,
        people.specialist,
        {
          type: 'QD',
          subject: ISSUED_SUBJECT,
          recipients: ['H26.S01', 'H26.S03'],
          fileIds: [],
          template: {
            preamble: [
              'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
              'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
              'Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân thành phố.',
            ],
            body: [
              'Điều 1. Công bố kèm theo Quyết định này danh mục dữ liệu mở năm 2026 của Ủy ban nhân dân thành phố Hà Nội.',
              'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
              'Điều 3. Chánh Văn phòng Ủy ban nhân dân thành phố, Giám đốc các sở và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.',
            ],
            copiesTo: ['- Như Điều 3;', '- Văn phòng UBND thành phố;', '- Sở Nội vụ;', '- Lưu: VT.'],
            signerCompetence: 'TM. Ủy ban nhân dân',
            signerPosition: 'Chủ tịch',
            signerName: people.leader.fullName,
          },
        },
        undefined,
      )
    ).body.id;
  }
  const status = found?.status ?? 'draft';
  if (status === 'draft') await actOnDocument(ctx, actor, people.specialist, id, { action: 'submit' });
  if (status === 'draft' || status === 'in_review')
    await actOnDocument(ctx, actor, people.leader, id, {
      action: 'sign',
      signerPosition: 'Chủ tịch',
      signerCompetence: 'TM. ỦY BAN NHÂN DÂN',
    });
  await actOnDocument(ctx, actor, people.clerk, id, { action: 'issue' });
  return 1;
}

/**
 * A few documents in the demo agency's boxes (H26): a draft, two waiting for the leader's signature,
 * two incoming (one registered in the incoming register), and, with `seedSigning`, one decision
 * signed by the demo leader and issued with the seal (see `seedIssuedDocument`). The first five are
 * seeded once (while H26 has no document); the issued one is found again by its subject.
 */
export async function seedDemoDocuments(ctx: DocumentsContext, seedSigning?: DocumentSigning): Promise<number> {
  const [specialist, clerk, leader] = await Promise.all(
    ['hn.chuyenvien', 'hn.vanthu', 'hn.lanhdao'].map((u) => principalOf(ctx, u)),
  );
  if (!specialist || !clerk) return 0;
  const actor: ActorContext = { ...systemActor, actorName: 'seed' };
  const first =
    (await repo.list(ctx.db, { agencyCodes: ['H26'], page: 1, pageSize: 1 })).total === 0
      ? await seedBoxes(ctx, actor, specialist, clerk)
      : 0;
  if (!seedSigning || !leader) return first;
  const seeding = new DocumentsContext(
    ctx.db,
    ctx.clock,
    ctx.files,
    ctx.directory,
    ctx.identity,
    ctx.calendar,
    seedSigning,
    ctx.exchange,
  );
  return first + (await seedIssuedDocument(seeding, actor, { specialist, leader, clerk }));
}

async function seedBoxes(
  ctx: DocumentsContext,
  actor: ActorContext,
  specialist: Principal,
  clerk: Principal,
): Promise<number> {
  const draft = async (type: string, subject: string, recipients: string[], extra: Record<string, string> = {}) => {
    const fileId = await demoPdf(ctx, specialist.userId, subject, `Dự thảo: ${subject}.`);
    return (
      await createDocument(
        ctx,
        actor,
        specialist,
        { type, subject, recipients, fileIds: [fileId], ...extra },
        undefined,
      )
    ).body.id;
  };
  await draft('CV', 'Về việc triển khai chuyển đổi số năm 2026', ['H26.S03', 'H26.S04']);
  const toSign = await draft('QD', 'Quyết định ban hành Quy chế văn thư, lưu trữ của Ủy ban nhân dân thành phố', [], {
    urgency: 'urgent',
  });
  await actOnDocument(ctx, actor, specialist, toSign, { action: 'submit' });
  const toIssue = await draft('KH', 'Kế hoạch cải cách hành chính năm 2026', ['G09', 'H41']);
  await actOnDocument(ctx, actor, specialist, toIssue, { action: 'submit' });
  const scan = async (title: string) => demoPdf(ctx, clerk.userId, title, 'Bản quét văn bản giấy.');
  await receivePaper(ctx, actor, clerk, {
    type: 'CV',
    subject: 'Về việc báo cáo tình hình thực hiện Nghị định 30/2020/NĐ-CP',
    senderName: 'Bộ Nội vụ',
    senderCode: 'G09',
    codeNumber: '1234',
    codeNotation: 'BNV-VTLTNN',
    urgency: 'very_urgent',
    fileIds: [await scan('Công văn Bộ Nội vụ')],
  });
  const second = await receivePaper(ctx, actor, clerk, {
    type: 'TB',
    subject: 'Thông báo lịch tiếp công dân tháng 12',
    senderName: 'Văn phòng Chính phủ',
    senderCode: 'G22',
    codeNumber: '45',
    codeNotation: 'TB-VPCP',
    fileIds: [await scan('Thông báo VPCP')],
  });
  await actOnDocument(ctx, actor, clerk, second.id, { action: 'register' });
  return 5;
}
