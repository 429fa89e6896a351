-- The public search's phrase index gets a second key, the hour of publication (ADR 0020, addendum 7):
-- btree_gin gives GIN the int operators for it. drizzle-kit does not emit CREATE EXTENSION.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "feedback"."items_public_squashed_trgm";--> statement-breakpoint
CREATE INDEX "items_public_squashed_hour_trgm" ON "feedback"."items" USING gin (replace("public_text", ' ', '') gin_trgm_ops,((floor(extract(epoch from ("published_at" at time zone 'UTC')) / 3600))::int)) WHERE "feedback"."items"."published_at" is not null;