CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`source` text NOT NULL,
	`requested_at` integer NOT NULL,
	`score` integer,
	`rated_at` integer,
	`comment` text,
	`commented_at` integer,
	`message_chat_id` integer,
	`message_id` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_source` ON `ratings` (`chat_id`,`source`);--> statement-breakpoint
CREATE INDEX `ratings_chat` ON `ratings` (`chat_id`,`requested_at`);--> statement-breakpoint
ALTER TABLE `client_nominations` ADD `role` text DEFAULT 'client' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `edit_of` integer;--> statement-breakpoint
ALTER TABLE `response_windows` ADD `dismissed_at` integer;--> statement-breakpoint
ALTER TABLE `response_windows` ADD `dismissed_by` integer;--> statement-breakpoint
ALTER TABLE `response_windows` ADD `dismiss_reason` text;