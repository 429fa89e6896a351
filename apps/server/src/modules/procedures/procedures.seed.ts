import type { ActorContext, Principal } from '../../platform/http/auth.js';
import type { ProceduresService } from './procedures.service.js';
import { PROCEDURE_SEED } from './seed/procedures.seed.js';

const SYSTEM_ADMIN: Principal = {
  userId: 'system',
  username: 'system',
  fullName: 'Hệ thống',
  kind: 'staff',
  roles: ['admin'],
  agencyId: null,
  agencyCode: null,
  acr: 2,
  sessionId: null,
  via: 'bearer',
};

/** Load and publish the demo catalogue (12 real procedures); existing codes are left alone. */
export async function seedProcedures(
  svc: ProceduresService,
  ctx: ActorContext,
  onProgress?: (n: number, total: number) => void,
) {
  let created = 0;
  for (const [i, s] of PROCEDURE_SEED.entries()) {
    if (await svc.forSubmission(s.code)) continue;
    const { code, codeVerified: _v, sourceNote: _s, formSchema, ...content } = s;
    await svc.create(ctx, SYSTEM_ADMIN, code, {
      ...content,
      formSchema: formSchema as Record<string, unknown>,
      feeCollection: s.feeCollection ?? (s.fees.length ? 'before' : 'free'),
    });
    await svc.publish(ctx, SYSTEM_ADMIN, code);
    created++;
    onProgress?.(i + 1, PROCEDURE_SEED.length);
  }
  return created;
}
