ALTER TABLE "exchange"."lgsp_receipts" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "exchange"."lgsp_units" ADD COLUMN "ca_certificates" jsonb DEFAULT '[]'::jsonb NOT NULL;