import { sql } from 'drizzle-orm';
import type { DocumentsContext } from '../documents.context.js';

const vnDate = (col: string) => sql.raw(`((${col} at time zone 'UTC') + interval '7 hours')::date`);
const dayStart = (d: string) => sql.raw(`((${d})::timestamp - interval '7 hours') at time zone 'UTC'`);

/**
 * Facts per agency and local day for the reporting module's rollups (Resolution 17: documents
 * exchanged electronically, outgoing documents signed digitally): incoming documents registered
 * that day (and how many came through the exchange), outgoing documents issued that day (and how
 * many were sent through the exchange, and signed). Only the keys touched since `since`.
 */
export async function documentDayFacts(ctx: DocumentsContext, since: Date) {
  const s = since.toISOString();
  const r = (await ctx.db.execute(sql`
    with touched as (
      select agency_code, ${vnDate('registered_at')} as d from documents.documents
        where updated_at >= ${s} and direction = 'incoming' and registered_at is not null
      union
      select agency_code, ${vnDate('issued_at')} from documents.documents
        where updated_at >= ${s} and direction = 'outgoing' and issued_at is not null)
    select t.agency_code, t.d::text as day,
      count(x.id) filter (where x.direction = 'incoming' and ${vnDate('x.registered_at')} = t.d)::int as docs_in,
      count(x.id) filter (where x.direction = 'incoming' and ${vnDate('x.registered_at')} = t.d and x.source = 'exchange')::int as docs_in_electronic,
      count(x.id) filter (where x.direction = 'outgoing' and ${vnDate('x.issued_at')} = t.d)::int as docs_out,
      count(x.id) filter (where x.direction = 'outgoing' and ${vnDate('x.issued_at')} = t.d and x.sent_at is not null)::int as docs_out_electronic,
      count(x.id) filter (where x.direction = 'outgoing' and ${vnDate('x.issued_at')} = t.d and x.signed_at is not null)::int as docs_out_signed
    from touched t left join documents.documents x on x.agency_code = t.agency_code and (
      (x.registered_at >= ${dayStart('t.d')} and x.registered_at < ${dayStart('t.d + 1')})
      or (x.issued_at >= ${dayStart('t.d')} and x.issued_at < ${dayStart('t.d + 1')}))
    group by t.agency_code, t.d`)) as unknown as { rows: Record<string, string | number>[] };
  return r.rows.map((x) => ({
    agencyCode: String(x.agency_code),
    day: String(x.day),
    docsIn: Number(x.docs_in),
    docsInElectronic: Number(x.docs_in_electronic),
    docsOut: Number(x.docs_out),
    docsOutElectronic: Number(x.docs_out_electronic),
    docsOutSigned: Number(x.docs_out_signed),
  }));
}
