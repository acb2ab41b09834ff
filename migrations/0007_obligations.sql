CREATE TABLE `obligations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`kind` text NOT NULL,
	`number` integer NOT NULL,
	`description` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`source_message_id` integer,
	`due_at` integer NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`closed_by` integer,
	`business_days_late` integer,
	`overdue_notified_at` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `obligations_number` ON `obligations` (`chat_id`,`kind`,`number`);--> statement-breakpoint
CREATE INDEX `obligations_open` ON `obligations` (`chat_id`,`state`);