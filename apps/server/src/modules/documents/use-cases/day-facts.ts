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
        where updated_at >= ${s} and direction = 'outgoing' and issued_at is not null),
    bound as (select ${dayStart('min(d)')} as t0 from touched),
    inc as (
      select agency_code, ${vnDate('registered_at')} as d, count(*)::int as docs_in,
        count(*) filter (where source = 'exchange')::int as docs_in_electronic
      from documents.documents where direction = 'incoming' and registered_at >= (select t0 from bound) group by 1, 2),
    outg as (
      select agency_code, ${vnDate('issued_at')} as d, count(*)::int as docs_out,
        count(*) filter (where sent_at is not null)::int as docs_out_electronic,
        count(*) filter (where signed_at is not null)::int as docs_out_signed
      from documents.documents where direction = 'outgoing' and issued_at >= (select t0 from bound) group by 1, 2)
    select t.agency_code, t.d::text as day,
      coalesce(inc.docs_in, 0) as docs_in, coalesce(inc.docs_in_electronic, 0) as docs_in_electronic,
      coalesce(outg.docs_out, 0) as docs_out, coalesce(outg.docs_out_electronic, 0) as docs_out_electronic,
      coalesce(outg.docs_out_signed, 0) as docs_out_signed
    from touched t
      left join inc on inc.agency_code = t.agency_code and inc.d = t.d
      left join outg on outg.agency_code = t.agency_code and outg.d = t.d`)) as unknown as {
    rows: Record<string, string | number>[];
  };
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
