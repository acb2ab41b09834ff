CREATE TABLE `work_pauses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`cause_obligation_id` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cause_obligation_id`) REFERENCES `obligations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_pauses_cause` ON `work_pauses` (`cause_obligation_id`);--> statement-breakpoint
CREATE INDEX `work_pauses_chat` ON `work_pauses` (`chat_id`,`start_at`);--> statement-breakpoint
ALTER TABLE `obligations` ADD `estimate_reason` text;--> statement-breakpoint
ALTER TABLE `obligations` ADD `delivered_at` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `delivered_by` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `confirmed_by` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `minutes` text;--> statement-breakpoint
ALTER TABLE `obligations` ADD `minutes_by` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `minutes_at` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `minutes_state` text;--> statement-breakpoint
ALTER TABLE `obligations` ADD `shifted_at` integer;--> statement-breakpoint
CREATE INDEX `obligations_due` ON `obligations` (`chat_id`,`kind`,`due_at`);