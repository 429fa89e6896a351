/**
 * Seed data: Vietnamese state agencies (Văn phòng Chính phủ, ministries, the 34
 * province-level People's Committees after 1 July 2025, and a few provincial
 * departments and communes).
 *
 * Codes
 * - `code` uses the QĐ 20/2020/QĐ-TTg form (level-1 group first: G.. for
 *   ministries and government bodies, H.. for provinces), as amended by
 *   Decision 09/2025/QĐ-TTg of 14 April 2025 ("Sửa đổi, bổ sung Quyết định số
 *   20/2020/QĐ-TTg … về mã định danh điện tử của các cơ quan, tổ chức"), which
 *   re-issued the level-1 list after the 2025 ministry mergers. The ministry
 *   codes it confirms are marked so in their comment ("QĐ 09/2025"); the others
 *   still rest on the sources named beside them.
 * - `legacyCode` uses the QCVN 102:2016 form (`000.00.00.G22`), which edXML,
 *   LGSP and one-stop-shop systems still use.
 *
 * `source`
 * - 'verified': the code was seen for this agency in public production-style
 *   code or data. A comment names the kind of source. GitHub material found by a
 *   code search. Where the repository could not be named, the comment says
 *   "unnamed repo".
 * - 'synthetic': the code is NOT confirmed. Either it is inferred (for example
 *   from the alphabetical order of the level-1 list, see below) or it is made
 *   up in the right format (new departments and communes). Do not send synthetic
 *   codes to a real LGSP or the national document exchange axis.
 *
 * How the level-1 H.. list is ordered (inferred, not a legal text): the 63
 * pre-2025 provinces were numbered H01..H63 in roughly alphabetical order,
 * ignoring diacritics and spaces. For example, Đắk Lắk/Đắk Nông come before
 * Đà Nẵng, and Hải Dương/Hải Phòng come before Hà Nam/Hà Nội. Every code seen
 * in the data fits that order: H14 Cao Bằng, H19 Đồng Nai, H20 Đồng Tháp,
 * H21 Gia Lai, H26 Hà Nội, H27 Hà Tĩnh, H29 TP HCM, H35 Lai Châu, H37 Lạng Sơn,
 * H38 Lào Cai, H41 Nghệ An, H48 Quảng Ngãi, H56 Thanh Hóa. There is one
 * exception: TP HCM is H29, although Hòa Bình would sort first.
 * Codes inferred from this order are marked 'synthetic'.
 *
 * Two assumptions are NOT confirmed by any source found:
 * 1. After the 2025 mergers (Resolution 202/2025/QH15), a merged province keeps
 *    the level-1 code of the province whose name survived.
 * 2. After the 2025 ministry mergers, the merged ministry keeps the code of the
 *    ministry whose name survived. For the two doubtful cases Decision
 *    09/2025/QĐ-TTg settles it: Bộ Nông nghiệp và Môi trường is G10 and Bộ Dân
 *    tộc và Tôn giáo is G21. For the other merged ministries the surviving
 *    code is still an assumption.
 * Check the remaining assumptions against Decision 09/2025/QĐ-TTg's annex
 * before production use.
 *
 * All strings are Unicode NFC.
 */

export type AgencyLevel = 'central' | 'ministry' | 'province' | 'department' | 'commune';

export interface AgencySeed {
  /** QĐ 20/2020 form, e.g. 'G22', 'H26', 'H26.S01'. Regex ^[A-Y]\d{2}(\.[0-9A-Z]+)*$, max 35 chars. */
  code: string;
  /** QCVN 102:2016 form, e.g. '000.00.00.G22', or null. Regex ^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$. */
  legacyCode: string | null;
  /** Vietnamese name (NFC). */
  name: string;
  nameEn: string;
  shortName?: string;
  level: AgencyLevel;
  /** QĐ 20 code of the parent agency, or null for top-level agencies. */
  parentCode: string | null;
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  source: 'verified' | 'synthetic';
}

