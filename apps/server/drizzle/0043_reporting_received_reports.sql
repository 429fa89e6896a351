CREATE TABLE "reporting"."received_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"obligation_id" text NOT NULL,
	"regime_code" text NOT NULL,
	"period" text NOT NULL,
	"agency_code" text NOT NULL,
	"receiver_code" text NOT NULL,
	"content" text NOT NULL,
	"signature" text NOT NULL,
	"signed_by_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"decided_by_name" text,
	"return_comment" text,
	"received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "received_reports_uq" ON "reporting"."received_reports" USING btree ("origin","obligation_id");--> statement-breakpoint
CREATE INDEX "received_reports_receiver_idx" ON "reporting"."received_reports" USING btree ("receiver_code","status");