ALTER TABLE "dossiers"."history" ADD COLUMN "draft_file_id" text;--> statement-breakpoint
ALTER TABLE "dossiers"."history" ADD COLUMN "draft_file_name" text;