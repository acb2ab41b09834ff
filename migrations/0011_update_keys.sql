-- Existing updates keep their update_id as their key (hand-edited: the generated copy selected a column the old table lacks).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_inbox_updates` (
	`key` integer PRIMARY KEY NOT NULL,
	`update_id` integer NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`error` text
);
--> statement-breakpoint
INSERT INTO `__new_inbox_updates`("key", "update_id", "payload", "received_at", "state", "error") SELECT "update_id", "update_id", "payload", "received_at", "state", "error" FROM `inbox_updates`;--> statement-breakpoint
DROP TABLE `inbox_updates`;--> statement-breakpoint
ALTER TABLE `__new_inbox_updates` RENAME TO `inbox_updates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `inbox_updates_state` ON `inbox_updates` (`state`,`key`);--> statement-breakpoint
CREATE INDEX `inbox_updates_update_id` ON `inbox_updates` (`update_id`);