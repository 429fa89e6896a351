import { PDFDocument } from 'pdf-lib';
import { type Principal, systemActor } from '../../platform/http/auth.js';
import { fileRepository } from '../../platform/files/index.js';
import { embedFonts } from '../../platform/pdf/fonts.js';
import type { DemoMeetingPeople } from './meetings-contract.js';
import type { MeetingsContext } from './meetings.context.js';
import { actOnMeeting } from './use-cases/act.js';
import { addItem, createMeeting } from './use-cases/create.js';
import { createOpinionRequest } from './use-cases/opinions.js';
import { meetingsRepository as repo } from './meetings.repository.js';
import { vnIsoDate } from '../../platform/time/vn-time.js';

/** A short paper with Vietnamese text, so the demo has something to read. */
async function demoPaper(title: string, lines: string[]) {
  const doc = await PDFDocument.create();
  const { regular, bold } = await embedFonts(doc);
  const page = doc.addPage([595, 842]);
  page.drawText(title, { x: 60, y: 770, size: 14, font: bold });
  lines.forEach((l, i) => page.drawText(l, { x: 60, y: 730 - i * 22, size: 11, font: regular }));
  return Buffer.from(await doc.save());
}

/**
 * Demo data (`npm start`): an upcoming, convened session of the Hà Nội People's Committee with the
 * demo leader as chair, the demo specialist as secretary and the deputy chairs as members, three
 * items with papers, and an open written opinion round. Skipped when any meeting exists.
 */
export async function seedDemoMeetings(ctx: MeetingsContext, people: DemoMeetingPeople) {
  if ((await repo.listMeetings(ctx.db, { userId: null, page: 1, pageSize: 1 })).total > 0) return 0;
  const secretary: Principal = {
    userId: people.secretaryId,
    username: 'seed',
    fullName: 'seed',
    kind: 'staff',
    roles: ['specialist'],
    agencyId: null,
    agencyCode: people.agencyCode,
    acr: 1,
    sessionId: null,
    via: 'bearer',
  };
  const now = ctx.clock.now();
  const day = vnIsoDate(new Date(now.getTime() + 7 * 86_400_000));
  const created = await createMeeting(
    ctx,
    systemActor,
    secretary,
    {
      agencyCode: people.agencyCode,
      title: `Phiên họp thường kỳ Ủy ban nhân dân thành phố ngày ${day.split('-').reverse().join('/')}`,
      kind: 'regular',
      startsAt: `${day}T08:00:00+07:00`,
      endsAt: `${day}T11:30:00+07:00`,
      place: 'Phòng họp số 1, trụ sở Ủy ban nhân dân thành phố',
      video: true,
      chairId: people.chairId,
      memberIds: people.memberIds,
      guests: people.guestId ? [{ userId: people.guestId, itemSeqs: [3] }] : [],
    },
    `seed-meeting-${day}`,
  );
  const id = created.body.id;
  const items = [
    {
      title: 'Tờ trình về kế hoạch đầu tư công năm 2027',
      lines: [
        'Căn cứ Luật Đầu tư công năm 2024;',
        'Sở Tài chính trình Ủy ban nhân dân thành phố',
        'kế hoạch đầu tư công năm 2027 với tổng vốn dự kiến…',
      ],
    },
    {
      title: 'Đề án chuyển đổi số trong các cơ quan hành chính nhà nước',
      lines: [
        'Mục tiêu: 100% hồ sơ công việc được xử lý trên môi trường mạng;',
        'họp không giấy tại các sở, ngành và Ủy ban nhân dân cấp xã.',
      ],
    },
    {
      title: 'Báo cáo tình hình kinh tế – xã hội tháng 11',
      lines: ['Tổng sản phẩm trên địa bàn tăng so với cùng kỳ;', 'thu ngân sách đạt kế hoạch đề ra.'],
    },
  ];
  for (const it of items) {
    const bytes = await demoPaper(it.title, it.lines);
    const stored = await ctx.files.putBuffer(bytes);
    const f = await fileRepository.insert(ctx.db, {
      ...stored,
      mediaType: 'application/pdf',
      name: `${it.title}.pdf`,
      ownerId: people.secretaryId,
    });
    await addItem(ctx, systemActor, secretary, id, {
      title: it.title,
      presenterId: people.memberIds[0],
      agencies: [],
      fileIds: [f.id],
    });
  }
  await actOnMeeting(ctx, systemActor, secretary, id, { action: 'convene' });
  await createOpinionRequest(
    ctx,
    systemActor,
    secretary,
    {
      agencyCode: people.agencyCode,
      question: 'Xin ý kiến thành viên Ủy ban nhân dân thành phố về dự thảo Quyết định ban hành Quy chế họp không giấy',
      deadline: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      memberIds: people.memberIds,
    },
    `seed-opinion-${day}`,
  );
  return 1;
}
