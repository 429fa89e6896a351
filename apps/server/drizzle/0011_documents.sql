CREATE SCHEMA "documents";
--> statement-breakpoint
CREATE TABLE "documents"."agency_settings" (
	"agency_code" text PRIMARY KEY NOT NULL,
	"abbreviation" text NOT NULL,
	"place" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents"."comments" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents"."counters" (
	"agency_code" text NOT NULL,
	"book" text NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "counters_agency_code_book_series_year_pk" PRIMARY KEY("agency_code","book","series","year")
);
--> statement-breakpoint
CREATE TABLE "documents"."documents" (
	"id" text PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"agency_code" text NOT NULL,
	"status" text NOT NULL,
	"type_code" text NOT NULL,
	"type_name" text NOT NULL,
	"subject" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"secrecy" text DEFAULT 'none' NOT NULL,
	"due_date" text,
	"code_number" text,
	"code_notation" text,
	"series" text,
	"year" integer,
	"issued_date" text,
	"issued_at" timestamp with time zone,
	"issuer_name" text,
	"signer_id" text,
	"signer_name" text,
	"signer_position" text,
	"signer_competence" text,
	"signed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"page_count" integer,
	"file_id" text,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"drafting_unit" text,
	"source" text,
	"sender_code" text,
	"sender_name" text,
	"external_id" text,
	"package_id" text,
	"arrived_at" timestamp with time zone,
	"register_due_at" timestamp with time zone,
	"arrival_number" integer,
	"registered_at" timestamp with time zone,
	"signature_report" jsonb,
	"lead_unit" text,
	"handler_id" text,
	"handler_name" text,
	"supporting_units" jsonb,
	"handling_due_date" text,
	"assigned_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"pending_change" jsonb,
	"supersedes_id" text,
	"record_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents"."exchange_statuses" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"agency_code" text NOT NULL,
	"direction" text NOT NULL,
	"status_code" text NOT NULL,
	"description" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents"."history" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents"."recipients" (
	"document_id" text NOT NULL,
	"agency_code" text NOT NULL,
	"organ_id" text NOT NULL,
	"organ_name" text NOT NULL,
	"package_id" text,
	"state" text NOT NULL,
	"status_code" text,
	"description" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recipients_document_id_agency_code_pk" PRIMARY KEY("document_id","agency_code")
);
--> statement-breakpoint
CREATE TABLE "documents"."record_items" (
	"record_id" text NOT NULL,
	"document_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "record_items_record_id_document_id_pk" PRIMARY KEY("record_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "documents"."records" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"code" text NOT NULL,
	"year" integer NOT NULL,
	"file_notation" text NOT NULL,
	"title" text NOT NULL,
	"maintenance" text NOT NULL,
	"rights" text NOT NULL,
	"creator" text NOT NULL,
	"language" text NOT NULL,
	"description" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "records_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "documents"."register_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"book" text NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"document_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents"."versions" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" text NOT NULL,
	"version" integer NOT NULL,
	"file_id" text NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"sha256" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" text,
	"created_by_name" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "comments_doc_idx" ON "documents"."comments" USING btree ("document_id","at");--> statement-breakpoint
CREATE INDEX "documents_box_idx" ON "documents"."documents" USING btree ("agency_code","direction","status","updated_at");--> statement-breakpoint
CREATE INDEX "documents_creator_idx" ON "documents"."documents" USING btree ("created_by","status");--> statement-breakpoint
CREATE INDEX "documents_handler_idx" ON "documents"."documents" USING btree ("handler_id","status");--> statement-breakpoint
CREATE INDEX "documents_lead_unit_idx" ON "documents"."documents" USING btree ("lead_unit","status");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_package_uq" ON "documents"."documents" USING btree ("package_id");--> statement-breakpoint
CREATE INDEX "documents_external_idx" ON "documents"."documents" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "documents_subject_trgm" ON "documents"."documents" USING gin (vn_fold("subject") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "exchange_statuses_doc_idx" ON "documents"."exchange_statuses" USING btree ("document_id","at");--> statement-breakpoint
CREATE INDEX "history_doc_idx" ON "documents"."history" USING btree ("document_id","at");--> statement-breakpoint
CREATE INDEX "recipients_organ_idx" ON "documents"."recipients" USING btree ("organ_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_items_ordinal_uq" ON "documents"."record_items" USING btree ("record_id","ordinal");--> statement-breakpoint
CREATE INDEX "records_agency_year_idx" ON "documents"."records" USING btree ("agency_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "register_entries_number_uq" ON "documents"."register_entries" USING btree ("agency_code","book","series","year","number");--> statement-breakpoint
CREATE INDEX "register_entries_doc_idx" ON "documents"."register_entries" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "versions_doc_version_uq" ON "documents"."versions" USING btree ("document_id","version");