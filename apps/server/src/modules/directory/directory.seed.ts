import type { ActorContext } from '../../platform/http/auth.js';
import type { DirectoryService } from './directory.service.js';
import { AGENCY_SEED } from './seed/agencies.seed.js';

/** Load the national slice of agencies (parents first); existing codes are left alone. */
export async function seedAgencies(
  svc: DirectoryService,
  ctx: ActorContext,
  onProgress?: (n: number, total: number) => void,
) {
  let created = 0;
  let n = 0;
  for (const a of AGENCY_SEED) {
    n++;
    if (await svc.find(a.code)) continue;
    await svc.create(ctx, {
      code: a.code,
      legacyCode: a.legacyCode,
      name: a.name,
      nameEn: a.nameEn,
      shortName: a.shortName ?? null,
      level: a.level,
      parentCode: a.parentCode,
      address: a.address ?? null,
      phone: a.phone ?? null,
      email: a.email ?? null,
      website: a.website ?? null,
    });
    created++;
    onProgress?.(n, AGENCY_SEED.length);
  }
  return created;
}
