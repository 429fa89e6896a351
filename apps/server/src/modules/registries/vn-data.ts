/**
 * Reference data for realistic synthetic registries: the 34 provinces of 1 July 2025 (Resolution
 * 202/2025/QH15; the same codes the directory seeds) with the personal-ID birth-registration codes
 * of the provinces merged into each (vn-standards §9.2: people keep the code of where they were
 * registered), the region that shapes names, and Vietnamese names by frequency.
 */

export type Region = 'north' | 'central' | 'south';

export interface Province {
  /** QĐ 20/2020 code of the provincial People's Committee (directory). */
  code: string;
  name: string;
  /** Personal-ID province codes (PPP) of the provinces it was formed from; the first is its own. */
  idCodes: string[];
  region: Region;
}

export const PROVINCES: readonly Province[] = [
  { code: 'H26', name: 'Hà Nội', idCodes: ['001'], region: 'north' },
  { code: 'H57', name: 'Huế', idCodes: ['046'], region: 'central' },
  { code: 'H35', name: 'Lai Châu', idCodes: ['012'], region: 'north' },
  { code: 'H18', name: 'Điện Biên', idCodes: ['011'], region: 'north' },
  { code: 'H52', name: 'Sơn La', idCodes: ['014'], region: 'north' },
  { code: 'H37', name: 'Lạng Sơn', idCodes: ['020'], region: 'north' },
  { code: 'H49', name: 'Quảng Ninh', idCodes: ['022'], region: 'north' },
  { code: 'H56', name: 'Thanh Hóa', idCodes: ['038'], region: 'central' },
  { code: 'H41', name: 'Nghệ An', idCodes: ['040'], region: 'central' },
  { code: 'H27', name: 'Hà Tĩnh', idCodes: ['042'], region: 'central' },
  { code: 'H14', name: 'Cao Bằng', idCodes: ['004'], region: 'north' },
  { code: 'H60', name: 'Tuyên Quang', idCodes: ['008', '002'], region: 'north' },
  { code: 'H38', name: 'Lào Cai', idCodes: ['010', '015'], region: 'north' },
  { code: 'H55', name: 'Thái Nguyên', idCodes: ['019', '006'], region: 'north' },
  { code: 'H44', name: 'Phú Thọ', idCodes: ['025', '026', '017'], region: 'north' },
  { code: 'H05', name: 'Bắc Ninh', idCodes: ['027', '024'], region: 'north' },
  { code: 'H31', name: 'Hưng Yên', idCodes: ['033', '034'], region: 'north' },
  { code: 'H24', name: 'Hải Phòng', idCodes: ['031', '030'], region: 'north' },
  { code: 'H42', name: 'Ninh Bình', idCodes: ['037', '035', '036'], region: 'north' },
  { code: 'H50', name: 'Quảng Trị', idCodes: ['045', '044'], region: 'central' },
  { code: 'H17', name: 'Đà Nẵng', idCodes: ['048', '049'], region: 'central' },
  { code: 'H48', name: 'Quảng Ngãi', idCodes: ['051', '062'], region: 'central' },
  { code: 'H21', name: 'Gia Lai', idCodes: ['064', '052'], region: 'central' },
  { code: 'H32', name: 'Khánh Hòa', idCodes: ['056', '058'], region: 'central' },
  { code: 'H36', name: 'Lâm Đồng', idCodes: ['068', '067', '060'], region: 'central' },
  { code: 'H15', name: 'Đắk Lắk', idCodes: ['066', '054'], region: 'central' },
  { code: 'H29', name: 'Hồ Chí Minh', idCodes: ['079', '074', '077'], region: 'south' },
  { code: 'H19', name: 'Đồng Nai', idCodes: ['075', '070'], region: 'south' },
  { code: 'H53', name: 'Tây Ninh', idCodes: ['072', '080'], region: 'south' },
  { code: 'H13', name: 'Cần Thơ', idCodes: ['092', '094', '093'], region: 'south' },
  { code: 'H61', name: 'Vĩnh Long', idCodes: ['086', '083', '084'], region: 'south' },
  { code: 'H20', name: 'Đồng Tháp', idCodes: ['087', '082'], region: 'south' },
  { code: 'H12', name: 'Cà Mau', idCodes: ['096', '095'], region: 'south' },
  { code: 'H01', name: 'An Giang', idCodes: ['089', '091'], region: 'south' },
];

export const provinceByCode = (code: string) => PROVINCES.find((p) => p.code === code) ?? null;

/**
 * Commune names when the generator's caller gives none (the demo seed, the benchmark): a small synthetic set
 * (common ward and commune names), not the official 3,321 units of 2025.
 */
