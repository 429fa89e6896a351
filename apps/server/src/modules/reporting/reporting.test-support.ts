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

/**
 * The regime the cross-deployment tests share: Hà Nội's communes report monthly to the Government
 * Office (G22), which another deployment serves. Both sides define it by the same code.
 */
export const COMMUNE_REGIME_TO_G22 = {
  code: 'BC-LT',
  name: 'Báo cáo tình hình giải quyết thủ tục hành chính cấp xã',
  legalBasis: 'Nghị định 09/2019/NĐ-CP',
  periodicity: 'month',
  deadlineDays: 2,
  reportingRoot: 'H26',
  reportingLevels: ['commune'],
  receivingAgency: 'G22',
  template: SIGNED_REPORT_TEMPLATE,
};

/**
 * `COMMUNE_REGIME_TO_G22` defined on `p` by its admin and its December 2026 period opened.
 * The regime does not ask for a signature: a report for another deployment is signed whatever it says.
 */
export async function openCommuneRegimeToG22(p: TestPlatform, adminToken: string) {
  const r = await p.call('POST', '/api/report-regimes', {
    token: adminToken,
    body: { ...COMMUNE_REGIME_TO_G22, signatureRequired: false },
  });
  if (r.statusCode !== 201) throw new Error(`regime: ${r.statusCode} ${r.body}`);
  const opened = await p.call('POST', '/api/report-regimes/BC-LT/periods', {
    token: adminToken,
    body: { period: '2026-M12' },
  });
  if (opened.statusCode !== 200) throw new Error(`period: ${opened.statusCode} ${opened.body}`);
  return opened.json() as { opened: number };
}
