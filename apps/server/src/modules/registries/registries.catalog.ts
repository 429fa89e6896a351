import type { RegistryCode } from './db/schema.js';

/**
 * What the base registries hold and who may read it for what: the fields of each registry, the
 * agency that owns it (where corrections go), and the services with the purposes (mục đích) each
 * accepts and their legal basis. The X-Road idea: a purpose is named on every call and checked
 * against the service's list before any data is read.
 */

export interface RegistryInfo {
  code: RegistryCode;
  /** Vietnamese name, shown as the source of a prefilled value. */
  name: string;
  /** The owner agency (QĐ 20/2020 code): corrections go there. */
  ownerAgencyCode: string;
  fields: readonly string[];
}

export const REGISTRIES: Record<RegistryCode, RegistryInfo> = {
  population: {
    code: 'population',
    name: 'Cơ sở dữ liệu quốc gia về dân cư',
    ownerAgencyCode: 'G01',
    fields: [
      'idNumber',
      'fullName',
      'dateOfBirth',
      'sex',
      'placeOfBirth',
      'ethnicity',
      'nationality',
      'permanentAddress',
      'currentAddress',
      'provinceCode',
      'communeCode',
      'fatherId',
      'motherId',
      'spouseId',
      'householdId',
      'householdRelation',
    ],
  },
  business: {
    code: 'business',
    name: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp',
    ownerAgencyCode: 'G12',
    fields: [
      'taxCode',
      'name',
      'type',
      'legalRepresentativeId',
      'legalRepresentativeName',
      'headOffice',
      'provinceCode',
      'status',
      'charterCapital',
      'registeredOn',
    ],
  },
  land: {
    code: 'land',
    name: 'Cơ sở dữ liệu quốc gia về đất đai',
    ownerAgencyCode: 'G10',
    fields: ['parcelId', 'mapSheet', 'parcelNumber', 'area', 'usePurpose', 'address', 'holderIds', 'certificateNumber'],
  },
};

/** Fields that name the person whose data a record is (the data tracker's subject). */
export const PERSON_FIELDS: Record<RegistryCode, readonly string[]> = {
  population: ['idNumber'],
  business: ['legalRepresentativeId'],
  land: ['holderIds'],
};

export interface Purpose {
  code: string;
  /** Vietnamese label for the data tracker. */
  label: string;
  legalBasis: string;
  /** The call must name the dossier it serves. */
  needsDossier?: boolean;
  /** Only the person himself, with his recorded consent. */
  selfOnly?: boolean;
}

export const PURPOSES: Record<string, Purpose> = {
  'dossier-processing': {
    code: 'dossier-processing',
    label: 'Giải quyết thủ tục hành chính',
    legalBasis:
      'Nghị định 47/2020/NĐ-CP Điều 15 (khai thác dữ liệu dùng chung); Nghị định 118/2025/NĐ-CP (không yêu cầu nộp giấy tờ đã có trong cơ sở dữ liệu)',
    needsDossier: true,
  },
  'document-check': {
    code: 'document-check',
    label: 'Đối chiếu giấy tờ với cơ sở dữ liệu',
    legalBasis: 'Nghị định 104/2022/NĐ-CP; Nghị định 118/2025/NĐ-CP (thay bản sao chứng thực bằng khai thác dữ liệu)',
    needsDossier: true,
  },
  'civil-status': {
    code: 'civil-status',
    label: 'Cập nhật hộ tịch',
    legalBasis: 'Luật Hộ tịch 2014; Nghị định 87/2020/NĐ-CP',
    needsDossier: true,
  },
  prefill: {
    code: 'prefill',
    label: 'Điền sẵn biểu mẫu với sự đồng ý của công dân',
    legalBasis: 'Nghị định 13/2023/NĐ-CP Điều 11 (sự đồng ý của chủ thể dữ liệu)',
    selfOnly: true,
  },
  investigation: {
    code: 'investigation',
    label: 'Điều tra, xác minh theo quy định của pháp luật',
    legalBasis: 'Bộ luật Tố tụng hình sự 2015 Điều 88; Nghị định 13/2023/NĐ-CP Điều 17',
  },
};

