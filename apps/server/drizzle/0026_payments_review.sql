-- A payment in review (the gateway neither paid nor failed it: VNPAY 04, 07) blocks another attempt like a pending one.
DROP INDEX "payments"."payments_one_live_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_live_idx" ON "payments"."payments" USING btree ("obligation_id") WHERE status in ('pending', 'paid', 'review');