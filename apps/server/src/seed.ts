import { systemActor } from './platform/http/auth.js';
import type { Platform } from './app.js';
import { seedAgencies } from './modules/directory/index.js';
import {
  createStaffUser,
  findAccountByLogin,
  markIdentityVerified,
  registerAccount,
  type Role,
} from './modules/identity/index.js';
import { seedProcedures } from './modules/procedures/index.js';
import { seedRegistries } from './modules/registries/index.js';
import { seedDemoCollectionAccounts } from './modules/payments/index.js';
import { demoSeedSigning, seedDemoDocuments, seedDocumentSettings } from './modules/documents/index.js';

/** Demo accounts printed at first start and listed in the README. Never use SEED_DEMO in production. */
export const DEMO_ACCOUNTS: {
  username: string;
  password: string;
  role: string;
  agencyCode?: string;
  fullName: string;
}[] = [
  { username: 'admin', password: 'Admin@12345', role: 'admin', fullName: 'Quản trị hệ thống' },
  {
    username: 'hn.admin',
    password: 'Demo@12345',
    role: 'agency_admin',
    agencyCode: 'H26',
    fullName: 'Nguyễn Thị Quản Trị',
  },
  {
    username: 'hn.motcua',
    password: 'Demo@12345',
    role: 'reception',
    agencyCode: 'H26',
    fullName: 'Trần Văn Tiếp Nhận',
  },
  {
    username: 'hn.chuyenvien',
    password: 'Demo@12345',
    role: 'specialist',
    agencyCode: 'H26',
    fullName: 'Lê Thị Chuyên Viên',
  },
  { username: 'hn.lanhdao', password: 'Demo@12345', role: 'leader', agencyCode: 'H26', fullName: 'Phạm Văn Lãnh Đạo' },
  { username: 'hn.vanthu', password: 'Demo@12345', role: 'clerk', agencyCode: 'H26', fullName: 'Hoàng Thị Văn Thư' },
  // Members of the People's Committee in the e-Cabinet demo (meetings module).
  { username: 'hn.pct1', password: 'Demo@12345', role: 'leader', agencyCode: 'H26', fullName: 'Vũ Văn Phó Chủ Tịch' },
  { username: 'hn.pct2', password: 'Demo@12345', role: 'leader', agencyCode: 'H26', fullName: 'Đỗ Thị Ủy Viên' },
  { username: 'hn.pct3', password: 'Demo@12345', role: 'leader', agencyCode: 'H26', fullName: 'Bùi Văn Thành Viên' },
  // Reporting (Decree 09/2019): the Government Office receives, a commune of Hà Nội files.
  { username: 'tw.lanhdao', password: 'Demo@12345', role: 'leader', agencyCode: 'G22', fullName: 'Đỗ Văn Điều Hành' },
  {
    username: 'tw.quantri',
    password: 'Demo@12345',
    role: 'agency_admin',
    agencyCode: 'G22',
    fullName: 'Vũ Thị Chế Độ',
  },
  {
    username: 'hk.chuyenvien',
    password: 'Demo@12345',
    role: 'specialist',
    agencyCode: 'H26.X001',
    fullName: 'Ngô Thị Báo Cáo',
  },
  // Decree 118/2025 Art 14(2): the desk of phường Cửa Nam receives for the other wards of Hà Nội.
  {
    username: 'cn.motcua',
    password: 'Demo@12345',
    role: 'reception',
    agencyCode: 'H26.X002',
    fullName: 'Phan Thị Một Cửa',
  },
  {
    username: 'hk.lanhdao',
    password: 'Demo@12345',
    role: 'leader',
    agencyCode: 'H26.X001',
    fullName: 'Đinh Văn Phường',
  },
];
/** Agencies with a demo seal certificate (RSA, as edXML needs): those that exchange documents in the demo (Government Office, Ministry of Home Affairs, Hà Nội and its departments, Nghệ An). */
export const DEMO_SEAL_AGENCIES = ['G22', 'G09', 'H26', 'H26.S01', 'H26.S02', 'H26.S03', 'H26.S04', 'H41'];
export const DEMO_CITIZEN = { username: '001099012345', password: 'Demo@12345', fullName: 'Nguyễn Văn An' };
export const DEMO_BUSINESS = { username: '0100109106', password: 'Demo@12345', fullName: 'Công ty Cổ phần Demo' };

export async function seedReferenceData(p: Platform, onProgress?: (msg: string) => void) {
  const n = await seedAgencies(p.directory, systemActor, (i, total) => {
    if (i % 20 === 0 || i === total) onProgress?.(`agencies ${i}/${total}`);
  });
  const abbreviations = await seedDocumentSettings(p.documents);
  onProgress?.(`document abbreviations ${abbreviations}`);
  return { agencies: n };
}

