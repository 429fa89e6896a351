CREATE SCHEMA "registries";
--> statement-breakpoint
CREATE TABLE "registries"."access_delays" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_id" text NOT NULL,
	"agency_code" text NOT NULL,
	"legal_basis" text NOT NULL,
	"case_reference" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registries"."access_log" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"service" text NOT NULL,
	"registry" text NOT NULL,
	"record_key" text NOT NULL,
	"subject_id" text NOT NULL,
	"fields" text[] NOT NULL,
	"purpose" text NOT NULL,
	"dossier_code" text,
	"client" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text,
	"agency_code" text,
	"consent_id" text,
	"delay_id" text,
	"hidden_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registries"."consents" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"subject_id" text NOT NULL,
	"procedure_code" text NOT NULL,
	"sources" text[] NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "registries"."corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"registry" text NOT NULL,
	"record_key" text NOT NULL,
	"field" text NOT NULL,
	"current_value" text,
	"proposed_value" text,
	"reason" text NOT NULL,
	"subject_id" text NOT NULL,
	"submitted_by" text NOT NULL,
	"owner_agency_code" text NOT NULL,
	"status" text NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registries"."effects" (
	"dossier_code" text NOT NULL,
	"effect" text NOT NULL,
	"registry" text NOT NULL,
	"record_key" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	CONSTRAINT "effects_dossier_code_effect_pk" PRIMARY KEY("dossier_code","effect")
);
--> statement-breakpoint
CREATE TABLE "registries"."records" (
	"id" text PRIMARY KEY NOT NULL,
	"registry" text NOT NULL,
	"record_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"recorded_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"source" text NOT NULL,
	"recorded_by" text
);
--> statement-breakpoint
CREATE INDEX "access_delays_subject_idx" ON "registries"."access_delays" USING btree ("subject_id","agency_code","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "access_delays_case_uq" ON "registries"."access_delays" USING btree ("agency_code","subject_id","case_reference");--> statement-breakpoint
CREATE INDEX "access_log_subject_idx" ON "registries"."access_log" USING btree ("subject_id","at");--> statement-breakpoint
CREATE INDEX "access_log_agency_idx" ON "registries"."access_log" USING btree ("agency_code","at");--> statement-breakpoint
CREATE INDEX "consents_account_idx" ON "registries"."consents" USING btree ("account_id","granted_at");--> statement-breakpoint
CREATE INDEX "corrections_owner_idx" ON "registries"."corrections" USING btree ("owner_agency_code","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "corrections_open_uq" ON "registries"."corrections" USING btree ("registry","record_key","field","submitted_by") WHERE "registries"."corrections"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "records_current_uq" ON "registries"."records" USING btree ("registry","record_key","valid_from") WHERE "registries"."records"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "records_history_idx" ON "registries"."records" USING btree ("registry","record_key","recorded_at");--> statement-breakpoint
CREATE INDEX "records_subjects_idx" ON "registries"."records" USING gin ("subjects") WHERE "registries"."records"."superseded_at" is null and "registries"."records"."registry" <> 'population';