-- The public search's index becomes one GIN index over keys made by feedback.search_keys (ADR 0020,
-- addendum 9): the trigrams of the folded text without spaces (pg_trgm's, as the index it replaces
-- had, without the padded ones at word ends, which a phrase inside a word does not have), and the
-- agency, procedure and content type as `a:`, `p:`, `t:` keys; each alone, and with the day and the
-- 32-day span of publication (`|d<days since 1970>`, `|m<32-day spans since 1970>`); and `*` with
-- those two, so that every item has a key of its day. A search can then take from the index the
-- matches of one day (its keys with that day: an exact intersection), newest first, and stop when it
-- has enough, instead of reading every older match or every entry of a range of hours. Immutable:
-- the time zone is named, the trigrams and folding are pg_trgm's and vn_fold's. drizzle-kit does not
-- emit CREATE FUNCTION.
CREATE OR REPLACE FUNCTION feedback.search_keys(public_text text, published_at timestamptz, agency text, procedure text, kind text)
  RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    select array(
      select k.key || l.suffix
      from (
          select t as key from unnest(public.show_trgm(replace(public_text, ' ', ''))) t where t !~ ' '
          union all select 'a:' || agency where agency is not null
          union all select 'p:' || procedure where procedure is not null
          union all select 't:' || kind where kind is not null
          union all select '*'
        ) k,
        (select floor(e / 86400)::int as d, floor(e / 2764800)::int as m
           from (select extract(epoch from (published_at at time zone 'UTC')) as e) z) b,
        lateral (values (''), ('|d' || b.d), ('|m' || b.m)) l(suffix)
      where published_at is not null and not (k.key = '*' and l.suffix = ''))
  $$;--> statement-breakpoint
-- No parallel plans on this table: it serves the public list and search, short statements that a
-- worker's start (milliseconds) would only slow; the planner proposed them for the search's walk
-- from a default estimate (an array containment with a parameter: 0.5 % of the rows).
ALTER TABLE "feedback"."items" SET (parallel_workers = 0);--> statement-breakpoint
DROP INDEX "feedback"."items_public_squashed_hour_trgm";--> statement-breakpoint
CREATE INDEX "items_public_search_keys" ON "feedback"."items" USING gin (feedback.search_keys("public_text", "published_at", "agency_code", "procedure_code", "content_type")) WHERE "feedback"."items"."published_at" is not null;
