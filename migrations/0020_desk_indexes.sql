DROP INDEX `obligations_open`;--> statement-breakpoint
CREATE INDEX `obligations_open` ON `obligations` (`chat_id`,`state`,`kind`,`due_at`,`confirmed_at`);--> statement-breakpoint
CREATE INDEX `chat_roles_user` ON `chat_roles` (`user_id`);