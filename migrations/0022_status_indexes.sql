DROP INDEX `response_windows_awaiting`;--> statement-breakpoint
CREATE INDEX `response_windows_awaiting` ON `response_windows` (`chat_id`) WHERE "response_windows"."answered_at" IS NULL AND "response_windows"."dismissed_at" IS NULL;--> statement-breakpoint
CREATE INDEX `obligations_kind_state` ON `obligations` (`chat_id`,`kind`,`state`,`business_days_late`);