CREATE TABLE "payments"."bank_pushes" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"bank_txn_id" text NOT NULL,
	"agency_code" text,
	"bank" text NOT NULL,
	"account_number" text,
	"amount" integer NOT NULL,
	"content" text NOT NULL,
	"transaction_at" timestamp with time zone,
	"reason" text NOT NULL,
	"candidate_payment_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"payment_id" text,
	"resolved_by" text,
	"resolved_by_name" text,
	"resolved_at" timestamp with time zone,
	"dismiss_reason" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "permanent_address" jsonb;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "current_address" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_pushes_txn_idx" ON "payments"."bank_pushes" USING btree ("provider","bank_txn_id");--> statement-breakpoint
CREATE INDEX "bank_pushes_agency_idx" ON "payments"."bank_pushes" USING btree ("agency_code","status","received_at");