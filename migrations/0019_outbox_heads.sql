CREATE TABLE `outbox_heads` (
	`lane` integer PRIMARY KEY NOT NULL,
	`outbox_id` integer NOT NULL,
	`next_attempt_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_heads_next` ON `outbox_heads` (`next_attempt_at`,`outbox_id`);--> statement-breakpoint
CREATE INDEX `outbox_pending_lane` ON `outbox` (coalesce("chat_id", -"user_id", 0),`id`) WHERE "outbox"."state" = 'pending';--> statement-breakpoint
INSERT INTO `outbox_heads` (`lane`, `outbox_id`, `next_attempt_at`)
	SELECT coalesce(`chat_id`, -`user_id`, 0), `id`, `next_attempt_at` FROM `outbox`
	WHERE `id` IN (SELECT min(`id`) FROM `outbox` WHERE `state` = 'pending' GROUP BY coalesce(`chat_id`, -`user_id`, 0));--> statement-breakpoint
-- A new message is its destination's head only when nothing else there waits (ids only grow).
CREATE TRIGGER `outbox_heads_on_insert` AFTER INSERT ON `outbox` WHEN new.`state` = 'pending'
BEGIN
	INSERT OR IGNORE INTO `outbox_heads` (`lane`, `outbox_id`, `next_attempt_at`)
		VALUES (coalesce(new.`chat_id`, -new.`user_id`, 0), new.`id`, new.`next_attempt_at`);
END;--> statement-breakpoint
-- A message leaving or rejoining the queue, or moved in time: its destination's head is found again by index.
CREATE TRIGGER `outbox_heads_on_update` AFTER UPDATE OF `state`, `next_attempt_at`, `chat_id`, `user_id` ON `outbox`
	WHEN old.`state` = 'pending' OR new.`state` = 'pending'
BEGIN
	DELETE FROM `outbox_heads` WHERE `lane` IN (coalesce(old.`chat_id`, -old.`user_id`, 0), coalesce(new.`chat_id`, -new.`user_id`, 0));
	INSERT OR REPLACE INTO `outbox_heads` (`lane`, `outbox_id`, `next_attempt_at`)
		SELECT coalesce(`chat_id`, -`user_id`, 0), `id`, `next_attempt_at` FROM `outbox`
		WHERE `id` IN (
			(SELECT min(`id`) FROM `outbox` WHERE `state` = 'pending' AND coalesce(`chat_id`, -`user_id`, 0) = coalesce(old.`chat_id`, -old.`user_id`, 0)),
			(SELECT min(`id`) FROM `outbox` WHERE `state` = 'pending' AND coalesce(`chat_id`, -`user_id`, 0) = coalesce(new.`chat_id`, -new.`user_id`, 0))
		);
END;--> statement-breakpoint
CREATE TRIGGER `outbox_heads_on_delete` AFTER DELETE ON `outbox` WHEN old.`state` = 'pending'
BEGIN
	DELETE FROM `outbox_heads` WHERE `lane` = coalesce(old.`chat_id`, -old.`user_id`, 0);
	INSERT INTO `outbox_heads` (`lane`, `outbox_id`, `next_attempt_at`)
		SELECT coalesce(`chat_id`, -`user_id`, 0), `id`, `next_attempt_at` FROM `outbox`
		WHERE `id` = (SELECT min(`id`) FROM `outbox` WHERE `state` = 'pending' AND coalesce(`chat_id`, -`user_id`, 0) = coalesce(old.`chat_id`, -old.`user_id`, 0));
END;
