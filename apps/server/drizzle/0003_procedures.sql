CREATE SCHEMA "procedures";
--> statement-breakpoint
CREATE TABLE "procedures"."procedure_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"procedure_id" text NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"online_mode" text NOT NULL,
	"agencies" text[] NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedures"."procedures" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"owner_agency_code" text,
	"published_version" integer,
	"draft_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_uq" ON "procedures"."procedure_versions" USING btree ("procedure_id","version");--> statement-breakpoint
CREATE INDEX "procedure_versions_status_idx" ON "procedures"."procedure_versions" USING btree ("status","field");