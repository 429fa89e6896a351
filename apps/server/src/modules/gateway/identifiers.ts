/**
 * X-Road style identifiers: `VN:GOV:{member code}:{subsystem code}`, the member code being the
 * agency's code in the directory (either form: `G22` or `000.00.00.G22`, as the real NGSP
 * configuration writes it). Services are named `{area}.{name}.v{n}`: one code per version.
 */
export const SUBSYSTEM_ID = /^VN:GOV:([0-9A-Z.]{1,35}):([a-z0-9][a-z0-9-]{0,39})$/;
export const SUBSYSTEM_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const SERVICE_CODE = /^[a-z][a-z0-9-]{0,39}(\.[a-z][a-z0-9-]{0,39}){0,4}\.v[1-9][0-9]{0,2}$/;
export const PURPOSE_CODE = /^[a-z][a-z0-9-]{0,39}(\.[a-z0-9-]{1,40}){0,3}$/;

export interface SubsystemRef {
  agencyCode: string;
  code: string;
}

export function parseSubsystemId(id: string): SubsystemRef | null {
  const m = SUBSYSTEM_ID.exec(id);
  return m ? { agencyCode: m[1]!, code: m[2]! } : null;
}

export const subsystemId = (agencyCode: string, code: string) => `VN:GOV:${agencyCode}:${code}`;

/** The version of a service code (`population.person.v2` → 2). */
export const serviceVersion = (code: string) => Number(/\.v(\d+)$/.exec(code)?.[1] ?? 0);

/**
 * Common purposes (mục đích) and the legal basis that allows a read for them; a provider may name
 * others when it publishes a service.
 */
export const COMMON_PURPOSES: Record<string, { name: string; legalBasis: string }> = {
  'dossier-processing': {
    name: 'Giải quyết thủ tục hành chính',
    legalBasis: 'Nghị định 45/2020/NĐ-CP, Điều 9 (không yêu cầu nộp lại thông tin đã có trong CSDL)',
  },
  'document-check': {
    name: 'Đối chiếu giấy tờ thay cho bản sao chứng thực',
    legalBasis: 'Nghị định 107/2021/NĐ-CP, khoản 4 Điều 1; Nghị định 45/2020/NĐ-CP, Điều 9',
  },
  prefill: {
    name: 'Điền sẵn biểu mẫu theo đồng ý của công dân',
    legalBasis: 'Nghị định 13/2023/NĐ-CP, Điều 11 (sự đồng ý của chủ thể dữ liệu)',
  },
  'registry-update': {
    name: 'Cập nhật cơ sở dữ liệu quốc gia từ kết quả giải quyết TTHC',
    legalBasis: 'Nghị định 47/2024/NĐ-CP, Điều 12 (kết nối, chia sẻ dữ liệu)',
  },
  'agency-lookup': {
    name: 'Tra cứu danh mục mã định danh cơ quan',
    legalBasis: 'Quyết định 20/2020/QĐ-TTg về mã định danh điện tử của các cơ quan, tổ chức',
  },
};
