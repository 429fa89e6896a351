/**
 * The 12-digit personal identification number (số định danh cá nhân, on the CCCD card):
 * PPP G YY RRRRRR — province of birth registration, century+gender, year of birth, sequence.
 * There is no public checksum (vn-standards §9.2), so we check the structure and its consistency
 * with the declared date of birth and gender.
 */
export const PROVINCE_BIRTH_CODES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export type Gender = 'male' | 'female';

export type PersonalIdProblem =
  'INVALID_ID_NUMBER_FORMAT' | 'INVALID_ID_NUMBER_PROVINCE' | 'ID_NUMBER_BIRTH_MISMATCH' | 'ID_NUMBER_GENDER_MISMATCH';

/** Century/gender digit: 0/1 = 1900s male/female, 2/3 = 2000s, … 8/9 = 2300s. */
export function centuryGenderDigit(year: number, gender: Gender): number {
  const century = Math.floor(year / 100) - 19;
  return century * 2 + (gender === 'female' ? 1 : 0);
}

/** Null when valid, else what is wrong. `dateOfBirth` is YYYY-MM-DD. */
export function checkPersonalId(id: string, dateOfBirth?: string, gender?: Gender): PersonalIdProblem | null {
  if (!/^\d{12}$/.test(id)) return 'INVALID_ID_NUMBER_FORMAT';
  if (!PROVINCE_BIRTH_CODES[id.slice(0, 3)]) return 'INVALID_ID_NUMBER_PROVINCE';
  const g = Number(id[3]);
  const yy = Number(id.slice(4, 6));
  const century = 1900 + Math.floor(g / 2) * 100;
  if (dateOfBirth) {
    const year = Number(dateOfBirth.slice(0, 4));
    if (year < 1900 || year > 2399) return 'ID_NUMBER_BIRTH_MISMATCH';
    if (century + yy !== year) return 'ID_NUMBER_BIRTH_MISMATCH';
  }
  if (gender && (g % 2 === 1 ? 'female' : 'male') !== gender) return 'ID_NUMBER_GENDER_MISMATCH';
  return null;
}

/** Build a valid-looking number (tests and demo data). */
export function makePersonalId(province: string, dateOfBirth: string, gender: Gender, sequence: number): string {
  const year = Number(dateOfBirth.slice(0, 4));
  return `${province}${centuryGenderDigit(year, gender)}${String(year % 100).padStart(2, '0')}${String(sequence).padStart(6, '0')}`;
}
