CREATE TABLE "platform"."dev_sms" (
	"id" text PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings"."proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"link" text,
	"status" text NOT NULL,
	"meeting_id" text,
	"item_id" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback"."contact_codes" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback"."contact_codes" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "feedback"."contact_codes" ADD COLUMN "upload_token_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_source_idx" ON "meetings"."proposals" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "proposals_agency_idx" ON "meetings"."proposals" USING btree ("agency_code","status","created_at");--> statement-breakpoint
CREATE INDEX "contact_codes_phone_idx" ON "feedback"."contact_codes" USING btree ("phone","created_at");