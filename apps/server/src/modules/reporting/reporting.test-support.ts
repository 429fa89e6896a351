import type { TestPlatform } from '../../../test/harness.js';
import { signingStaff } from '../../../test/signing-staff.js';

/** A report template of three indicators (one a formula) and a text section, for the signing and exchange tests. */
export const SIGNED_REPORT_TEMPLATE = {
  indicators: [
    { code: 'C01', name: 'Số hồ sơ tiếp nhận', unit: 'hồ sơ', type: 'integer', aggregation: 'sum', required: true },
    { code: 'C02', name: 'Số hồ sơ trực tuyến', unit: 'hồ sơ', type: 'integer', aggregation: 'sum', required: true },
    {
      code: 'C03',
      name: 'Tỷ lệ trực tuyến',
      unit: '%',
      type: 'percent',
      aggregation: 'sum',
      formula: 'C02 / C01 * 100',
    },
  ],
  sections: [{ code: 'S1', title: 'Đánh giá chung' }],
  rules: [],
};

type Roles = Parameters<TestPlatform['staff']>[0]['roles'];

/** A civil servant with an authenticator (acr 2) and, unless told otherwise, a server-held person certificate. */
export async function reportSigner(p: TestPlatform, roles: Roles, agencyCode: string, withCertificate = true) {
  const s = await signingStaff(p, agencyCode, roles, { certificate: withCertificate });
  return { ...s, fullName: `Cán bộ ${s.username}`, certificateId: s.certificateId ?? 'cert_none' };
}
