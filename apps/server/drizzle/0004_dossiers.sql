CREATE SCHEMA "dossiers";
--> statement-breakpoint
CREATE TABLE "platform"."idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "dossiers"."attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_id" text NOT NULL,
	"document_id" text NOT NULL,
	"file_id" text NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"sha256" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers"."counters" (
	"agency_code" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "counters_agency_code_day_pk" PRIMARY KEY("agency_code","day")
);
--> statement-breakpoint
CREATE TABLE "dossiers"."dossiers" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_version" integer NOT NULL,
	"procedure_name" text NOT NULL,
	"agency_code" text NOT NULL,
	"applicant_id" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text,
	"applicant_email" text,
	"channel" text NOT NULL,
	"submitted_by" text NOT NULL,
	"form_data" jsonb NOT NULL,
	"state" text NOT NULL,
	"status_code" integer NOT NULL,
	"assignee_id" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"extended_due_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"result_file_id" text,
	"online" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "dossiers"."drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"procedure_code" text NOT NULL,
	"agency_code" text,
	"form_data" jsonb NOT NULL,
	"attachments" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers"."history" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_id" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "attachments_dossier_idx" ON "dossiers"."attachments" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossiers_agency_state_idx" ON "dossiers"."dossiers" USING btree ("agency_code","state","due_at");--> statement-breakpoint
CREATE INDEX "dossiers_applicant_idx" ON "dossiers"."dossiers" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "dossiers_assignee_idx" ON "dossiers"."dossiers" USING btree ("assignee_id","state");--> statement-breakpoint
CREATE INDEX "dossiers_submitted_idx" ON "dossiers"."dossiers" USING btree ("agency_code","submitted_at");--> statement-breakpoint
CREATE INDEX "drafts_owner_idx" ON "dossiers"."drafts" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "history_dossier_idx" ON "dossiers"."history" USING btree ("dossier_id","at");