/**
 * The 29 administrative document types and their abbreviations (Decree 30/2020/NĐ-CP, Phụ lục III;
 * vn-standards §3.1). Công văn and Thư công have no abbreviation: their notation is the agency's.
 * `code` is our stable key; `edxmlType` is unverified (the QCVN 102 code table was not retrieved), so
 * only Công văn carries a guess and everything else sends 0 with the name in `TypeName`.
 */
export interface DocumentType {
  code: string;
  name: string;
  nameEn: string;
  abbreviation: string | null;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { code: 'NQ', name: 'Nghị quyết (cá biệt)', nameEn: 'Resolution (individual)', abbreviation: 'NQ' },
  { code: 'QD', name: 'Quyết định (cá biệt)', nameEn: 'Decision (individual)', abbreviation: 'QĐ' },
  { code: 'CT', name: 'Chỉ thị', nameEn: 'Directive', abbreviation: 'CT' },
  { code: 'QC', name: 'Quy chế', nameEn: 'Regulation', abbreviation: 'QC' },
  { code: 'QYD', name: 'Quy định', nameEn: 'Rule', abbreviation: 'QyĐ' },
  { code: 'TC', name: 'Thông cáo', nameEn: 'Communiqué', abbreviation: 'TC' },
  { code: 'TB', name: 'Thông báo', nameEn: 'Notice', abbreviation: 'TB' },
  { code: 'HD', name: 'Hướng dẫn', nameEn: 'Guidance', abbreviation: 'HD' },
  { code: 'CTR', name: 'Chương trình', nameEn: 'Programme', abbreviation: 'CTr' },
  { code: 'KH', name: 'Kế hoạch', nameEn: 'Plan', abbreviation: 'KH' },
  { code: 'PA', name: 'Phương án', nameEn: 'Scheme', abbreviation: 'PA' },
  { code: 'DEAN', name: 'Đề án', nameEn: 'Proposal', abbreviation: 'ĐA' },
  { code: 'DA', name: 'Dự án', nameEn: 'Project', abbreviation: 'DA' },
  { code: 'BC', name: 'Báo cáo', nameEn: 'Report', abbreviation: 'BC' },
  { code: 'BB', name: 'Biên bản', nameEn: 'Minutes', abbreviation: 'BB' },
  { code: 'TTR', name: 'Tờ trình', nameEn: 'Submission', abbreviation: 'TTr' },
  { code: 'HDONG', name: 'Hợp đồng', nameEn: 'Contract', abbreviation: 'HĐ' },
  { code: 'CD', name: 'Công điện', nameEn: 'Official telegram', abbreviation: 'CĐ' },
  { code: 'BGN', name: 'Bản ghi nhớ', nameEn: 'Memorandum', abbreviation: 'BGN' },
  { code: 'BTT', name: 'Bản thỏa thuận', nameEn: 'Agreement', abbreviation: 'BTT' },
  { code: 'GUQ', name: 'Giấy ủy quyền', nameEn: 'Power of attorney', abbreviation: 'GUQ' },
  { code: 'GM', name: 'Giấy mời', nameEn: 'Invitation', abbreviation: 'GM' },
  { code: 'GGT', name: 'Giấy giới thiệu', nameEn: 'Letter of introduction', abbreviation: 'GGT' },
  { code: 'GNP', name: 'Giấy nghỉ phép', nameEn: 'Leave permit', abbreviation: 'GNP' },
  { code: 'PG', name: 'Phiếu gửi', nameEn: 'Dispatch slip', abbreviation: 'PG' },
  { code: 'PC', name: 'Phiếu chuyển', nameEn: 'Transfer slip', abbreviation: 'PC' },
  { code: 'PB', name: 'Phiếu báo', nameEn: 'Advice slip', abbreviation: 'PB' },
  { code: 'CV', name: 'Công văn', nameEn: 'Official letter', abbreviation: null },
  { code: 'THC', name: 'Thư công', nameEn: 'Official correspondence', abbreviation: null },
];

const BY_CODE = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

export function documentType(code: string): DocumentType | undefined {
  return BY_CODE.get(code);
}

/** The type of an incoming document from its edXML `TypeName` (Công văn when unknown). */
export function typeFromName(name: string | undefined): DocumentType {
  const n = (name ?? '').normalize('NFC').trim().toLocaleLowerCase('vi');
  return (
    DOCUMENT_TYPES.find(
      (t) => t.name.toLocaleLowerCase('vi') === n || t.name.toLocaleLowerCase('vi').startsWith(`${n} (`),
    ) ?? BY_CODE.get('CV')!
  );
}
