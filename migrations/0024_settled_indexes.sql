CREATE INDEX `obligations_closed` ON `obligations` (`chat_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `obligations_delivered` ON `obligations` (`chat_id`,`delivered_at`);