/** Seed demo accounts once (skipped when the admin account exists). */
export async function seedDemo(p: Platform, onProgress?: (msg: string) => void) {
  const ctx = p.identity;
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    try {
      await createStaffUser(ctx, systemActor, null, {
        username: a.username,
        password: a.password,
        fullName: a.fullName,
        email: `${a.username}@demo.egov.local`,
        roles: [a.role as Role],
        agencyCode: a.agencyCode ?? null,
      });
      created++;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ACCOUNT_EXISTS') throw e;
    }
  }
  onProgress?.(`staff accounts ${created}`);
  const procedures = await seedProcedures(p.procedures, systemActor, (i, total) =>
    onProgress?.(`procedures ${i}/${total}`),
  );
  for (const r of [
    {
      accountType: 'citizen' as const,
      idNumber: DEMO_CITIZEN.username,
      fullName: DEMO_CITIZEN.fullName,
      dateOfBirth: '1999-03-15',
      gender: 'male' as const,
      email: 'citizen@demo.egov.local',
      phone: '0912345678',
      password: DEMO_CITIZEN.password,
    },
    {
      accountType: 'business' as const,
      taxCode: DEMO_BUSINESS.username,
      fullName: DEMO_BUSINESS.fullName,
      email: 'business@demo.egov.local',
      phone: '0243456789',
      password: DEMO_BUSINESS.password,
    },
  ]) {
    const { id } = await registerAccount(ctx, systemActor, r);
    if (id) created++;
    // Demo data: identities verified as at the desk, so the demo citizen sees what the desk files for him (ADR 0015).
    await markIdentityVerified(ctx, systemActor, r.idNumber ?? r.taxCode!);
  }
  // The demo PKI and certificates, so documents can be signed out of the box.
  await p.signatures.init(systemActor);
  const certificates = await p.signatures.seedDemoCertificates(systemActor, {
    usernames: DEMO_ACCOUNTS.filter((a) => a.agencyCode).map((a) => a.username),
    agencyCodes: DEMO_SEAL_AGENCIES,
  });
  onProgress?.(`demo certificates: ${certificates.person} person, ${certificates.seal} seal`);
  const feeAccounts = await seedDemoCollectionAccounts(p.payments, DEMO_SEAL_AGENCIES);
  onProgress?.(`demo fee accounts: ${feeAccounts}`);
  // Not inside `onProgress?.(…)`: without a callback its arguments would never be evaluated.
  // One decision is signed as the demo leader by the seed itself (no code to ask him for) and issued, so the registers are not empty.
  const documents = await seedDemoDocuments(p.documents, demoSeedSigning(p.signing, p.directory));
  onProgress?.(`demo documents ${documents}`);
  const id = async (u: string) => (await findAccountByLogin(ctx, u))!.id;
  const meetings = await p.meetings.seedDemo({
    agencyCode: 'H26',
    chairId: await id('hn.lanhdao'),
    secretaryId: await id('hn.chuyenvien'),
    memberIds: [await id('hn.pct1'), await id('hn.pct2'), await id('hn.pct3')],
    guestId: await id('hn.motcua'),
  });
  onProgress?.(`demo meetings ${meetings}`);
  // The data sharing platform: Hà Nội's one-stop shop calls the directory service twice, as its specialist.
  const specialist = await findAccountByLogin(ctx, 'hn.chuyenvien');
  // On an exchange node the directory service's provider (G22) lives on the hub: the demo calls may not be
  // possible there, and that must not stop the node's start.
  try {
    const gateway = await p.gateway.seedDemo(specialist?.id ?? null);
    onProgress?.(`gateway demo calls ${gateway.calls}`);
  } catch (e) {
    onProgress?.(`gateway demo calls skipped: ${(e as Error).message}`);
  }
  const registries = await seedRegistries(p.deps.db, { generated: 200 });
  onProgress?.(`registries: ${registries.demo} demo records, ${registries.generated} generated`);
  await p.reporting.seedDemo();
  onProgress?.('demo report regime and indicators');
  // The population registry's owner (Bộ Công an) answers citizens' correction requests (no certificate needed).
  try {
    await createStaffUser(ctx, systemActor, null, {
      username: 'bca.dancu',
      password: 'Demo@12345',
      fullName: 'Đỗ Văn Dân Cư',
      email: 'bca.dancu@demo.egov.local',
      roles: ['specialist'],
      agencyCode: 'G01',
    });
    created++;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ACCOUNT_EXISTS') throw e;
  }
  return { accounts: created, procedures, certificates };
}
