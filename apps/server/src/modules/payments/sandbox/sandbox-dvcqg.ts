import type { FastifyInstance } from 'fastify';
import { canonicalJson } from '../../../platform/json.js';
import type { Clock } from '../../../platform/time/clock.js';
import {
  confirmFields,
  type DvcqgConfirm,
  type DvcqgInit,
  type DvcqgQueryAnswer,
  type DvcqgRefund,
  type DvcqgReport,
  type DvcqgShortRequest,
  dvcTime,
  initFields,
  maXacThuc,
  queryAnswerFields,
  refundFields,
  reportFields,
  sameMac,
  shortFields,
} from '../gateways/dvcqg-protocol.js';
import { buildBillPdf } from './sandbox-bill.js';
import { messagePage, paymentPage } from './sandbox-page.js';
import type { SandboxStore, SandboxTxn } from './sandbox-store.js';
import { deliver, type Outcome } from './sandbox-deliver.js';

export interface DvcqgPartner {
  partnerCode: string;
  secret: string;
  callbackUrl: string;
  returnUrl: string;
}

const STATE = { paid: '1', pending: '3', failed: '4', refunded: '5' } as const;
const fail = (error_code: string, message: string) => ({ error_code, message });

/** The national portal's payment platform, as a sandbox: same messages, same signatures, over HTTP. */
export function dvcqgSandbox(
  app: FastifyInstance,
  store: SandboxStore,
  partner: DvcqgPartner,
  base: string,
  clock: Clock,
) {
  const mac = (fields: (string | number)[]) => maXacThuc(fields, partner.secret);
  const hidden = { schema: { hide: true } };

  app.post('/sandbox/dvcqg/init', hidden, async (req) => {
    const m = req.body as DvcqgInit;
    if (m?.MaDoiTac !== partner.partnerCode) return fail('2', 'Sai mã đối tác');
    if (!sameMac(m.MaXacThuc, mac(initFields(m)))) return fail('1', 'Sai mã xác thực');
    const amount = Number(m.SoTien);
    if (!Number.isInteger(amount) || amount <= 0 || !m.MaThamChieu) return fail('3', 'Dữ liệu không hợp lệ');
    let t = store.get('dvcqg', m.MaThamChieu);
    if (t && (t.amount !== amount || t.status !== 'pending')) return fail('4', 'Mã tham chiếu đã tồn tại');
    const now = clock.now();
    t ??= store.create({
      gateway: 'dvcqg',
      reference: m.MaThamChieu,
      amount,
      description: m.ThongTinGiaoDich,
      merchantName: m.ThongTinBienLai?.TenDonVi || partner.partnerCode,
      createdAt: now,
      merchantTime: m.ThoiGianGD,
      expiresAt: new Date(now.getTime() + 15 * 60_000),
      returnUrl: partner.returnUrl,
    });
    return {
      error_code: '0',
      message: JSON.stringify({ MaThamChieu: t.reference, UrlThanhToan: `${base}/sandbox/dvcqg/pay/${t.token}` }),
    };
  });

  app.get('/sandbox/dvcqg/pay/:token', hidden, async (req, reply) => {
    const t = store.token((req.params as { token: string }).token);
    reply.type('text/html; charset=utf-8');
    if (!t)
      return reply
        .code(404)
        .send(messagePage(null, 'Không tìm thấy giao dịch', 'Liên kết thanh toán không đúng hoặc đã hết hạn.', null));
    store.expire(t, clock.now());
    if (t.status !== 'pending') return messagePage(t, 'Giao dịch đã kết thúc', `Trạng thái: ${t.status}.`, backUrl(t));
    return paymentPage(t, `/sandbox/dvcqg/pay/${t.token}`);
  });

  app.post('/sandbox/dvcqg/pay/:token', hidden, async (req, reply) => {
    const t = store.token((req.params as { token: string }).token);
    const outcome = (req.body as { outcome?: Outcome })?.outcome;
    reply.type('text/html; charset=utf-8');
    if (!t || !outcome)
      return reply
        .code(404)
        .send(messagePage(null, 'Không tìm thấy giao dịch', 'Liên kết thanh toán không đúng.', null));
    store.expire(t, clock.now());
    if (t.status !== 'pending') return messagePage(t, 'Giao dịch đã kết thúc', `Trạng thái: ${t.status}.`, backUrl(t));
    const paidOk = outcome !== 'failure';
    t.status = paidOk ? 'paid' : 'failed';
    t.paidAt = paidOk ? clock.now() : null;
    // "The bank debited another amount": the gateway's books and its notification carry it.
    if (outcome === 'wrong_amount') t.amount = t.amount > 1000 ? t.amount - 1000 : t.amount + 1000;
    if (outcome === 'timeout')
      return messagePage(
        t,
        'Hết thời gian chờ phản hồi',
        'Ngân hàng đã ghi nhận giao dịch nhưng kết quả chưa được gửi về Cổng dịch vụ công.',
        backUrl(t),
      );
    const head = {
      LoaiBanTin: 'CONFIRM',
      MaLoi: paidOk ? '00' : '10',
      MaDoiTac: partner.partnerCode,
      MaThamChieu: t.reference,
      SoTien: t.amount,
      MaTienTe: 'VND',
      MaGiaoDich: t.gatewayTxnId,
      MaNganHang: t.bankCode,
      ThoiGianGD: dvcTime(clock.now()),
      ThongTinGiaoDich: t.description,
    };
    const body: DvcqgConfirm = { ...head, MaXacThuc: mac(confirmFields(head)) };
    await deliver(store, t.reference, { method: 'POST', url: partner.callbackUrl, payload: JSON.stringify(body) });
    return reply.redirect(backUrl(t), 303);
  });

  app.post('/sandbox/dvcqg/query', hidden, async (req) => {
    const m = req.body as DvcqgShortRequest;
    const t =
      m?.MaDoiTac === partner.partnerCode && sameMac(m.MaXacThuc, mac(shortFields(m)))
        ? store.get('dvcqg', m.MaThamChieu)
        : null;
    if (!t)
      return {
        MaLoi: '01',
        MoTaLoi: 'Không tìm thấy giao dịch hoặc sai mã xác thực',
        MaThamChieu: m?.MaThamChieu ?? '',
      };
    store.expire(t, clock.now());
    const head = {
      LoaiBanTin: 'QUERY',
      MaLoi: '00',
      MaDoiTac: partner.partnerCode,
      MaThamChieu: t.reference,
      SoTien: t.amount,
      MaTienTe: 'VND',
      MaGiaoDich: t.gatewayTxnId,
      MaNganHang: t.bankCode,
      ThoiGianGD: t.paidAt ? dvcTime(t.paidAt) : t.merchantTime,
      ThongTinGiaoDich: t.description,
      TrangThaiGD: STATE[t.status],
    };
    const answer: DvcqgQueryAnswer = { ...head, MoTaLoi: '', MaXacThuc: mac(queryAnswerFields(head)) };
    return answer;
  });

  app.post('/sandbox/dvcqg/bill', hidden, async (req, reply) => {
    const m = req.body as DvcqgShortRequest;
    const t =
      m?.MaDoiTac === partner.partnerCode && sameMac(m.MaXacThuc, mac(shortFields(m)))
        ? store.get('dvcqg', m.MaThamChieu)
        : null;
    if (!t || t.status !== 'paid') return fail('1', 'Không có biên lai cho giao dịch này');
    return reply.type('application/pdf').send(Buffer.from(await buildBillPdf(t)));
  });

  app.post('/sandbox/dvcqg/refund', hidden, async (req) => {
    const m = req.body as DvcqgRefund;
    if (m?.MaDoiTac !== partner.partnerCode || !sameMac(m.MaXacThuc, mac(refundFields(m))))
      return fail('1', 'Sai mã xác thực');
    const t = store.get('dvcqg', m.MaThamChieu);
    if (!t) return fail('5', 'Không tìm thấy giao dịch');
    if (t.status !== 'paid' || Number(m.SoTien) !== t.amount) return fail('6', 'Giao dịch không thể hoàn tiền');
    t.status = 'refunded';
    return { error_code: '0', message: JSON.stringify({ MaThamChieu: t.reference, TrangThaiGD: STATE.refunded }) };
  });

  app.post('/sandbox/dvcqg/report', hidden, async (req) => {
    const m = req.body as DvcqgReport;
    if (m?.MaDoiTac !== partner.partnerCode || !sameMac(m.MaXacThuc, mac(reportFields(m))) || !/^\d{8}$/.test(m.NgayGD))
      return fail('1', 'Sai mã xác thực');
    const day = `${m.NgayGD.slice(0, 4)}-${m.NgayGD.slice(4, 6)}-${m.NgayGD.slice(6)}`;
    const lines = store.ofDay('dvcqg', day).map((t) => {
      store.expire(t, clock.now());
      return {
        MaThamChieu: t.reference,
        SoTien: t.amount,
        MaGiaoDich: t.gatewayTxnId,
        TrangThaiGD: STATE[t.status],
        ThoiGianGD: t.paidAt ? dvcTime(t.paidAt) : t.merchantTime,
      };
    });
    return {
      error_code: '0',
      message: JSON.stringify({
        NgayGD: m.NgayGD,
        DanhSachGD: lines,
        MaXacThuc: mac([m.NgayGD, canonicalJson(lines)]),
      }),
    };
  });

  function backUrl(t: SandboxTxn) {
    return `${t.returnUrl}?MaThamChieu=${encodeURIComponent(t.reference)}`;
  }
}
