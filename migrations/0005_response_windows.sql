CREATE TABLE `response_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`opened_by_message_id` integer NOT NULL,
	`regulation_version` integer NOT NULL,
	`due_at` integer NOT NULL,
	`warn_at` integer,
	`state` text DEFAULT 'open' NOT NULL,
	`answered_at` integer,
	`answered_by` integer,
	`answer_message_id` integer,
	`business_minutes` real,
	`breached_at` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_windows_chat` ON `response_windows` (`chat_id`,`state`);--> statement-breakpoint
CREATE INDEX `response_windows_opened` ON `response_windows` (`chat_id`,`opened_at`);