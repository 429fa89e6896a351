CREATE TABLE "platform"."files" (
	"id" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"name" text NOT NULL,
	"owner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "files_sha_idx" ON "platform"."files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "platform"."files" USING btree ("owner_id");