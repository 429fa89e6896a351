CREATE TABLE "platform"."rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."identity_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purpose" text NOT NULL,
	"secret" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."rp_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"mode" text NOT NULL,
	"user_id" text,
	"return_to" text,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "identity_level" text DEFAULT 'self_declared' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "identity_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "identity_evidence" jsonb;--> statement-breakpoint
ALTER TABLE "payments"."reconciliations" ADD COLUMN "by_agency" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "identity_challenges_user_idx" ON "identity"."identity_challenges" USING btree ("user_id","purpose");--> statement-breakpoint
-- ADR 0015: a dossier filed for someone at the desk belongs to the person (person:<ID>) until it is
-- claimed with its receipt's code or seen by an account whose identity is verified.
UPDATE "dossiers"."dossiers" SET "applicant_id" = 'person:' || "applicant_id_number" WHERE "channel" <> 'online' AND "applicant_id_number" IS NOT NULL AND "applicant_id" NOT LIKE 'person:%';
