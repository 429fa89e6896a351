CREATE TABLE "reporting"."month_facts" (
	"agency_code" text NOT NULL,
	"month" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_digital_result" integer DEFAULT 0 NOT NULL,
	"with_fees" integer DEFAULT 0 NOT NULL,
	"paid_online" integer DEFAULT 0 NOT NULL,
	"docs_in" integer DEFAULT 0 NOT NULL,
	"docs_in_electronic" integer DEFAULT 0 NOT NULL,
	"docs_out" integer DEFAULT 0 NOT NULL,
	"docs_out_electronic" integer DEFAULT 0 NOT NULL,
	"docs_out_signed" integer DEFAULT 0 NOT NULL,
	"accounts" integer DEFAULT 0 NOT NULL,
	"accounts_verified" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"rating_sum" bigint DEFAULT 0 NOT NULL,
	"ratings_positive" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "month_facts_agency_code_month_pk" PRIMARY KEY("agency_code","month")
);
--> statement-breakpoint
CREATE INDEX "month_facts_month_idx" ON "reporting"."month_facts" USING btree ("month");--> statement-breakpoint
INSERT INTO "reporting"."month_facts" SELECT "agency_code", date_trunc('month', "day")::date, sum("received"), sum("received_online"), sum("resolved"), sum("resolved_on_time"), sum("resolved_digital_result"), sum("with_fees"), sum("paid_online"), sum("docs_in"), sum("docs_in_electronic"), sum("docs_out"), sum("docs_out_electronic"), sum("docs_out_signed"), sum("accounts"), sum("accounts_verified"), sum("ratings"), sum("rating_sum"), sum("ratings_positive") FROM "reporting"."day_facts" GROUP BY 1, 2;
