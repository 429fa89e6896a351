CREATE SCHEMA "signatures";
--> statement-breakpoint
CREATE TABLE "signatures"."certificates" (
	"id" text PRIMARY KEY NOT NULL,
	"profile" text NOT NULL,
	"issuer_id" text NOT NULL,
	"serial" text NOT NULL,
	"subject" text NOT NULL,
	"key_id" text,
	"owner_user_id" text,
	"owner_agency_code" text,
	"der" text NOT NULL,
	"fingerprint" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"revoked_at" timestamp with time zone,
	"revocation_reason" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures"."crls" (
	"id" text PRIMARY KEY NOT NULL,
	"ca_id" text NOT NULL,
	"number" integer NOT NULL,
	"revoked_count" integer NOT NULL,
	"this_update" timestamp with time zone NOT NULL,
	"next_update" timestamp with time zone NOT NULL,
	"der" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures"."keys" (
	"id" text PRIMARY KEY NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures"."trust_anchors" (
	"id" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"subject" text NOT NULL,
	"fingerprint" text NOT NULL,
	"der" text NOT NULL,
	"ca_id" text,
	"not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trust_anchors_fingerprint_unique" UNIQUE("fingerprint")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_issuer_serial_uq" ON "signatures"."certificates" USING btree ("issuer_id","serial");--> statement-breakpoint
CREATE INDEX "certificates_owner_user_idx" ON "signatures"."certificates" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "certificates_owner_agency_idx" ON "signatures"."certificates" USING btree ("owner_agency_code");--> statement-breakpoint
CREATE INDEX "certificates_profile_idx" ON "signatures"."certificates" USING btree ("profile");--> statement-breakpoint
CREATE UNIQUE INDEX "crls_ca_number_uq" ON "signatures"."crls" USING btree ("ca_id","number");