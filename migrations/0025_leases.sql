ALTER TABLE `jobs` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claimed_until` integer;