CREATE TABLE `client_nominations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`nominated_by` integer NOT NULL,
	`nominated_at` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `client_nominations_chat` ON `client_nominations` (`chat_id`,`state`);--> statement-breakpoint
CREATE TABLE `people` (
	`chat_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text,
	`username` text,
	`is_bot` integer DEFAULT false NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `user_id`),
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_username` ON `people` (`chat_id`,`username`);--> statement-breakpoint
CREATE TABLE `regulation_versions` (
	`chat_id` integer NOT NULL,
	`version` integer NOT NULL,
	`settings` text NOT NULL,
	`changed_by` integer,
	`in_force_from` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `version`),
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
