CREATE SCHEMA "meetings";
--> statement-breakpoint
CREATE TABLE "meetings"."ballots" (
	"vote_id" text NOT NULL,
	"user_id" text NOT NULL,
	"choice" text NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballots_vote_id_user_id_pk" PRIMARY KEY("vote_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings"."items" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"presenter_id" text,
	"presenter_name" text,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"by_consent" boolean DEFAULT false NOT NULL,
	"decision" text,
	"agencies" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings"."meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"place" text,
	"video_room" text,
	"secret" boolean DEFAULT false NOT NULL,
	"quorum" integer NOT NULL,
	"created_by" text NOT NULL,
	"convened_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"consent_adopted_at" timestamp with time zone,
	"minutes_document_id" text,
	"conclusions_document_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings"."opinion_answers" (
	"request_id" text NOT NULL,
	"user_id" text NOT NULL,
	"full_name" text NOT NULL,
	"answer" text,
	"text" text,
	"content_file_id" text,
	"signature_file_id" text,
	"certificate_id" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "opinion_answers_request_id_user_id_pk" PRIMARY KEY("request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings"."opinion_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"meeting_id" text,
	"question" text NOT NULL,
	"papers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"created_by" text NOT NULL,
	"reminded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings"."papers" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"item_id" text NOT NULL,
	"paper_key" text NOT NULL,
	"version" integer NOT NULL,
	"file_id" text NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"pages" integer DEFAULT 1 NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings"."participants" (
	"meeting_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"full_name" text NOT NULL,
	"agency_code" text,
	"item_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"reply" text DEFAULT 'invited' NOT NULL,
	"delegate_id" text,
	"delegate_name" text,
	"delegate_for" text,
	"attendance" text,
	"invited_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	CONSTRAINT "participants_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings"."positions" (
	"item_id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"user_id" text NOT NULL,
	"position" text NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "positions_item_id_user_id_pk" PRIMARY KEY("item_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings"."speeches" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"item_id" text NOT NULL,
	"user_id" text NOT NULL,
	"full_name" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"spoke_at" timestamp with time zone,
	"opinion" text
);
--> statement-breakpoint
CREATE TABLE "meetings"."tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"item_id" text,
	"title" text NOT NULL,
	"owner_agency" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"report" text,
	"reported_by" text,
	"reported_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings"."votes" (
	"id" text PRIMARY KEY NOT NULL,
	"meeting_id" text NOT NULL,
	"item_id" text NOT NULL,
	"question" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"yes" integer DEFAULT 0 NOT NULL,
	"no" integer DEFAULT 0 NOT NULL,
	"abstain" integer DEFAULT 0 NOT NULL,
	"result" text,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "items_meeting_seq_idx" ON "meetings"."items" USING btree ("meeting_id","seq");--> statement-breakpoint
CREATE INDEX "meetings_agency_starts_idx" ON "meetings"."meetings" USING btree ("agency_code","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings"."meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "opinion_answers_user_idx" ON "meetings"."opinion_answers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "opinion_requests_agency_idx" ON "meetings"."opinion_requests" USING btree ("agency_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_key_version_idx" ON "meetings"."papers" USING btree ("paper_key","version");--> statement-breakpoint
CREATE INDEX "papers_item_idx" ON "meetings"."papers" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "papers_meeting_idx" ON "meetings"."papers" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "participants_user_idx" ON "meetings"."participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "positions_meeting_idx" ON "meetings"."positions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "speeches_item_idx" ON "meetings"."speeches" USING btree ("item_id","requested_at");--> statement-breakpoint
CREATE INDEX "tasks_owner_idx" ON "meetings"."tasks" USING btree ("owner_agency","status");--> statement-breakpoint
CREATE INDEX "tasks_meeting_idx" ON "meetings"."tasks" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "votes_item_idx" ON "meetings"."votes" USING btree ("item_id");