export const SYNTHETIC_COMMUNES = [
  'Phường An Bình',
  'Phường Tân Phú',
  'Phường Hòa Bình',
  'Phường Thống Nhất',
  'Xã Tân Lập',
  'Xã Hòa An',
  'Xã Quang Trung',
  'Xã Đông Hưng',
  'Xã Phú Lộc',
  'Xã Yên Thành',
];

export const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Nguyễn Huệ',
  'Phan Chu Trinh',
  'Hùng Vương',
  'Điện Biên Phủ',
  'Lê Duẩn',
  'Võ Thị Sáu',
];

/** Family names with rough weights (%); Hoàng/Vũ are northern spellings of Huỳnh/Võ. */
export const FAMILY_NAMES: Record<Region, [string, number][]> = {
  north: [
    ['Nguyễn', 38],
    ['Trần', 11],
    ['Lê', 9],
    ['Phạm', 7],
    ['Hoàng', 5],
    ['Vũ', 4],
    ['Đặng', 2],
    ['Bùi', 2],
    ['Đỗ', 2],
    ['Ngô', 1.5],
    ['Dương', 1],
    ['Đinh', 1],
    ['Lý', 0.5],
    ['Phan', 2],
  ],
  central: [
    ['Nguyễn', 36],
    ['Trần', 11],
    ['Lê', 11],
    ['Phạm', 5],
    ['Hồ', 4],
    ['Võ', 4],
    ['Phan', 4],
    ['Hoàng', 3],
    ['Đặng', 2],
    ['Bùi', 1.5],
    ['Ngô', 1.5],
    ['Đỗ', 1],
  ],
  south: [
    ['Nguyễn', 39],
    ['Trần', 11],
    ['Lê', 9],
    ['Phạm', 6],
    ['Huỳnh', 5],
    ['Võ', 5],
    ['Phan', 3],
    ['Trương', 2],
    ['Đặng', 1.5],
    ['Lâm', 1],
    ['Bùi', 1],
    ['Đỗ', 1],
    ['Dương', 1],
    ['Lý', 1],
  ],
};

export const MIDDLE_NAMES = {
  male: {
    north: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Tuấn', 'Thành'],
    central: ['Văn', 'Hữu', 'Minh', 'Công', 'Đình', 'Quốc'],
    south: ['Văn', 'Minh', 'Thanh', 'Hoàng', 'Quốc', 'Tấn'],
  },
  female: {
    north: ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Phương', 'Minh'],
    central: ['Thị', 'Thị', 'Ngọc', 'Thu', 'Hoài'],
    south: ['Thị', 'Ngọc', 'Kim', 'Thanh', 'Mỹ', 'Thùy'],
  },
} as const;

export const GIVEN_NAMES = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Đạt',
    'Hải',
    'Hiếu',
    'Hùng',
    'Huy',
    'Khoa',
    'Long',
    'Minh',
    'Nam',
    'Phong',
    'Phúc',
    'Quân',
    'Sơn',
    'Thắng',
    'Trung',
    'Tuấn',
    'Việt',
    'Lộc',
    'Tài',
    'Khánh',
  ],
  female: [
    'Anh',
    'Châu',
    'Dung',
    'Giang',
    'Hà',
    'Hạnh',
    'Hoa',
    'Hương',
    'Lan',
    'Linh',
    'Mai',
    'Ngân',
    'Nhung',
    'Phương',
    'Quỳnh',
    'Thảo',
    'Trang',
    'Vân',
    'Yến',
    'Thủy',
    'Tuyết',
    'Hằng',
  ],
} as const;

export const ETHNICITIES: [string, number][] = [
  ['Kinh', 85],
  ['Tày', 2],
  ['Thái', 2],
  ['Mường', 1.5],
  ['Khmer', 1.5],
  ['Hoa', 1],
  ['Nùng', 1],
  ["H'Mông", 1.5],
];

/** Tax code check digit (TT 105/2020, the community validators' weights); null when the sequence has none. */
export function taxCheckDigit(first9: string): number | null {
  const W = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = [...first9].reduce((s, c, i) => s + Number(c) * W[i]!, 0);
  const d = 10 - (sum % 11);
  return d >= 10 ? null : d;
}

/** True for a 10-digit tax code (optionally -NNN) whose check digit holds. */
export function isValidTaxCode(code: string): boolean {
  const m = /^(\d{9})(\d)(-\d{3})?$/.exec(code);
  return !!m && taxCheckDigit(m[1]!) === Number(m[2]);
}
