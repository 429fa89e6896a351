import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../../platform/time/clock.js';
import type { PortalStatusMessage, PortalSyncSettings } from './portal-sync.js';

export interface ReceivedStatus {
  receivedAt: string;
  message: PortalStatusMessage;
}

const CODE = /^[A-Z0-9.]{1,20}-\d{6}-\d{4,}$/;
const AGENCY = /^[A-Z0-9.]{1,35}$/;
const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;
const answer = (error_code: string, message: string) => ({ error_code, message });

/**
 * The national portal's status sync, as a simulator under /sandbox/dvcqg-sync (development and tests only): it
 * checks the bearer token and the fields as a receiving system would, keeps what it received in its own memory
 * (another system: never in our database), and can be told to be down for the next N calls.
 */
export function portalSandboxRoutes(app: FastifyInstance, s: PortalSyncSettings, clock: Clock) {
  const received: ReceivedStatus[] = [];
  let downFor = 0;
  const hidden = { schema: { hide: true } };
  const authorised = (req: FastifyRequest) => {
    const got = Buffer.from(String(req.headers.authorization ?? ''));
    const want = Buffer.from(`Bearer ${s.token}`);
    return got.length === want.length && timingSafeEqual(got, want);
  };

  app.post('/sandbox/dvcqg-sync/CapNhatTrangThai', hidden, async (req, reply) => {
    if (!authorised(req)) return reply.code(401).send(answer('401', 'Sai mã truy cập'));
    if (downFor > 0) {
      downFor--;
      return reply.code(503).send(answer('503', 'Hệ thống đang bảo trì'));
    }
    const m = req.body as Partial<PortalStatusMessage> | null;
    const problems: string[] = [];
    if (!m || typeof m.MaHoSo !== 'string' || !CODE.test(m.MaHoSo)) problems.push('MaHoSo');
    if (!m || typeof m.MaTTHC !== 'string' || !m.MaTTHC) problems.push('MaTTHC');
    if (!m || typeof m.MaDonViTiepNhan !== 'string' || !AGENCY.test(m.MaDonViTiepNhan))
      problems.push('MaDonViTiepNhan');
    if (!m || typeof m.DonViXuLy !== 'string' || !m.DonViXuLy.trim()) problems.push('DonViXuLy');
    if (!m || !Number.isInteger(m.TrangThai) || m.TrangThai! < 1 || m.TrangThai! > 10) problems.push('TrangThai');
    if (!m || ![1, 2, 3].includes(m.KenhThucHien as number)) problems.push('KenhThucHien');
    for (const f of ['NgayNop', 'ThoiDiemCapNhat'] as const)
      if (!m || typeof m[f] !== 'string' || !DATE.test(m[f])) problems.push(f);
    if (problems.length) return reply.code(400).send(answer('400', `Dữ liệu không hợp lệ: ${problems.join(', ')}`));
    received.push({ receivedAt: clock.now().toISOString(), message: m as PortalStatusMessage });
    if (received.length > 10_000) received.splice(0, received.length - 10_000);
    return answer('0', 'Thành công');
  });

  // For testers: what the portal received (optionally of one dossier), and a switch to make it fail.
  app.get('/sandbox/dvcqg-sync/received', hidden, async (req, reply) => {
    if (!authorised(req)) return reply.code(401).send(answer('401', 'Sai mã truy cập'));
    const code = (req.query as { MaHoSo?: string }).MaHoSo;
    return { items: code ? received.filter((r) => r.message.MaHoSo === code) : received.slice(-200) };
  });
  app.post('/sandbox/dvcqg-sync/down', hidden, async (req, reply) => {
    if (!authorised(req)) return reply.code(401).send(answer('401', 'Sai mã truy cập'));
    const n = Number((req.body as { calls?: unknown } | null)?.calls);
    downFor = Number.isInteger(n) && n >= 0 && n <= 100 ? n : 1;
    return { downFor };
  });
}
