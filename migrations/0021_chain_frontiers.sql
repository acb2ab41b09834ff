CREATE TABLE `chain_frontiers` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`subtrees` blob NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
