import { canonicalJson } from '../../../platform/json.js';
import type { DvcqgSettings } from '../payments.settings.js';
import {
  ackFields,
  confirmFields,
  type DvcqgAck,
  type DvcqgConfirm,
  type DvcqgEnvelope,
  type DvcqgInit,
  type DvcqgQueryAnswer,
  type DvcqgRefund,
  type DvcqgReport,
  type DvcqgReportBody,
  type DvcqgShortRequest,
  DVCQG_VERSION,
  dvcTime,
  initFields,
  maXacThuc,
  parseDvcTime,
  queryAnswerFields,
  refundFields,
  reportFields,
  sameMac,
  shortFields,
} from './dvcqg-protocol.js';
import {
  GatewayError,
  type InitRequest,
  type NotificationCheck,
  type NotificationOutcome,
  type PaymentGateway,
  type RefundRequest,
  type ReportLine,
  type TxnState,
} from './gateway.js';
import { asciiText, postJson, send } from './http.js';

/** MaLoi of our answer to a confirmation ('00' acknowledges; the others mirror the redirect gateway's codes). */
const ACK_CODES: Record<NotificationOutcome, [string, string]> = {
  applied: ['00', ''],
  duplicate: ['02', 'Giao dịch đã được xác nhận'],
  late: ['02', 'Giao dịch đã kết thúc'],
  unknown_reference: ['01', 'Không tìm thấy giao dịch'],
  amount_mismatch: ['04', 'Số tiền không khớp'],
  bad_signature: ['97', 'Sai mã xác thực'],
  merchant_mismatch: ['03', 'Sai mã đối tác'],
  malformed: ['99', 'Bản tin không hợp lệ'],
  error: ['99', 'Lỗi xử lý'],
};

const STATE: Record<string, TxnState['status']> = { '1': 'paid', '3': 'pending', '4': 'failed', '5': 'refunded' };

/** Client of the national portal's payment platform, protocol 1.0.6. */
export class DvcqgGateway implements PaymentGateway {
  readonly name = 'dvcqg' as const;
  readonly localInit = false;
  constructor(private readonly s: DvcqgSettings) {}

  private envelope<T>(r: DvcqgEnvelope, what: string): T {
    if (r.error_code !== '0') throw new GatewayError(this.name, `${what} refused: ${r.error_code} ${r.message}`);
    try {
      return JSON.parse(r.message) as T;
    } catch {
      throw new GatewayError(this.name, `${what}: unreadable message`);
    }
  }

  async init(r: InitRequest) {
    const head = {
      LoaiBanTin: 'INIT' as const,
      PhienBan: DVCQG_VERSION,
      MaDoiTac: this.s.partnerCode,
      MaThamChieu: r.reference,
      SoTien: String(r.amount),
      LoaiHinhThanhToan: 'PAY' as const,
      MaKenhThanhToan: '1',
      MaThietBi: '1',
      NgonNgu: 'vi-VN',
      MaTienTe: 'VND' as const,
      MaNganHang: 'PAYMENT',
      ThongTinGiaoDich: asciiText(r.description),
      ThoiGianGD: dvcTime(r.createdAt),
      Ip: r.clientIp,
    };
    const msg: DvcqgInit = {
      ...head,
      MaXacThuc: maXacThuc(initFields(head), this.s.secret),
      ThongTinBienLai: {
        MaDichVu: '2',
        MaTTHC: r.procedureCode,
        TenTTHC: r.procedureName.slice(0, 250),
        MaDonVi: r.agencyCode,
        TenDonVi: r.agencyName,
        MaHoSo: r.dossierCode,
        HoTenNguoiNop: r.payerName,
        SoCMNDNguoiNop: r.payerIdNumber ?? '',
        PhiLePhi: r.lines.map((l, i) => ({
          LoaiPhiLePhi: 'LePhi',
          MaPhiLePhi: `${r.procedureCode}.${i + 1}`,
          TenPhiLePhi: l.label,
          SoTien: String(l.amount),
        })),
        DSKhoanNop: r.lines.map((l) => ({ NoiDung: l.label, SoTien: String(l.amount) })),
      },
    };
    const answer = this.envelope<{ UrlThanhToan?: string }>(
      await postJson(this.name, `${this.s.baseUrl}/init`, msg),
      'INIT',
    );
    if (!answer.UrlThanhToan) throw new GatewayError(this.name, 'INIT: no UrlThanhToan');
    return { redirectUrl: answer.UrlThanhToan };
  }

  verifyNotification(input: { body: unknown }): NotificationCheck {
    const b = (input.body ?? {}) as Partial<DvcqgConfirm>;
    const reference = typeof b.MaThamChieu === 'string' ? b.MaThamChieu : null;
    if (
      !reference ||
      typeof b.MaLoi !== 'string' ||
      typeof b.MaXacThuc !== 'string' ||
      !Number.isInteger(Number(b.SoTien))
    )
      return { ok: false, reason: 'malformed', reference };
    const m = b as DvcqgConfirm;
    if (!sameMac(m.MaXacThuc, maXacThuc(confirmFields(m), this.s.secret)))
      return { ok: false, reason: 'bad_signature', reference };
    if (m.MaDoiTac !== this.s.partnerCode) return { ok: false, reason: 'merchant_mismatch', reference };
    return {
      ok: true,
      n: {
        reference,
        amount: Number(m.SoTien),
        paid: m.MaLoi === '00',
        gatewayTxnId: m.MaGiaoDich || null,
        bankCode: m.MaNganHang || null,
        resultCode: m.MaLoi,
      },
    };
  }

