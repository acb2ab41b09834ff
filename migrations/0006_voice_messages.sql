CREATE TABLE `voice_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`sender_id` integer NOT NULL,
	`sent_at` integer NOT NULL,
	`duration` integer NOT NULL,
	`media_type` text NOT NULL,
	`burst_message_id` integer NOT NULL,
	`nudged` integer DEFAULT false NOT NULL,
	`transcribed_at` integer,
	`transcript_source` text,
	`transcript_message_id` integer,
	`transcript_event_seq` integer,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voice_messages_message` ON `voice_messages` (`chat_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `voice_messages_sender` ON `voice_messages` (`chat_id`,`sender_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `voice_messages_pending` ON `voice_messages` (`chat_id`,`transcribed_at`);