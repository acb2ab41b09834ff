DROP INDEX "response_windows_awaiting";--> statement-breakpoint
CREATE INDEX "obligations_kind_state" ON "obligations" USING btree ("chat_id","kind","state","business_days_late");--> statement-breakpoint
CREATE INDEX "response_windows_awaiting" ON "response_windows" USING btree ("chat_id") WHERE "response_windows"."answered_at" IS NULL AND "response_windows"."dismissed_at" IS NULL;