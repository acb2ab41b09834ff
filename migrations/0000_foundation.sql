CREATE TABLE `chat_roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`since` integer NOT NULL,
	`until` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chat_roles_chat` ON `chat_roles` (`chat_id`,`role`);--> statement-breakpoint
CREATE TABLE `chat_telegram_ids` (
	`telegram_chat_id` integer PRIMARY KEY NOT NULL,
	`chat_id` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `chats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`telegram_chat_id` integer NOT NULL,
	`type` text NOT NULL,
	`title` text,
	`is_forum` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`language` text,
	`sees_all_messages` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chats_telegram_chat_id_unique` ON `chats` (`telegram_chat_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`chat_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`line` text NOT NULL,
	`received_at` integer NOT NULL,
	`telegram_date` integer,
	`sender_id` integer,
	`message_id` integer,
	`text` text,
	`reply_to_message_id` integer,
	`thread_id` integer,
	`forward_origin` text,
	`media_type` text,
	`file_id` text,
	`file_unique_id` text,
	`file_name` text,
	`mime_type` text,
	`file_size` integer,
	`duration` integer,
	PRIMARY KEY(`chat_id`, `seq`),
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_source` ON `events` (`chat_id`,`source`);--> statement-breakpoint
CREATE INDEX `events_message` ON `events` (`chat_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `inbox_updates` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `inbox_updates_state` ON `inbox_updates` (`state`,`update_id`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`stopped_at` integer,
	`last_telegram_contact_at` integer
);
