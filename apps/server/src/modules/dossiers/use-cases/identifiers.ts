import type { DossiersContext } from '../dossiers.context.js';
import { dossiersRepository as repo } from '../dossiers.repository.js';

/** What can be a record key (a personal ID number, a tax or enterprise code, a parcel id): short, no spaces. */
const KEY_LIKE = /^[0-9A-Za-z][0-9A-Za-z./-]{0,39}$/;

function collect(value: unknown, out: Set<string>, depth = 0) {
  if (depth > 8) return;
  if (typeof value === 'string') {
    const v = value.trim();
    if (KEY_LIKE.test(v)) out.add(v);
  } else if (Array.isArray(value)) for (const v of value) collect(v, out, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v, out, depth + 1);
}

/**
 * A dossier with the identifiers it names: the applicant's ID number and every key-like value of its
 * form (the declarant's, the mother's, a business's tax code, a parcel). A registry read made for a
 * dossier may concern only what the dossier names (purpose limitation; issue 17). Null when unknown.
 */
export async function dossierIdentifiers(ctx: DossiersContext, code: string) {
  const d = await repo.byCode(ctx.db, code);
  if (!d) return null;
  const ids = new Set<string>();
  if (d.applicantIdNumber) ids.add(d.applicantIdNumber);
  collect(d.formData, ids);
  return { code: d.code, agencyCode: d.agencyCode, procedureCode: d.procedureCode, identifiers: [...ids] };
}
