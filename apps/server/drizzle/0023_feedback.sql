CREATE SCHEMA "feedback";
--> statement-breakpoint
CREATE TABLE "feedback"."contact_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."events" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"kind" text NOT NULL,
	"from_agency" text,
	"to_agency" text,
	"actor_id" text,
	"note" text,
	"late" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."items" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"content_type" text NOT NULL,
	"subject_kind" text NOT NULL,
	"procedure_code" text,
	"procedure_name" text,
	"dossier_code" text,
	"agency_code" text,
	"candidate_agencies" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allow_publish" boolean NOT NULL,
	"status" text NOT NULL,
	"submitter_id" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"follow_token_hash" text,
	"route_due_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"public_title" text,
	"public_body" text,
	"public_answer" text,
	"rating" smallint,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"group_id" text NOT NULL,
	"merged_into" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "feedback"."petition_settings" (
	"agency_code" text PRIMARY KEY NOT NULL,
	"threshold" integer NOT NULL,
	"window_days" integer NOT NULL,
	"response_working_days" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."petitions" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"agency_code" text NOT NULL,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"threshold" integer NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"threshold_reached_at" timestamp with time zone,
	"response_due_at" timestamp with time zone,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."supports" (
	"petition_id" text NOT NULL,
	"person_key" text NOT NULL,
	"user_id" text NOT NULL,
	"identity_level" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supports_petition_id_person_key_pk" PRIMARY KEY("petition_id","person_key")
);
--> statement-breakpoint
CREATE INDEX "contact_codes_email_idx" ON "feedback"."contact_codes" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "events_item_idx" ON "feedback"."events" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "items_agency_status_idx" ON "feedback"."items" USING btree ("agency_code","status","created_at");--> statement-breakpoint
CREATE INDEX "items_submitter_idx" ON "feedback"."items" USING btree ("submitter_id","created_at");--> statement-breakpoint
CREATE INDEX "items_group_idx" ON "feedback"."items" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "items_due_idx" ON "feedback"."items" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "items_published_idx" ON "feedback"."items" USING btree ("published_at") WHERE "feedback"."items"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "items_body_trgm" ON "feedback"."items" USING gin (vn_fold("body") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "items_public_trgm" ON "feedback"."items" USING gin (vn_fold(coalesce("public_title", '') || ' ' || coalesce("public_body", '')) gin_trgm_ops) WHERE "feedback"."items"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "petitions_agency_idx" ON "feedback"."petitions" USING btree ("agency_code","status","created_at");--> statement-breakpoint
CREATE INDEX "petitions_title_trgm" ON "feedback"."petitions" USING gin (vn_fold("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "supports_user_idx" ON "feedback"."supports" USING btree ("user_id");