ALTER TABLE `obligations` ADD `missed_side` text;--> statement-breakpoint
ALTER TABLE `obligations` ADD `missed_reported_by` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `missed_reported_at` integer;--> statement-breakpoint
ALTER TABLE `obligations` ADD `missed_state` text;