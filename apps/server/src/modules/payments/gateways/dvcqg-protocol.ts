import { createHash, timingSafeEqual } from 'node:crypto';
import { vnCompactDateTime } from '../../../platform/time/vn-time.js';

/**
 * The national public service portal's payment platform (Nền tảng thanh toán của Cổng DVCQG),
 * protocol 1.0.6: JSON messages INIT, QUERY and GET_BILL from the partner, a confirmation
 * (callback) from the platform, each authenticated by `MaXacThuc` = hex SHA-256 of the fields
 * joined with `|`, then `|` and the shared secret (vn-standards §11.1). The field orders of
 * INIT, QUERY, GET_BILL and the confirmation are those of a production integration; REFUND,
 * REPORT and the signature of the QUERY answer are this platform's assumptions (ADR 0005).
 */
export const DVCQG_VERSION = '1.0.6';

/** MaXacThuc over the given field values, in order. */
export function maXacThuc(values: (string | number)[], secret: string): string {
  return createHash('sha256')
    .update([...values.map(String), secret].join('|'), 'utf8')
    .digest('hex');
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase()), Buffer.from(b));
}

/** yyyyMMddHHmmss in Vietnam time (UTC+7, no daylight saving). */
export function dvcTime(at: Date): string {
  return vnCompactDateTime(at);
}

/** Parse yyyyMMddHHmmss (Vietnam time). */
export function parseDvcTime(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 7, +m[5]!, +m[6]!));
}

export interface DvcqgFeeLine {
  LoaiPhiLePhi: string;
  MaPhiLePhi: string;
  TenPhiLePhi: string;
  SoTien: string;
}

export interface DvcqgInit {
  LoaiBanTin: 'INIT';
  PhienBan: string;
  MaDoiTac: string;
  MaThamChieu: string;
  SoTien: string;
  LoaiHinhThanhToan: 'PAY';
  MaKenhThanhToan: string;
  MaThietBi: string;
  NgonNgu: string;
  MaTienTe: 'VND';
  MaNganHang: string;
  ThongTinGiaoDich: string;
  ThoiGianGD: string;
  Ip: string;
  MaXacThuc: string;
  ThongTinBienLai: {
    MaDichVu: string;
    MaTTHC: string;
    TenTTHC: string;
    MaDonVi: string;
    TenDonVi: string;
    MaHoSo: string;
    HoTenNguoiNop: string;
    SoCMNDNguoiNop: string;
    PhiLePhi: DvcqgFeeLine[];
    DSKhoanNop: { NoiDung: string; SoTien: string }[];
  };
}

export const initFields = (m: Omit<DvcqgInit, 'MaXacThuc' | 'ThongTinBienLai'>) => [
  m.LoaiBanTin,
  m.PhienBan,
  m.MaDoiTac,
  m.MaThamChieu,
  m.SoTien,
  m.LoaiHinhThanhToan,
  m.MaKenhThanhToan,
  m.MaThietBi,
  m.NgonNgu,
  m.MaTienTe,
  m.MaNganHang,
  m.ThongTinGiaoDich,
  m.ThoiGianGD,
  m.Ip,
];

/** QUERY, GET_BILL, REFUND and REPORT requests share the short form. */
export interface DvcqgShortRequest {
  LoaiBanTin: 'QUERY' | 'GET_BILL';
  PhienBan: string;
  MaDoiTac: string;
  MaThamChieu: string;
  ThoiGianGD: string;
  MaXacThuc: string;
}
export const shortFields = (m: Omit<DvcqgShortRequest, 'MaXacThuc'>) => [
  m.LoaiBanTin,
  m.PhienBan,
  m.MaDoiTac,
  m.MaThamChieu,
  m.ThoiGianGD,
];

/** The platform's answer to INIT (and to REFUND, REPORT): `message` is a JSON string on success. */
export interface DvcqgEnvelope {
  error_code: string;
  message: string;
}

/** The payment result the platform posts to the partner's callback (MaLoi '00' = paid). */
export interface DvcqgConfirm {
  LoaiBanTin: string;
  MaLoi: string;
  MaDoiTac: string;
  MaThamChieu: string;
  SoTien: number;
  MaTienTe: string;
  MaGiaoDich: string;
  MaNganHang: string;
  ThoiGianGD: string;
  ThongTinGiaoDich: string;
  MaXacThuc: string;
}
export const confirmFields = (m: Omit<DvcqgConfirm, 'MaXacThuc'>) => [
  m.LoaiBanTin,
  m.MaLoi,
  m.MaDoiTac,
  m.MaThamChieu,
  m.SoTien,
  m.MaTienTe,
  m.MaGiaoDich,
  m.MaNganHang,
  m.ThoiGianGD,
  m.ThongTinGiaoDich,
];

/** Transaction states of QUERY: 1 paid, 3 pending (final state unknown), 4 failed; 5 refunded (assumed). */
export type DvcqgTxnState = '1' | '3' | '4' | '5';

/** QUERY answer: the confirmation fields plus TrangThaiGD (signed over both, our assumption). */
export interface DvcqgQueryAnswer extends DvcqgConfirm {
  TrangThaiGD: DvcqgTxnState | '';
  MoTaLoi: string;
}
export const queryAnswerFields = (m: Omit<DvcqgQueryAnswer, 'MaXacThuc' | 'MoTaLoi'>) => [
  ...confirmFields(m),
  m.TrangThaiGD,
];

/** The partner's answer to a confirmation: MaLoi '00' acknowledges it. */
export interface DvcqgAck {
  MaLoi: string;
  MoTaLoi: string;
  MaDoiTac: string;
  MaThamChieu: string;
  ThoiGianGD: string;
  MaXacThuc: string;
}
export const ackFields = (m: Omit<DvcqgAck, 'MaXacThuc' | 'MoTaLoi'>) => [
  m.MaLoi,
  m.MaDoiTac,
  m.MaThamChieu,
  m.ThoiGianGD,
];

/** REFUND (assumed): a full refund of a paid transaction. */
export interface DvcqgRefund {
  LoaiBanTin: 'REFUND';
  PhienBan: string;
  MaDoiTac: string;
  MaThamChieu: string;
  SoTien: string;
  LyDo: string;
  ThoiGianGD: string;
  MaXacThuc: string;
}
export const refundFields = (m: Omit<DvcqgRefund, 'MaXacThuc' | 'LyDo'>) => [
  m.LoaiBanTin,
  m.PhienBan,
  m.MaDoiTac,
  m.MaThamChieu,
  m.SoTien,
  m.ThoiGianGD,
];

/** REPORT (assumed): every transaction of one day (yyyyMMdd, Vietnam time) for the partner. */
export interface DvcqgReport {
  LoaiBanTin: 'REPORT';
  PhienBan: string;
  MaDoiTac: string;
  NgayGD: string;
  ThoiGianGD: string;
  MaXacThuc: string;
}
export const reportFields = (m: Omit<DvcqgReport, 'MaXacThuc'>) => [
  m.LoaiBanTin,
  m.PhienBan,
  m.MaDoiTac,
  m.NgayGD,
  m.ThoiGianGD,
];

export interface DvcqgReportLine {
  MaThamChieu: string;
  SoTien: number;
  MaGiaoDich: string;
  TrangThaiGD: DvcqgTxnState;
  ThoiGianGD: string;
}
/** The report's `message`: lines plus a MAC over the canonical JSON of the lines. */
export interface DvcqgReportBody {
  NgayGD: string;
  DanhSachGD: DvcqgReportLine[];
  MaXacThuc: string;
}
