DROP INDEX "feedback"."items_published_idx";--> statement-breakpoint
DROP INDEX "feedback"."items_published_agency_idx";--> statement-breakpoint
CREATE INDEX "items_published_idx" ON "feedback"."items" USING btree ("published_at","id","agency_code","content_type","procedure_code") WHERE "feedback"."items"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "items_published_agency_idx" ON "feedback"."items" USING btree ("agency_code","published_at","id","content_type","procedure_code") WHERE "feedback"."items"."published_at" is not null;