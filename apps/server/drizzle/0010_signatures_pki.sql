CREATE TABLE "signatures"."pki_roles" (
	"role" text PRIMARY KEY NOT NULL,
	"certificate_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
