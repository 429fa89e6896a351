CREATE SCHEMA "reporting";
--> statement-breakpoint
CREATE TABLE "reporting"."agency_snapshots" (
	"agency_code" text PRIMARY KEY NOT NULL,
	"procedures" integer DEFAULT 0 NOT NULL,
	"procedures_full_online" integer DEFAULT 0 NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting"."day_facts" (
	"agency_code" text NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_digital_result" integer DEFAULT 0 NOT NULL,
	"with_fees" integer DEFAULT 0 NOT NULL,
	"paid_online" integer DEFAULT 0 NOT NULL,
	"docs_in" integer DEFAULT 0 NOT NULL,
	"docs_in_electronic" integer DEFAULT 0 NOT NULL,
	"docs_out" integer DEFAULT 0 NOT NULL,
	"docs_out_electronic" integer DEFAULT 0 NOT NULL,
	"docs_out_signed" integer DEFAULT 0 NOT NULL,
	"accounts" integer DEFAULT 0 NOT NULL,
	"accounts_verified" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"rating_sum" bigint DEFAULT 0 NOT NULL,
	"ratings_positive" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "day_facts_agency_code_day_pk" PRIMARY KEY("agency_code","day")
);
--> statement-breakpoint
CREATE TABLE "reporting"."dossier_ratings" (
	"dossier_code" text PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"rater_id" text NOT NULL,
	"score" smallint NOT NULL,
	"reason" text,
	"rated_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting"."obligation_events" (
	"id" text PRIMARY KEY NOT NULL,
	"obligation_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"comment" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting"."obligations" (
	"id" text PRIMARY KEY NOT NULL,
	"regime_id" text NOT NULL,
	"period" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"agency_code" text NOT NULL,
	"receiver_code" text NOT NULL,
	"status" text NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"submitted_by_name" text,
	"late" boolean DEFAULT false NOT NULL,
	"reminded_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"return_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting"."refresh_state" (
	"source" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporting"."regimes" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"legal_basis" text NOT NULL,
	"periodicity" text NOT NULL,
	"deadline_days" integer NOT NULL,
	"reporting_root" text NOT NULL,
	"reporting_levels" text[] NOT NULL,
	"receiving_agency" text NOT NULL,
	"template" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "regimes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE INDEX "day_facts_day_idx" ON "reporting"."day_facts" USING btree ("day");--> statement-breakpoint
CREATE INDEX "dossier_ratings_updated_idx" ON "reporting"."dossier_ratings" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "obligation_events_idx" ON "reporting"."obligation_events" USING btree ("obligation_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_uq" ON "reporting"."obligations" USING btree ("regime_id","period","agency_code");--> statement-breakpoint
CREATE INDEX "obligations_agency_idx" ON "reporting"."obligations" USING btree ("agency_code","status");--> statement-breakpoint
CREATE INDEX "obligations_receiver_idx" ON "reporting"."obligations" USING btree ("receiver_code","status");--> statement-breakpoint
CREATE INDEX "obligations_due_idx" ON "reporting"."obligations" USING btree ("due_at") WHERE "reporting"."obligations"."submitted_at" is null;