ALTER TABLE "meetings"."items" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings"."items" ADD COLUMN "edited_by" text;--> statement-breakpoint
ALTER TABLE "meetings"."items" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings"."items" ADD COLUMN "removed_by" text;--> statement-breakpoint
ALTER TABLE "meetings"."papers" ADD COLUMN "document_id" text;--> statement-breakpoint
ALTER TABLE "meetings"."papers" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings"."papers" ADD COLUMN "withdrawn_by" text;