ALTER TABLE `client_nominations` ADD `source` text;--> statement-breakpoint
CREATE UNIQUE INDEX `client_nominations_source` ON `client_nominations` (`chat_id`,`source`);