export interface ServiceInfo {
  /** `registry.resource.vN`, the gateway's service code. */
  code: string;
  registry: RegistryCode;
  /** What it answers: the record as of a time, its history, or a field-by-field check. */
  kind: 'record' | 'history' | 'check';
  /** The request parameter holding the record key. */
  keyParam: string;
  purposes: readonly string[];
  title: string;
}

export const SERVICES: readonly ServiceInfo[] = [
  {
    code: 'population.person.v1',
    registry: 'population',
    kind: 'record',
    keyParam: 'idNumber',
    purposes: ['dossier-processing', 'civil-status', 'prefill', 'investigation'],
    title: 'Thông tin công dân theo số định danh cá nhân',
  },
  {
    code: 'population.history.v1',
    registry: 'population',
    kind: 'history',
    keyParam: 'idNumber',
    purposes: ['dossier-processing', 'civil-status', 'investigation'],
    title: 'Lịch sử thay đổi thông tin công dân',
  },
  {
    code: 'population.check.v1',
    registry: 'population',
    kind: 'check',
    keyParam: 'idNumber',
    purposes: ['document-check'],
    title: 'Đối chiếu giấy tờ với thông tin công dân',
  },
  {
    code: 'business.enterprise.v1',
    registry: 'business',
    kind: 'record',
    keyParam: 'taxCode',
    purposes: ['dossier-processing', 'prefill', 'investigation'],
    title: 'Thông tin đăng ký doanh nghiệp, hộ kinh doanh theo mã số thuế',
  },
  {
    code: 'business.history.v1',
    registry: 'business',
    kind: 'history',
    keyParam: 'taxCode',
    purposes: ['dossier-processing', 'investigation'],
    title: 'Lịch sử đăng ký doanh nghiệp',
  },
  {
    code: 'land.parcel.v1',
    registry: 'land',
    kind: 'record',
    keyParam: 'parcelId',
    purposes: ['dossier-processing', 'investigation'],
    title: 'Thông tin thửa đất',
  },
  {
    code: 'land.history.v1',
    registry: 'land',
    kind: 'history',
    keyParam: 'parcelId',
    purposes: ['dossier-processing', 'investigation'],
    title: 'Lịch sử thửa đất',
  },
];

export const serviceByCode = (code: string) => SERVICES.find((s) => s.code === code) ?? null;

/** Roles of an official who may read registries (to serve a dossier or check a document). */
export const READER_ROLES = ['reception', 'specialist', 'leader'] as const;
/** Roles of the owner agency who may record versions and resolve corrections. */
export const OWNER_ROLES = ['specialist', 'leader'] as const;
/** Who may flag a legal delay of notification for reads by his own agency. */
export const DELAY_ROLES = ['leader'] as const;

/** The registry field a form names with `x-registry` (`population.fullName`), or null. */
export function parseSource(source: string): { registry: RegistryCode; field: string } | null {
  const [registry, field, ...rest] = source.split('.');
  if (rest.length || !registry || !field) return null;
  const r = REGISTRIES[registry as RegistryCode];
  return r && r.fields.includes(field) ? { registry: r.code, field } : null;
}

/** The `x-registry` sources a form schema names, anywhere in it (fields of groups and lists too). */
export function registrySourcesOf(schema: unknown): string[] {
  // A published version's schema object is kept by the procedures' cache: walk it once.
  const known = schema && typeof schema === 'object' ? sourcesOfSchema.get(schema) : undefined;
  if (known) return known;
  const out = new Set<string>();
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'x-registry' && typeof v === 'string' && parseSource(v)) out.add(v);
      else walk(v);
    }
  };
  walk(schema);
  const sources = [...out].sort();
  if (schema && typeof schema === 'object') sourcesOfSchema.set(schema, sources);
  return sources;
}

const sourcesOfSchema = new WeakMap<object, string[]>();
