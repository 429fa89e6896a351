CREATE TABLE "signatures"."signature_images" (
	"user_id" text PRIMARY KEY NOT NULL,
	"png" text NOT NULL,
	"sha256" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
