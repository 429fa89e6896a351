CREATE INDEX "speeches_meeting_idx" ON "meetings"."speeches" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "votes_meeting_idx" ON "meetings"."votes" USING btree ("meeting_id");