DROP INDEX "platform"."jobs_due_idx";--> statement-breakpoint
ALTER TABLE "platform"."jobs" ALTER COLUMN "run_at" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "platform"."jobs" ALTER COLUMN "run_at" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "platform"."jobs" USING btree ("run_at","created_at") WHERE status = 'pending';