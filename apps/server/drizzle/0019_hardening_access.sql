CREATE TABLE "platform"."rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments"."reconciliations" ADD COLUMN "by_agency" jsonb DEFAULT '{}'::jsonb NOT NULL;