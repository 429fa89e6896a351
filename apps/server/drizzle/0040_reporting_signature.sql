ALTER TABLE "reporting"."obligations" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reporting"."obligations" ADD COLUMN "signed_by" text;--> statement-breakpoint
ALTER TABLE "reporting"."obligations" ADD COLUMN "signed_by_name" text;--> statement-breakpoint
ALTER TABLE "reporting"."obligations" ADD COLUMN "signed_version" integer;--> statement-breakpoint
ALTER TABLE "reporting"."obligations" ADD COLUMN "signed_certificate_id" text;--> statement-breakpoint
ALTER TABLE "reporting"."obligations" ADD COLUMN "signed_content_file_id" text;--> statement-breakpoint
ALTER TABLE "reporting"."obligations" ADD COLUMN "signature_file_id" text;--> statement-breakpoint
ALTER TABLE "reporting"."regimes" ADD COLUMN "signature_required" boolean DEFAULT false NOT NULL;