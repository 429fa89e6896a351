CREATE SCHEMA "payments";
--> statement-breakpoint
CREATE TABLE "payments"."callbacks" (
	"id" text PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"reference" text,
	"payment_id" text,
	"outcome" text NOT NULL,
	"payload" jsonb NOT NULL,
	"ip" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."obligations" (
	"id" text PRIMARY KEY NOT NULL,
	"dossier_code" text NOT NULL,
	"dossier_id" text NOT NULL,
	"agency_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"collection" text NOT NULL,
	"lines" jsonb NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"set_by" text,
	"set_by_name" text,
	"note" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "obligations_dossier_code_unique" UNIQUE("dossier_code")
);
--> statement-breakpoint
CREATE TABLE "payments"."payments" (
	"id" text PRIMARY KEY NOT NULL,
	"obligation_id" text NOT NULL,
	"dossier_code" text NOT NULL,
	"agency_code" text NOT NULL,
	"reference" text NOT NULL,
	"gateway" text NOT NULL,
	"method" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"payer_id" text,
	"payer_name" text NOT NULL,
	"payer_id_number" text,
	"agency_name" text NOT NULL,
	"procedure_name" text NOT NULL,
	"redirect_url" text,
	"gateway_txn_id" text,
	"bank_code" text,
	"failure_code" text,
	"recorded_by" text,
	"transfer_ref" text,
	"query_count" integer DEFAULT 0 NOT NULL,
	"last_queried_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"refund_reason" text,
	"refunded_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "payments"."receipt_counters" (
	"agency_code" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "receipt_counters_agency_code_year_pk" PRIMARY KEY("agency_code","year")
);
--> statement-breakpoint
CREATE TABLE "payments"."receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"agency_code" text NOT NULL,
	"agency_name" text NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"template_code" text NOT NULL,
	"serial" text NOT NULL,
	"payer_name" text NOT NULL,
	"payer_id_number" text,
	"dossier_code" text NOT NULL,
	"procedure_name" text NOT NULL,
	"lines" jsonb NOT NULL,
	"amount" integer NOT NULL,
	"method" text NOT NULL,
	"gateway" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "receipts_payment_id_unique" UNIQUE("payment_id")
);
--> statement-breakpoint
CREATE TABLE "payments"."reconciliations" (
	"id" text PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"day" text NOT NULL,
	"ours" integer NOT NULL,
	"theirs" integer NOT NULL,
	"matched" integer NOT NULL,
	"mismatches" jsonb NOT NULL,
	"runs" integer DEFAULT 1 NOT NULL,
	"ran_by" text,
	"ran_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "fee_collection" text DEFAULT 'free' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "fee_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "fee_paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "fee_paid_online" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "fee_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "callbacks_payment_idx" ON "payments"."callbacks" USING btree ("payment_id","received_at");--> statement-breakpoint
CREATE INDEX "callbacks_received_idx" ON "payments"."callbacks" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_live_idx" ON "payments"."payments" USING btree ("obligation_id") WHERE status in ('pending', 'paid');--> statement-breakpoint
CREATE INDEX "payments_agency_created_idx" ON "payments"."payments" USING btree ("agency_code","created_at");--> statement-breakpoint
CREATE INDEX "payments_gateway_created_idx" ON "payments"."payments" USING btree ("gateway","created_at");--> statement-breakpoint
CREATE INDEX "payments_dossier_idx" ON "payments"."payments" USING btree ("dossier_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_number_idx" ON "payments"."receipts" USING btree ("agency_code","year","number");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliations_day_idx" ON "payments"."reconciliations" USING btree ("gateway","day");