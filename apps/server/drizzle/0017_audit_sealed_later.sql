ALTER TABLE "audit"."events" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit"."events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit"."events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "events_pending_idx" ON "audit"."events" USING btree ("occurred_at","id") WHERE "audit"."events"."seq" is null;