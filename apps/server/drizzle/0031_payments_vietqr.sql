CREATE TABLE "payments"."collection_accounts" (
	"agency_code" text PRIMARY KEY NOT NULL,
	"bank_bin" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_number" text NOT NULL,
	"account_name" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bank_txn_idx" ON "payments"."payments" USING btree ("gateway_txn_id") WHERE gateway = 'vietqr';