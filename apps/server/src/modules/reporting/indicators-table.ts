/**
 * The indicators the platform computes, written down as data the code reads: each is a ratio of
 * sums of day facts (DHIS2's indicator = numerator / denominator over aggregated data elements).
 *
 * Targets are the 2025 targets of Resolution 17/NQ-CP (2019) as the seeds quote them where a seed
 * gives a figure; `targetSource` says where each comes from.
 */
export type FactKey =
  | 'received'
  | 'receivedOnline'
  | 'resolved'
  | 'resolvedOnTime'
  | 'resolvedDigitalResult'
  | 'withFees'
  | 'paidOnline'
  | 'docsIn'
  | 'docsInElectronic'
  | 'docsOut'
  | 'docsOutElectronic'
  | 'docsOutSigned'
  | 'accounts'
  | 'accountsVerified'
  | 'ratings'
  | 'ratingSum'
  | 'ratingsPositive'
  | 'procedures'
  | 'proceduresFullOnline';

export interface IndicatorDef {
  code: string;
  name: string;
  numerator: FactKey[];
  denominator: FactKey[];
  target: number | null;
  targetSource: string;
}

/** Resolution 17/NQ-CP shares (%). */
export const R17_INDICATORS: IndicatorDef[] = [
  {
    code: 'R17.ONLINE_DOSSIERS',
    name: 'Tỷ lệ hồ sơ nộp trực tuyến',
    numerator: ['receivedOnline'],
    denominator: ['received'],
    target: 50,
    targetSource: 'NQ 17/NQ-CP: hồ sơ giải quyết trực tuyến mức độ 3, 4 từ 50% trở lên (2025)',
  },
  {
    code: 'R17.FULL_ONLINE_PROCEDURES',
    name: 'Tỷ lệ thủ tục cung cấp trực tuyến toàn trình',
    numerator: ['proceduresFullOnline'],
    denominator: ['procedures'],
    target: 80,
    targetSource: 'NQ 17/NQ-CP: 80% dịch vụ công trực tuyến mức độ 4 (2025) [chưa đối chiếu văn bản gốc]',
  },
  {
    code: 'R17.ELECTRONIC_DOCUMENTS',
    name: 'Tỷ lệ văn bản trao đổi dưới dạng điện tử',
    numerator: ['docsInElectronic', 'docsOutElectronic'],
    denominator: ['docsIn', 'docsOut'],
    target: 90,
    targetSource:
      'NQ 17/NQ-CP: 90% văn bản trao đổi giữa cơ quan nhà nước dưới dạng điện tử [chưa đối chiếu văn bản gốc]',
  },
  {
    code: 'R17.SIGNED_DOCUMENTS',
    name: 'Tỷ lệ văn bản đi được ký số',
    numerator: ['docsOutSigned'],
    denominator: ['docsOut'],
    target: 100,
    targetSource: 'Kế hoạch của các cơ quan theo NQ 17: 100% văn bản trao đổi (trừ văn bản mật) ký số [chưa đối chiếu]',
  },
  {
    code: 'R17.PAID_ONLINE',
    name: 'Tỷ lệ hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến',
    numerator: ['paidOnline'],
    denominator: ['withFees'],
    target: null,
    targetSource: 'NQ 17 không nêu con số; chỉ tiêu QĐ 766 nhóm thanh toán trực tuyến',
  },
  {
    code: 'R17.VERIFIED_ACCOUNTS',
    name: 'Tỷ lệ tài khoản đã xác thực danh tính',
    numerator: ['accountsVerified'],
    denominator: ['accounts'],
    target: null,
    targetSource: 'Không có chỉ tiêu số trong NQ 17',
  },
];

export interface ScoringComponent {
  /** A share in [0, 1] = sum(numerator) / sum(denominator); `scale` divides further (mean rating / 5). */
  numerator: FactKey[];
  denominator: FactKey[];
  scale?: number;
  /** Share of the group's points. */
  weight: number;
}

export interface ScoringGroup {
  code: string;
  name: string;
  max: number;
  components: ScoringComponent[];
  note: string;
}

/**
 * Decision 766/QĐ-TTg groups as dichvucong.gov.vn's evaluation API splits them (vn-standards §6.1),
 * with the scoring rule of each: points = max × Σ weight × share. The annex's exact thresholds are
 * not in our sources; a linear rule is what vn-standards §6.2 infers [M]. A group whose every
 * denominator is 0 is "not applicable" and the total is rescaled to 100 over the applicable groups.
 */
export const SCORING_766: ScoringGroup[] = [
  {
    code: 'CKMB',
    name: 'Công khai, minh bạch',
    max: 18,
    components: [{ numerator: ['received'], denominator: ['received'], weight: 1 }],
    note: 'Mọi hồ sơ trên nền tảng được đồng bộ và tra cứu công khai theo mã: tỷ lệ hồ sơ đồng bộ = 100% khi có hồ sơ. Chưa tính: công khai TTHC trên CSDL quốc gia, xử lý phản ánh.',
  },
  {
    code: 'TDGQ',
    name: 'Tiến độ giải quyết',
    max: 20,
    components: [{ numerator: ['resolvedOnTime'], denominator: ['resolved'], weight: 1 }],
    note: '(đúng hạn + trước hạn) / đã giải quyết',
  },
  {
    code: 'DVCTT',
    name: 'Dịch vụ công trực tuyến',
    max: 12,
    components: [
      { numerator: ['proceduresFullOnline'], denominator: ['procedures'], weight: 0.5 },
      { numerator: ['receivedOnline'], denominator: ['received'], weight: 0.5 },
    ],
    note: 'TTHC toàn trình / TTHC; hồ sơ trực tuyến / hồ sơ tiếp nhận',
  },
  {
    code: 'TTTT',
    name: 'Thanh toán trực tuyến',
    max: 10,
    components: [{ numerator: ['paidOnline'], denominator: ['withFees'], weight: 1 }],
    note: 'hồ sơ thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính',
  },
  {
    code: 'MDHL',
    name: 'Mức độ hài lòng',
    max: 18,
    components: [{ numerator: ['ratingSum'], denominator: ['ratings'], scale: 5, weight: 1 }],
    note: 'điểm đánh giá trung bình của người dân (1–5) / 5',
  },
  {
    code: 'MDSH',
    name: 'Mức độ số hóa hồ sơ',
    max: 22,
    components: [{ numerator: ['resolvedDigitalResult'], denominator: ['resolved'], weight: 1 }],
    note: 'kết quả giải quyết cấp bản điện tử / hồ sơ đã giải quyết. Chưa tính: số hóa thành phần hồ sơ, tái sử dụng.',
  },
];
