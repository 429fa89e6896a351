DROP INDEX "feedback"."items_public_trgm";--> statement-breakpoint
DROP INDEX "feedback"."items_published_idx";--> statement-breakpoint
ALTER TABLE "feedback"."items" ADD COLUMN "public_text" text GENERATED ALWAYS AS (case when published_at is not null then vn_fold(coalesce(public_title, '') || ' ' || coalesce(public_body, '')) end) STORED;--> statement-breakpoint
CREATE INDEX "items_published_agency_idx" ON "feedback"."items" USING btree ("agency_code","published_at","id") WHERE "feedback"."items"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "items_public_text_trgm" ON "feedback"."items" USING gin ("public_text" gin_trgm_ops) WHERE "feedback"."items"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "items_published_idx" ON "feedback"."items" USING btree ("published_at","id") WHERE "feedback"."items"."published_at" is not null;