CREATE TABLE "dossiers"."register_books" (
	"agency_code" text NOT NULL,
	"year" integer NOT NULL,
	"book" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "register_books_agency_code_year_pk" PRIMARY KEY("agency_code","year")
);
--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "register_agency_code" text;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "register_year" integer;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "register_book" text;--> statement-breakpoint
ALTER TABLE "dossiers"."dossiers" ADD COLUMN "register_entry" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_register_entry_idx" ON "dossiers"."dossiers" USING btree ("register_agency_code","register_year","register_entry") WHERE register_entry is not null;