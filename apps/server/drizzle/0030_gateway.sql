CREATE SCHEMA "gateway";
--> statement-breakpoint
CREATE TABLE "gateway"."batches" (
	"id" text PRIMARY KEY NOT NULL,
	"first_seq" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"manifest" text NOT NULL,
	"manifest_hash" text NOT NULL,
	"token" text,
	"stamped_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway"."chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway"."messages" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"side" text NOT NULL,
	"client_id" text NOT NULL,
	"service_code" text NOT NULL,
	"provider_id" text NOT NULL,
	"actor" jsonb NOT NULL,
	"purpose" text NOT NULL,
	"dossier_code" text,
	"status" smallint NOT NULL,
	"request_hash" text NOT NULL,
	"response_hash" text NOT NULL,
	"via" text NOT NULL,
	"record" text NOT NULL,
	"record_hash" text NOT NULL,
	"signature" text NOT NULL,
	"peer_record" text,
	"peer_signature" text,
	"created_at" timestamp with time zone NOT NULL,
	"seq" bigint,
	"prev_hash" text,
	"chain_hash" text,
	"batch_id" text,
	CONSTRAINT "messages_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "gateway"."rights" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"client_id" text NOT NULL,
	"granted_by" text,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_by" text,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gateway"."services" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"provider_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"purposes" jsonb NOT NULL,
	"openapi" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gateway"."subsystems" (
	"id" text PRIMARY KEY NOT NULL,
	"agency_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"oauth_client_id" text,
	"rate_per_minute" integer NOT NULL,
	"quota_per_day" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subsystems_oauth_client_id_unique" UNIQUE("oauth_client_id")
);
--> statement-breakpoint
CREATE TABLE "gateway"."usage" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_ends" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "messages_message_side" ON "gateway"."messages" USING btree ("message_id","side");--> statement-breakpoint
CREATE INDEX "messages_unsealed" ON "gateway"."messages" USING btree ("created_at","id") WHERE "gateway"."messages"."seq" is null;--> statement-breakpoint
CREATE INDEX "messages_client" ON "gateway"."messages" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_provider" ON "gateway"."messages" USING btree ("provider_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rights_one_open" ON "gateway"."rights" USING btree ("service_id","client_id") WHERE "gateway"."rights"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "services_provider_code" ON "gateway"."services" USING btree ("provider_id","code");--> statement-breakpoint
CREATE INDEX "services_code" ON "gateway"."services" USING btree ("code");