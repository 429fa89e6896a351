/** Vietnamese wording of a validation report: the indications explained for a reader who is not a PKI expert. */
import type {
  Indication,
  RevocationInfo,
  SignatureReport,
  SubIndication,
  ValidationReport,
} from '../../signing-ports.js';
import { vnWallClock } from '../../../../platform/time/vn-time.js';

export const INDICATION_VI: Record<Indication, string> = {
  TOTAL_PASSED: 'Hợp lệ',
  INDETERMINATE: 'Chưa xác định được',
  TOTAL_FAILED: 'Không hợp lệ',
};

export const SUB_INDICATION_VI: Record<SubIndication, string> = {
  FORMAT_FAILURE: 'Chữ ký sai cấu trúc, hoặc tài liệu đã bị sửa đổi sau khi ký (không chỉ thêm chữ ký khác).',
  HASH_FAILURE: 'Nội dung đã bị thay đổi sau khi ký: dữ liệu không còn khớp với chữ ký.',
  SIG_CRYPTO_FAILURE: 'Giá trị chữ ký không khớp với chứng thư số của người ký.',
  REVOKED: 'Chứng thư số của người ký đã bị thu hồi trước thời điểm ký.',
  NO_CERTIFICATE_CHAIN_FOUND: 'Không xây dựng được chuỗi chứng thư tới một tổ chức chứng thực trong danh sách tin cậy.',
  NO_SIGNING_CERTIFICATE_FOUND: 'Không tìm thấy (hoặc không khớp) chứng thư số của người ký trong chữ ký.',
  OUT_OF_BOUNDS_NO_POE:
    'Chứng thư số đã hết hạn hoặc chưa có hiệu lực, và không có dấu thời gian chứng minh chữ ký được tạo khi chứng thư còn hiệu lực.',
  OUT_OF_BOUNDS_NOT_REVOKED: 'Chứng thư số ngoài thời hạn hiệu lực (không bị thu hồi).',
  REVOKED_NO_POE: 'Chứng thư số đã bị thu hồi và không có dấu thời gian chứng minh chữ ký được tạo trước khi thu hồi.',
  TRY_LATER: 'Chưa kiểm tra được tình trạng thu hồi của chứng thư; hãy thử lại sau.',
  SIGNED_DATA_NOT_FOUND: 'Không tìm thấy chữ ký số, hoặc thiếu dữ liệu đã được ký (tệp gốc của chữ ký tách rời).',
  CHAIN_CONSTRAINTS_FAILURE: 'Chuỗi chứng thư không đáp ứng ràng buộc (mục đích sử dụng khóa, quyền cấp chứng thư).',
  CRYPTO_CONSTRAINTS_FAILURE: 'Thuật toán hoặc độ dài khóa không còn được chấp nhận (ví dụ SHA-1, RSA dưới 2048 bit).',
};

export const CATEGORY_VI = {
  government: 'Chuyên dùng Chính phủ',
  public: 'Công cộng',
  federation: 'Triển khai khác trong liên thông (qua trục)',
} as const;

export const REVOCATION_VI: Record<RevocationInfo['status'], string> = {
  good: 'Chưa bị thu hồi',
  revoked: 'Đã bị thu hồi',
  unknown: 'Không xác định',
};

const SOURCE_VI: Record<RevocationInfo['source'], string> = {
  ocsp: 'OCSP',
  crl: 'CRL',
  local: 'cơ sở dữ liệu CA',
  none: 'không có nguồn',
};

/** `02/03/2026 10:15:30 (GMT+7)` */
export function viTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = vnWallClock(new Date(iso)).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 19)} (GMT+7)`;
}

const yesNo = (v: boolean | null) => (v === null ? 'Không áp dụng' : v ? 'Có' : 'Không');

/** The rows of one signature's section: label, value. */
export function signatureRows(s: SignatureReport): [string, string][] {
  const rev = s.revocation;
  return [
    ['Kết quả', `${INDICATION_VI[s.indication]} (${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''})`],
    [
      'Giải thích',
      s.subIndication
        ? SUB_INDICATION_VI[s.subIndication]
        : 'Chữ ký hợp lệ: nội dung nguyên vẹn, chứng thư số tin cậy và còn hiệu lực tại thời điểm ký.',
    ],
    ['Người ký', s.signer?.commonName ?? s.signer?.subject ?? '—'],
    [
      'Chứng thư số',
      s.signer
        ? `${s.signer.subject} (số hiệu ${s.signer.serial}, hiệu lực ${viTime(s.signer.notBefore)} – ${viTime(s.signer.notAfter)})`
        : '—',
    ],
    ['Định dạng', `${s.format}${s.level ? ` ${s.level}` : ''}`],
    ['Thời điểm ký (người ký khai)', viTime(s.claimedSigningTime)],
    [
      'Dấu thời gian',
      s.timestamp
        ? `${viTime(s.timestamp.time)} — ${s.timestamp.authority}${s.timestamp.valid ? '' : ' (không hợp lệ)'}`
        : 'Không có',
    ],
    [
      'Tổ chức chứng thực gốc',
      s.trustAnchor
        ? `${s.trustAnchor.subject} (${CATEGORY_VI[s.trustAnchor.category]})`
        : 'Không thuộc danh sách tin cậy',
    ],
    [
      'Tình trạng thu hồi',
      rev
        ? `${REVOCATION_VI[rev.status]}${rev.revokedAt ? ` từ ${viTime(new Date(rev.revokedAt).toISOString())}` : ''} (nguồn: ${SOURCE_VI[rev.source]})`
        : '—',
    ],
    ['Nội dung nguyên vẹn', yesNo(s.intact)],
    ['Chữ ký bao trùm toàn bộ tài liệu', yesNo(s.coversWholeDocument)],
    ['Tài liệu bị sửa sau khi ký', yesNo(s.modifiedAfterSigning)],
  ];
}

export function overallLine(r: ValidationReport): string {
  if (!r.signatures.length) return 'Không tìm thấy chữ ký số nào trong tệp.';
  return `${r.signatures.length} chữ ký — kết quả chung: ${INDICATION_VI[r.indication]}`;
}
