ALTER TABLE "dossiers"."dossiers" ADD COLUMN "receiving_agency_code" text;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "result_at_receiving" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "applicant_phone" text;--> statement-breakpoint
CREATE INDEX "dossiers_receiving_idx" ON "dossiers"."dossiers" USING btree ("receiving_agency_code","received_at") WHERE receiving_agency_code is not null;