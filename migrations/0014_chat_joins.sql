CREATE TABLE `chat_joins` (
	`update_key` integer PRIMARY KEY NOT NULL,
	`chat_id` integer NOT NULL,
	`is_return` integer NOT NULL,
	`away_from` integer,
	`had_specialist` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