  answer(outcome: NotificationOutcome, reference: string | null) {
    const [MaLoi, MoTaLoi] = ACK_CODES[outcome];
    const head = { MaLoi, MaDoiTac: this.s.partnerCode, MaThamChieu: reference ?? '', ThoiGianGD: dvcTime(new Date()) };
    const body: DvcqgAck = { ...head, MoTaLoi, MaXacThuc: maXacThuc(ackFields(head), this.s.secret) };
    return { status: 200, body };
  }

  async query(reference: string, createdAt: Date): Promise<TxnState> {
    const head = {
      LoaiBanTin: 'QUERY' as const,
      PhienBan: DVCQG_VERSION,
      MaDoiTac: this.s.partnerCode,
      MaThamChieu: reference,
      ThoiGianGD: dvcTime(createdAt),
    };
    const msg: DvcqgShortRequest = { ...head, MaXacThuc: maXacThuc(shortFields(head), this.s.secret) };
    const a = await postJson<DvcqgQueryAnswer>(this.name, `${this.s.baseUrl}/query`, msg);
    if (a.MaLoi === '01') return { status: 'unknown', amount: null, gatewayTxnId: null, bankCode: null, paidAt: null };
    if (!sameMac(a.MaXacThuc, maXacThuc(queryAnswerFields(a), this.s.secret)))
      throw new GatewayError(this.name, 'QUERY answer with a wrong MaXacThuc');
    if (a.MaLoi !== '00' || a.MaThamChieu !== reference)
      throw new GatewayError(this.name, `QUERY failed: ${a.MaLoi} ${a.MoTaLoi}`);
    const status = STATE[a.TrangThaiGD] ?? 'unknown';
    return {
      status,
      amount: Number(a.SoTien),
      gatewayTxnId: a.MaGiaoDich || null,
      bankCode: a.MaNganHang || null,
      paidAt: status === 'paid' ? parseDvcTime(a.ThoiGianGD) : null,
    };
  }

  /** GET_BILL: the platform's own receipt of a paid transaction, as PDF bytes. */
  async getBill(reference: string, createdAt: Date): Promise<Uint8Array> {
    const head = {
      LoaiBanTin: 'GET_BILL' as const,
      PhienBan: DVCQG_VERSION,
      MaDoiTac: this.s.partnerCode,
      MaThamChieu: reference,
      ThoiGianGD: dvcTime(createdAt),
    };
    const res = await send(this.name, `${this.s.baseUrl}/bill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...head, MaXacThuc: maXacThuc(shortFields(head), this.s.secret) }),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!(res.headers.get('content-type') ?? '').includes('application/pdf'))
      throw new GatewayError(this.name, 'GET_BILL: not a PDF');
    return bytes;
  }

  async refund(r: RefundRequest) {
    const head = {
      LoaiBanTin: 'REFUND' as const,
      PhienBan: DVCQG_VERSION,
      MaDoiTac: this.s.partnerCode,
      MaThamChieu: r.reference,
      SoTien: String(r.amount),
      ThoiGianGD: dvcTime(r.createdAt),
    };
    const msg: DvcqgRefund = {
      ...head,
      LyDo: asciiText(r.reason),
      MaXacThuc: maXacThuc(refundFields(head), this.s.secret),
    };
    const a = await postJson<DvcqgEnvelope>(this.name, `${this.s.baseUrl}/refund`, msg);
    const ok = a.error_code === '0';
    return { ok, code: a.error_code, message: a.message, state: ok ? ('refunded' as const) : null };
  }

  async report(day: string): Promise<ReportLine[]> {
    const head = {
      LoaiBanTin: 'REPORT' as const,
      PhienBan: DVCQG_VERSION,
      MaDoiTac: this.s.partnerCode,
      NgayGD: day.replace(/-/g, ''),
      ThoiGianGD: dvcTime(new Date()),
    };
    const msg: DvcqgReport = { ...head, MaXacThuc: maXacThuc(reportFields(head), this.s.secret) };
    const body = this.envelope<DvcqgReportBody>(await postJson(this.name, `${this.s.baseUrl}/report`, msg), 'REPORT');
    if (
      body.NgayGD !== head.NgayGD ||
      !sameMac(body.MaXacThuc, maXacThuc([body.NgayGD, canonicalJson(body.DanhSachGD)], this.s.secret))
    ) {
      throw new GatewayError(this.name, 'REPORT with a wrong MaXacThuc');
    }
    return body.DanhSachGD.map((l) => ({
      reference: l.MaThamChieu,
      amount: Number(l.SoTien),
      status: (STATE[l.TrangThaiGD] ?? 'pending') as ReportLine['status'],
      gatewayTxnId: l.MaGiaoDich || null,
      at: parseDvcTime(l.ThoiGianGD),
    }));
  }

  returnReference(query: Record<string, string>) {
    return typeof query.MaThamChieu === 'string' ? query.MaThamChieu : null;
  }
}