export const AGENCY_SEED: AgencySeed[] = [
  // ───────────────────────── Central government bodies ─────────────────────────

  // Verified: edXML samples (VNPT `com.vnpt.xml` EdXMLBuild, Bkav eDoc SDK, C# EdXML102 status builder; unnamed repos)
  // use OrganId 000.00.00.G22 "Văn phòng Chính phủ", address "Số 1 Hoàng Hoa Thám".
  // The X-Road member id VN:GOV:000.00.00.G22 appears in the Cà Mau DVC front-end config.
  {
    code: 'G22',
    legacyCode: '000.00.00.G22',
    name: 'Văn phòng Chính phủ',
    nameEn: 'Government Office',
    shortName: 'VPCP',
    level: 'central',
    parentCode: null,
    address: 'Số 1 Hoàng Hoa Thám, Hà Nội',
    website: 'https://vpcp.chinhphu.vn',
    source: 'verified',
  },

  // Ministries: 2025 names, pre-2025 level-1 codes (G10 and G21 confirmed by Decision 09/2025/QĐ-TTg).
  // Unless noted, the codes come from a one-stop-shop (Một cửa) seed, `SeedCatalogDanhMucChung`,
  // type "danh-muc-nganh" (C#, unnamed repo). It lists sectors keyed by ministry code:
  // G01 Công an, G02 Công Thương, G03 GD&ĐT, G04 GTVT, G05 KH&ĐT, G06 KH&CN, G07 LĐTB&XH,
  // G08 Ngoại giao, G09 Nội vụ, G10 NN&PTNT, G11 Quốc phòng, G14 TT&TT, G15 Tư pháp, G16 VHTT&DL,
  // G17 Xây dựng, G18 Y tế, G19 Ngân hàng, G20 Thanh tra, G21 Dân tộc.
  // The numbering follows the alphabetical order of the pre-2025 ministry names.
  {
    code: 'G01',
    legacyCode: '000.00.00.G01',
    name: 'Bộ Công an',
    nameEn: 'Ministry of Public Security',
    shortName: 'BCA',
    level: 'ministry',
    parentCode: null,
    website: 'https://bocongan.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Công an" → 000.00.00.G01)
  },
  {
    code: 'G02',
    legacyCode: '000.00.00.G02',
    name: 'Bộ Công Thương',
    nameEn: 'Ministry of Industry and Trade',
    shortName: 'BCT',
    level: 'ministry',
    parentCode: null,
    website: 'https://moit.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Công Thương" → 000.00.00.G02)
  },
  {
    code: 'G03',
    legacyCode: '000.00.00.G03',
    name: 'Bộ Giáo dục và Đào tạo',
    nameEn: 'Ministry of Education and Training',
    shortName: 'BGDĐT',
    level: 'ministry',
    parentCode: null,
    website: 'https://moet.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Giáo dục Đào tạo" → G03); the sector code "G03-GD10" is also seen in a dossier-sync job
  },
  {
    // Since 2025 it has absorbed the former Bộ Thông tin và Truyền thông (G14). 000.00.04.G14 (a unit of that ministry) appears in edXML samples.
    code: 'G06',
    legacyCode: '000.00.00.G06',
    name: 'Bộ Khoa học và Công nghệ',
    nameEn: 'Ministry of Science and Technology',
    shortName: 'BKHCN',
    level: 'ministry',
    parentCode: null,
    website: 'https://most.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Khoa học Công nghệ" → G06)
  },
  {
    code: 'G08',
    legacyCode: '000.00.00.G08',
    name: 'Bộ Ngoại giao',
    nameEn: 'Ministry of Foreign Affairs',
    shortName: 'BNG',
    level: 'ministry',
    parentCode: null,
    website: 'https://mofa.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Ngoại giao" → G08)
  },
  {
    // Since 2025 it has absorbed the former Bộ Lao động – Thương binh và Xã hội (G07).
    code: 'G09',
    legacyCode: '000.00.00.G09',
    name: 'Bộ Nội vụ',
    nameEn: 'Ministry of Home Affairs',
    shortName: 'BNV',
    level: 'ministry',
    parentCode: null,
    website: 'https://moha.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Nội vụ" → G09); vn-standards.md §2 also lists G09 and G09.20
  },
  {
    // Formed in 2025 from Bộ NN&PTNT (G10) and Bộ TN&MT (G13; 000.00.00.G13 appears as an X-Road login
    // for the VPCP personal-papers API). Decision 09/2025/QĐ-TTg gives the merged ministry G10.
    code: 'G10',
    legacyCode: '000.00.00.G10',
    name: 'Bộ Nông nghiệp và Môi trường',
    nameEn: 'Ministry of Agriculture and Environment',
    shortName: 'BNNMT',
    level: 'ministry',
    parentCode: null,
    website: 'https://mae.gov.vn',
    source: 'verified', // QĐ 09/2025/QĐ-TTg (G10 = Bộ Nông nghiệp và Môi trường); danh-muc-nganh seed had G10 = NN&PTNT
  },
  {
    code: 'G11',
    legacyCode: '000.00.00.G11',
    name: 'Bộ Quốc phòng',
    nameEn: 'Ministry of National Defence',
    shortName: 'BQP',
    level: 'ministry',
    parentCode: null,
    website: 'https://mod.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Quốc phòng An ninh" → G11)
  },
  {
    // Since 2025 it has absorbed the former Bộ Kế hoạch và Đầu tư (G05).
    code: 'G12',
    legacyCode: '000.00.00.G12',
    name: 'Bộ Tài chính',
    nameEn: 'Ministry of Finance',
    shortName: 'BTC',
    level: 'ministry',
    parentCode: null,
    website: 'https://mof.gov.vn',
    source: 'verified', // QCVN 102:2016 text (legal corpus): "000.00.00.G12 là mã của Bộ Tài chính"
  },
  {
    code: 'G15',
    legacyCode: '000.00.00.G15',
    name: 'Bộ Tư pháp',
    nameEn: 'Ministry of Justice',
    shortName: 'BTP',
    level: 'ministry',
    parentCode: null,
    website: 'https://moj.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Tư pháp" → G15)
  },
  {
    code: 'G16',
    legacyCode: '000.00.00.G16',
    name: 'Bộ Văn hóa, Thể thao và Du lịch',
    nameEn: 'Ministry of Culture, Sports and Tourism',
    shortName: 'BVHTTDL',
    level: 'ministry',
    parentCode: null,
    website: 'https://bvhttdl.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Văn hóa Thể thao và Du lịch" → G16)
  },
  {
    // Since 2025 it has absorbed the former Bộ Giao thông vận tải (G04).
    code: 'G17',
    legacyCode: '000.00.00.G17',
    name: 'Bộ Xây dựng',
    nameEn: 'Ministry of Construction',
    shortName: 'BXD',
    level: 'ministry',
    parentCode: null,
    website: 'https://moc.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Xây dựng" → G17); an edXML sample pairs G17 with bxd@moc.gov.vn
  },
  {
    code: 'G18',
    legacyCode: '000.00.00.G18',
    name: 'Bộ Y tế',
    nameEn: 'Ministry of Health',
    shortName: 'BYT',
    level: 'ministry',
    parentCode: null,
    website: 'https://moh.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Y tế" → G18)
  },
  {
    // Ministry-level bank (cơ quan ngang bộ); level kept as 'ministry'.
    code: 'G19',
    legacyCode: '000.00.00.G19',
    name: 'Ngân hàng Nhà nước Việt Nam',
    nameEn: 'State Bank of Vietnam',
    shortName: 'NHNN',
    level: 'ministry',
    parentCode: null,
    website: 'https://sbv.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Ngân hàng" → G19)
  },
  {
    // Ministry-level body (cơ quan ngang bộ); level kept as 'ministry'.
    code: 'G20',
    legacyCode: '000.00.00.G20',
    name: 'Thanh tra Chính phủ',
    nameEn: 'Government Inspectorate',
    shortName: 'TTCP',
    level: 'ministry',
    parentCode: null,
    website: 'https://thanhtra.gov.vn',
    source: 'verified', // danh-muc-nganh seed ("Thanh tra" → G20)
  },
  {
    // Created in 2025 from Ủy ban Dân tộc (G21), adding religious affairs. Decision 09/2025/QĐ-TTg keeps G21.
    code: 'G21',
    legacyCode: '000.00.00.G21',
    name: 'Bộ Dân tộc và Tôn giáo',
    nameEn: 'Ministry of Ethnic and Religious Affairs',
    shortName: 'BDTTG',
    level: 'ministry',
    parentCode: null,
    source: 'verified', // QĐ 09/2025/QĐ-TTg (G21 = Bộ Dân tộc và Tôn giáo); danh-muc-nganh seed had G21 = "Dân tộc"
  },

  // Sub-unit of a ministry.
  // Verified: QCVN 102:2016 text: "000.00.18.G12 là mã của Tổng cục Thuế". From March 2025 the
  // Tổng cục Thuế was reorganised as Cục Thuế under Bộ Tài chính. 'G12.18' is the QĐ 20 conversion
  // of the legacy code (level-2 group 18); that form was not itself seen in data.
  {
    code: 'G12.18',
    legacyCode: '000.00.18.G12',
    name: 'Cục Thuế',
    nameEn: 'Tax Department',
    shortName: 'CT',
    level: 'department',
    parentCode: 'G12',
    website: 'https://gdt.gov.vn',
    source: 'verified',
  },

  // ─────────────── Provinces and centrally-run cities (34, from 01/07/2025) ───────────────
  // Each entry is the provincial People's Committee. Listed in the order of Resolution 202/2025/QH15.
  // "merged:" names the former provinces that were joined into it.

  {
    code: 'H26',
    legacyCode: '000.00.00.H26',
    name: 'Ủy ban nhân dân thành phố Hà Nội',
    nameEn: "Hanoi People's Committee",
    shortName: 'UBND TP Hà Nội',
    level: 'province',
    parentCode: null,
    address: '79 Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội',
    website: 'https://hanoi.gov.vn',
    // Verified (only one real-looking source): a land-tax sample (unnamed repo) has dossier code
    // "000.A0.01.H26-210212-9090" with ten_tinh_ts "Hà Nội". A second sighting is a mock-up ("000.00.01.H26-…").
    source: 'verified',
  },
  {
    code: 'H57',
    legacyCode: '000.00.00.H57',
    name: 'Ủy ban nhân dân thành phố Huế',
    nameEn: "Hue City People's Committee",
    shortName: 'UBND TP Huế',
    level: 'province',
    parentCode: null,
    website: 'https://hue.gov.vn',
    source: 'synthetic', // inferred: former Thừa Thiên Huế, H57 in the alphabetical order; not seen in data
  },
  {
    code: 'H35',
    legacyCode: '000.00.00.H35',
    name: 'Ủy ban nhân dân tỉnh Lai Châu',
    nameEn: "Lai Chau Provincial People's Committee",
    shortName: 'UBND tỉnh Lai Châu',
    level: 'province',
    parentCode: null,
    source: 'verified', // a DVCQG crawler (unnamed repo) reads "all_laichau_codes" with procedure codes "2.002307.000.00.00.H35"
  },
  {
    code: 'H18',
    legacyCode: '000.00.00.H18',
    name: 'Ủy ban nhân dân tỉnh Điện Biên',
    nameEn: "Dien Bien Provincial People's Committee",
    shortName: 'UBND tỉnh Điện Biên',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred: falls between H17 and H19 (Đồng Nai, verified). Procedure codes ".H18" exist, but no province was named
  },
  {
    code: 'H52',
    legacyCode: '000.00.00.H52',
    name: 'Ủy ban nhân dân tỉnh Sơn La',
    nameEn: "Son La Provincial People's Committee",
    shortName: 'UBND tỉnh Sơn La',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred from the alphabetical order
  },
  {
    code: 'H37',
    legacyCode: '000.00.00.H37',
    name: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    nameEn: "Lang Son Provincial People's Committee",
    shortName: 'UBND tỉnh Lạng Sơn',
    level: 'province',
    parentCode: null,
    website: 'https://langson.gov.vn',
    source: 'verified', // LGSP integration for Lạng Sơn (unnamed repo): system ids H37.DN.001..006, apiltvb.langson.gov.vn
  },
  {
    code: 'H49',
    legacyCode: '000.00.00.H49',
    name: 'Ủy ban nhân dân tỉnh Quảng Ninh',
    nameEn: "Quang Ninh Provincial People's Committee",
    shortName: 'UBND tỉnh Quảng Ninh',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred. "000.00.00.H49" is hard-coded in a Bkav eGov publishing view, but no province is named there
  },
  {
    code: 'H56',
    legacyCode: '000.00.00.H56',
    name: 'Ủy ban nhân dân tỉnh Thanh Hóa',
    nameEn: "Thanh Hoa Provincial People's Committee",
    shortName: 'UBND tỉnh Thanh Hóa',
    level: 'province',
    parentCode: null,
    source: 'verified', // reporting-system seed (Python, unnamed repo): ma_dinh_danh "000.00.00.H56", ten "UBND tỉnh Thanh Hóa"
  },
  {
    code: 'H41',
    legacyCode: '000.00.00.H41',
    name: 'Ủy ban nhân dân tỉnh Nghệ An',
    nameEn: "Nghe An Provincial People's Committee",
    shortName: 'UBND tỉnh Nghệ An',
    level: 'province',
    parentCode: null,
    // Address as given in the edXML samples (before 2025; "Thành phố Vinh" no longer exists as a unit).
    address: 'Số 03 đường Trường Thi, Nghệ An',
    website: 'https://nghean.gov.vn',
    source: 'verified', // edXML samples (VNPT/Bkav/C# SDKs, unnamed repos): "000.00.00.H41", "UBND Tỉnh Nghệ An"
  },
  {
    code: 'H27',
    legacyCode: '000.00.00.H27',
    name: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
    nameEn: "Ha Tinh Provincial People's Committee",
    shortName: 'UBND tỉnh Hà Tĩnh',
    level: 'province',
    parentCode: null,
    website: 'https://hatinh.gov.vn',
    source: 'verified', // IOC reporting client for baocao.hatinh.gov.vn (unnamed repo): UBND tỉnh = "000.00.00.H27" (two files)
  },
  {
    code: 'H14',
    legacyCode: '000.00.00.H14',
    name: 'Ủy ban nhân dân tỉnh Cao Bằng',
    nameEn: "Cao Bang Provincial People's Committee",
    shortName: 'UBND tỉnh Cao Bằng',
    level: 'province',
    parentCode: null,
    address: 'Số 011 đường Hoàng Đình Giong, Cao Bằng',
    website: 'https://caobang.gov.vn',
    source: 'verified', // edXML samples (unnamed repos): "000.00.00.H14", "UBND Tỉnh Cao Bằng"
  },
  {
    code: 'H60',
    legacyCode: '000.00.00.H60',
    name: 'Ủy ban nhân dân tỉnh Tuyên Quang',
    nameEn: "Tuyen Quang Provincial People's Committee",
    shortName: 'UBND tỉnh Tuyên Quang',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Hà Giang)
  },
  {
    code: 'H38',
    legacyCode: '000.00.00.H38',
    name: 'Ủy ban nhân dân tỉnh Lào Cai',
    nameEn: "Lao Cai Provincial People's Committee",
    shortName: 'UBND tỉnh Lào Cai',
    level: 'province',
    parentCode: null,
    website: 'https://laocai.gov.vn',
    source: 'verified', // form automation for dichvucong.laocai.gov.vn (unnamed repo): "[Lào Cai - Cấp Sở] … 1.011443.000.00.00.H38". Merged: Yên Bái
  },
  {
    code: 'H55',
    legacyCode: '000.00.00.H55',
    name: 'Ủy ban nhân dân tỉnh Thái Nguyên',
    nameEn: "Thai Nguyen Provincial People's Committee",
    shortName: 'UBND tỉnh Thái Nguyên',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Bắc Kạn)
  },
  {
    code: 'H44',
    legacyCode: '000.00.00.H44',
    name: 'Ủy ban nhân dân tỉnh Phú Thọ',
    nameEn: "Phu Tho Provincial People's Committee",
    shortName: 'UBND tỉnh Phú Thọ',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Vĩnh Phúc, Hòa Bình)
  },
  {
    code: 'H05',
    legacyCode: '000.00.00.H05',
    name: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    nameEn: "Bac Ninh Provincial People's Committee",
    shortName: 'UBND tỉnh Bắc Ninh',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred, DOUBTFUL: H05 or H06 depending on where Bà Rịa - Vũng Tàu sorts (merged: Bắc Giang)
  },
  {
    code: 'H31',
    legacyCode: '000.00.00.H31',
    name: 'Ủy ban nhân dân tỉnh Hưng Yên',
    nameEn: "Hung Yen Provincial People's Committee",
    shortName: 'UBND tỉnh Hưng Yên',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Thái Bình)
  },
  {
    code: 'H24',
    legacyCode: '000.00.00.H24',
    name: 'Ủy ban nhân dân thành phố Hải Phòng',
    nameEn: "Hai Phong City People's Committee",
    shortName: 'UBND TP Hải Phòng',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred, DOUBTFUL: H23..H25 hold Hải Dương/Hải Phòng/Hà Nam in some order (merged: Hải Dương)
  },
  {
    code: 'H42',
    legacyCode: '000.00.00.H42',
    name: 'Ủy ban nhân dân tỉnh Ninh Bình',
    nameEn: "Ninh Binh Provincial People's Committee",
    shortName: 'UBND tỉnh Ninh Bình',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred. Procedure codes ".000.00.00.H42" appear in samples, but no province is named (merged: Hà Nam, Nam Định)
  },
  {
    code: 'H50',
    legacyCode: '000.00.00.H50',
    name: 'Ủy ban nhân dân tỉnh Quảng Trị',
    nameEn: "Quang Tri Provincial People's Committee",
    shortName: 'UBND tỉnh Quảng Trị',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Quảng Bình)
  },
  {
    code: 'H17',
    legacyCode: '000.00.00.H17',
    name: 'Ủy ban nhân dân thành phố Đà Nẵng',
    nameEn: "Da Nang City People's Committee",
    shortName: 'UBND TP Đà Nẵng',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred, DOUBTFUL: H15..H17 hold Đắk Lắk/Đắk Nông/Đà Nẵng (merged: Quảng Nam, which was H47)
  },
  {
    code: 'H48',
    legacyCode: '000.00.00.H48',
    name: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
    nameEn: "Quang Ngai Provincial People's Committee",
    shortName: 'UBND tỉnh Quảng Ngãi',
    level: 'province',
    parentCode: null,
    source: 'verified', // VNPT iGate client (unnamed repo): apiquangngai.vnptigate.vn, "1.001612.000.00.00.H48", dossier "000.00.53.H48-…" (merged: Kon Tum)
  },
  {
    code: 'H21',
    legacyCode: '000.00.00.H21',
    name: 'Ủy ban nhân dân tỉnh Gia Lai',
    nameEn: "Gia Lai Provincial People's Committee",
    shortName: 'UBND tỉnh Gia Lai',
    level: 'province',
    parentCode: null,
    website: 'https://gialai.gov.vn',
    source: 'verified', // iGate report tool for apiigate.gialai.gov.vn (unnamed repo): "2.000635.000.00.00.H21", "1.012784.H21" (merged: Bình Định)
  },
  {
    code: 'H32',
    legacyCode: '000.00.00.H32',
    name: 'Ủy ban nhân dân tỉnh Khánh Hòa',
    nameEn: "Khanh Hoa Provincial People's Committee",
    shortName: 'UBND tỉnh Khánh Hòa',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Ninh Thuận)
  },
  {
    code: 'H36',
    legacyCode: '000.00.00.H36',
    name: 'Ủy ban nhân dân tỉnh Lâm Đồng',
    nameEn: "Lam Dong Provincial People's Committee",
    shortName: 'UBND tỉnh Lâm Đồng',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Đắk Nông, Bình Thuận)
  },
  {
    code: 'H15',
    legacyCode: '000.00.00.H15',
    name: 'Ủy ban nhân dân tỉnh Đắk Lắk',
    nameEn: "Dak Lak Provincial People's Committee",
    shortName: 'UBND tỉnh Đắk Lắk',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // listed as H15 in vn-standards.md §2 [S] and fits the order, but not found again in data (merged: Phú Yên)
  },
  {
    code: 'H29',
    legacyCode: '000.00.00.H29',
    name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
    nameEn: "Ho Chi Minh City People's Committee",
    shortName: 'UBND TP.HCM',
    level: 'province',
    parentCode: null,
    website: 'https://hochiminhcity.gov.vn',
    source: 'verified', // links to dichvucong.hochiminhcity.gov.vn "?ma=1.000494.000.00.00.H29", plus a chatbot corpus of H29 procedures (merged: Bình Dương, Bà Rịa - Vũng Tàu)
  },
  {
    code: 'H19',
    legacyCode: '000.00.00.H19',
    name: 'Ủy ban nhân dân tỉnh Đồng Nai',
    nameEn: "Dong Nai Provincial People's Committee",
    shortName: 'UBND tỉnh Đồng Nai',
    level: 'province',
    parentCode: null,
    source: 'verified', // citizen app (unnamed repo): "1.001612.000.00.00.H19" linked with tinh_thanh "Tỉnh Đồng Nai"; PAKN request madonvi "000.00.00.H19" (merged: Bình Phước)
  },
  {
    code: 'H53',
    legacyCode: '000.00.00.H53',
    name: 'Ủy ban nhân dân tỉnh Tây Ninh',
    nameEn: "Tay Ninh Provincial People's Committee",
    shortName: 'UBND tỉnh Tây Ninh',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Long An)
  },
  {
    code: 'H13',
    legacyCode: '000.00.00.H13',
    name: 'Ủy ban nhân dân thành phố Cần Thơ',
    nameEn: "Can Tho City People's Committee",
    shortName: 'UBND TP Cần Thơ',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Sóc Trăng, Hậu Giang)
  },
  {
    code: 'H61',
    legacyCode: '000.00.00.H61',
    name: 'Ủy ban nhân dân tỉnh Vĩnh Long',
    nameEn: "Vinh Long Provincial People's Committee",
    shortName: 'UBND tỉnh Vĩnh Long',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (merged: Bến Tre, Trà Vinh)
  },
  {
    code: 'H20',
    legacyCode: '000.00.00.H20',
    name: 'Ủy ban nhân dân tỉnh Đồng Tháp',
    nameEn: "Dong Thap Provincial People's Committee",
    shortName: 'UBND tỉnh Đồng Tháp',
    level: 'province',
    parentCode: null,
    website: 'https://dongthap.gov.vn',
    source: 'verified', // OpenCPS-based one-stop integration (two files, unnamed repo): Organization("000.00.00.H20", "Ủy ban nhân dân tỉnh Đồng Tháp") (merged: Tiền Giang)
  },
  {
    code: 'H12',
    legacyCode: '000.00.00.H12',
    name: 'Ủy ban nhân dân tỉnh Cà Mau',
    nameEn: "Ca Mau Provincial People's Committee",
    shortName: 'UBND tỉnh Cà Mau',
    level: 'province',
    parentCode: null,
    website: 'https://camau.gov.vn',
    source: 'synthetic', // inferred. "1.001776.000.00.00.H12" appears in one template path, but no province is named (merged: Bạc Liêu)
  },
  {
    code: 'H01',
    legacyCode: '000.00.00.H01',
    name: 'Ủy ban nhân dân tỉnh An Giang',
    nameEn: "An Giang Provincial People's Committee",
    shortName: 'UBND tỉnh An Giang',
    level: 'province',
    parentCode: null,
    source: 'synthetic', // inferred (first in the alphabetical order). DVCQG procedure codes ".H01" exist, but no province is named (merged: Kiên Giang)
  },

  // ───────────────────── Hà Nội: departments (2025 structure) ─────────────────────
  // Sub-codes are SYNTHETIC. No public Hà Nội QĐ 20 sub-codes were found.
  {
    code: 'H26.S01',
    legacyCode: null,
    name: 'Văn phòng Ủy ban nhân dân thành phố Hà Nội',
    nameEn: "Office of the Hanoi People's Committee",
    shortName: 'VP UBND TP Hà Nội',
    level: 'department',
    parentCode: 'H26',
    source: 'synthetic',
  },
  {
    code: 'H26.S02',
    legacyCode: null,
    name: 'Sở Tư pháp thành phố Hà Nội',
    nameEn: 'Hanoi Department of Justice',
    shortName: 'STP Hà Nội',
    level: 'department',
    parentCode: 'H26',
    source: 'synthetic',
  },
  {
    code: 'H26.S03',
    legacyCode: null,
    name: 'Sở Nội vụ thành phố Hà Nội',
    nameEn: 'Hanoi Department of Home Affairs',
    shortName: 'SNV Hà Nội',
    level: 'department',
    parentCode: 'H26',
    source: 'synthetic',
  },
  {
    code: 'H26.S04',
    legacyCode: null,
    name: 'Sở Xây dựng thành phố Hà Nội',
    nameEn: 'Hanoi Department of Construction',
    shortName: 'SXD Hà Nội',
    level: 'department',
    parentCode: 'H26',
    source: 'synthetic',
  },

  // ───────────────────── Hà Nội: wards (from 01/07/2025) ─────────────────────
  // Names follow the 2025 reorganisation of Hà Nội's commune-level units (reportedly
  // Resolution 1656/NQ-UBTVQH15). The names were not checked against the resolution text, and the codes are synthetic.
  {
    code: 'H26.X001',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Hoàn Kiếm',
    nameEn: "Hoan Kiem Ward People's Committee",
    shortName: 'UBND phường Hoàn Kiếm',
    level: 'commune',
    parentCode: 'H26',
    source: 'synthetic',
  },
  {
    code: 'H26.X002',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Cửa Nam',
    nameEn: "Cua Nam Ward People's Committee",
    shortName: 'UBND phường Cửa Nam',
    level: 'commune',
    parentCode: 'H26',
    source: 'synthetic',
  },
  {
    code: 'H26.X003',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Ba Đình',
    nameEn: "Ba Dinh Ward People's Committee",
    shortName: 'UBND phường Ba Đình',
    level: 'commune',
    parentCode: 'H26',
    source: 'synthetic',
  },
  {
    code: 'H26.X004',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Ngọc Hà',
    nameEn: "Ngoc Ha Ward People's Committee",
    shortName: 'UBND phường Ngọc Hà',
    level: 'commune',
    parentCode: 'H26',
    source: 'synthetic',
  },

  // ───────────────────── Nghệ An: departments (2025 structure) ─────────────────────
  {
    code: 'H41.S01',
    legacyCode: null,
    name: 'Văn phòng Ủy ban nhân dân tỉnh Nghệ An',
    nameEn: "Office of the Nghe An Provincial People's Committee",
    shortName: 'VP UBND tỉnh Nghệ An',
    level: 'department',
    parentCode: 'H41',
    source: 'synthetic',
  },
  {
    code: 'H41.S02',
    legacyCode: null,
    name: 'Sở Tư pháp tỉnh Nghệ An',
    nameEn: 'Nghe An Department of Justice',
    shortName: 'STP Nghệ An',
    level: 'department',
    parentCode: 'H41',
    source: 'synthetic',
  },
  {
    code: 'H41.S03',
    legacyCode: null,
    name: 'Sở Nội vụ tỉnh Nghệ An',
    nameEn: 'Nghe An Department of Home Affairs',
    shortName: 'SNV Nghệ An',
    level: 'department',
    parentCode: 'H41',
    source: 'synthetic',
  },
  {
    code: 'H41.S04',
    legacyCode: null,
    name: 'Sở Xây dựng tỉnh Nghệ An',
    nameEn: 'Nghe An Department of Construction',
    shortName: 'SXD Nghệ An',
    level: 'department',
    parentCode: 'H41',
    source: 'synthetic',
  },

  // ───────────────────── Nghệ An: wards (from 01/07/2025) ─────────────────────
  // Wards formed from the former Vinh city and Cửa Lò town (reportedly Resolution 1678/NQ-UBTVQH15).
  // The names were not checked against the resolution text, and the codes are synthetic.
  {
    code: 'H41.X001',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Trường Vinh',
    nameEn: "Truong Vinh Ward People's Committee",
    shortName: 'UBND phường Trường Vinh',
    level: 'commune',
    parentCode: 'H41',
    source: 'synthetic',
  },
  {
    code: 'H41.X002',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Thành Vinh',
    nameEn: "Thanh Vinh Ward People's Committee",
    shortName: 'UBND phường Thành Vinh',
    level: 'commune',
    parentCode: 'H41',
    source: 'synthetic',
  },
  {
    code: 'H41.X003',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Vinh Hưng',
    nameEn: "Vinh Hung Ward People's Committee",
    shortName: 'UBND phường Vinh Hưng',
    level: 'commune',
    parentCode: 'H41',
    source: 'synthetic',
  },
  {
    code: 'H41.X004',
    legacyCode: null,
    name: 'Ủy ban nhân dân phường Cửa Lò',
    nameEn: "Cua Lo Ward People's Committee",
    shortName: 'UBND phường Cửa Lò',
    level: 'commune',
    parentCode: 'H41',
    source: 'synthetic',
  },
];
