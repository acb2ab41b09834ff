CREATE TABLE `direct_replies` (
	`update_key` integer NOT NULL,
	`method` text NOT NULL,
	`seq` integer NOT NULL,
	`result` text NOT NULL,
	`said_at` integer NOT NULL,
	PRIMARY KEY(`update_key`, `method`, `seq`)
);
--> statement-breakpoint
ALTER TABLE `conversation_states` ADD `update_key` integer;