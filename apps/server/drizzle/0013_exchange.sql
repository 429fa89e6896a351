CREATE SCHEMA "exchange";
--> statement-breakpoint
CREATE TABLE "exchange"."deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"package_id" text NOT NULL,
	"kind" text NOT NULL,
	"sha256" text NOT NULL,
	"recipient" text NOT NULL,
	"in_reply_to" text,
	"target" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange"."hub_receipts" (
	"package_id" text PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"sha256" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange"."messages" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"from_code" text NOT NULL,
	"local_document_id" text,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"sha256" text,
	"size" bigint,
	"sealed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "exchange"."nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"public_key" text NOT NULL,
	"agencies" jsonb NOT NULL,
	"ca_certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange"."nonces" (
	"key_id" text NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "nonces_key_id_nonce_pk" PRIMARY KEY("key_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "exchange"."package_events" (
	"id" text PRIMARY KEY NOT NULL,
	"package_id" text NOT NULL,
	"state" text NOT NULL,
	"description" text,
	"status_package_id" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "package_events_status_package_id_unique" UNIQUE("status_package_id")
);
--> statement-breakpoint
CREATE TABLE "exchange"."package_log" (
	"id" text PRIMARY KEY NOT NULL,
	"package_id" text NOT NULL,
	"kind" text NOT NULL,
	"event" text NOT NULL,
	"sender" text,
	"recipient" text,
	"document_id" text,
	"status_code" text,
	"node_id" text,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange"."packages" (
	"id" text NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"message_id" text,
	"sender" text NOT NULL,
	"recipient" text NOT NULL,
	"document_id" text,
	"subject" text,
	"local_document_id" text,
	"in_reply_to" text,
	"state" text NOT NULL,
	"reason" text,
	"sha256" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packages_id_direction_pk" PRIMARY KEY("id","direction")
);
--> statement-breakpoint
CREATE TABLE "exchange"."routes" (
	"code" text PRIMARY KEY NOT NULL,
	"legacy_code" text,
	"name" text NOT NULL,
	"node_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routes_legacy_code_unique" UNIQUE("legacy_code")
);
--> statement-breakpoint
CREATE TABLE "exchange"."seal_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"cert_der" text NOT NULL,
	"sealed_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange"."trust_roots" (
	"fingerprint" text PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"der" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_pkg_target_uq" ON "exchange"."deliveries" USING btree ("package_id","target");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "exchange"."deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "messages_local_doc_idx" ON "exchange"."messages" USING btree ("local_document_id");--> statement-breakpoint
CREATE INDEX "nonces_expiry_idx" ON "exchange"."nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "package_events_pkg_idx" ON "exchange"."package_events" USING btree ("package_id","at");--> statement-breakpoint
CREATE INDEX "package_log_pkg_idx" ON "exchange"."package_log" USING btree ("package_id");--> statement-breakpoint
CREATE INDEX "package_log_at_idx" ON "exchange"."package_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "packages_local_doc_idx" ON "exchange"."packages" USING btree ("local_document_id");--> statement-breakpoint
CREATE INDEX "packages_recipient_idx" ON "exchange"."packages" USING btree ("direction","recipient","created_at");--> statement-breakpoint
CREATE INDEX "packages_reply_idx" ON "exchange"."packages" USING btree ("in_reply_to");--> statement-breakpoint
CREATE INDEX "routes_node_idx" ON "exchange"."routes" USING btree ("node_id");