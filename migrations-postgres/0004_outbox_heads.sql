CREATE TABLE "outbox_heads" (
	"lane" bigint PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"next_attempt_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_heads_next" ON "outbox_heads" USING btree ("next_attempt_at","outbox_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_lane" ON "outbox" USING btree (coalesce("chat_id", -"user_id", 0),"id") WHERE "outbox"."state" = 'pending';--> statement-breakpoint
INSERT INTO "outbox_heads" ("lane", "outbox_id", "next_attempt_at")
	SELECT coalesce("chat_id", -"user_id", 0), "id", "next_attempt_at" FROM "outbox"
	WHERE "id" IN (SELECT min("id") FROM "outbox" WHERE "state" = 'pending' GROUP BY coalesce("chat_id", -"user_id", 0));--> statement-breakpoint
-- The triggers of SQLite's 0019, in PL/pgSQL. A new message is its destination's head only when nothing else there waits (ids only grow).
CREATE FUNCTION outbox_heads_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO outbox_heads (lane, outbox_id, next_attempt_at)
		VALUES (coalesce(NEW.chat_id, -NEW.user_id, 0), NEW.id, NEW.next_attempt_at)
		ON CONFLICT (lane) DO NOTHING;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER outbox_heads_on_insert AFTER INSERT ON outbox
	FOR EACH ROW WHEN (NEW.state = 'pending') EXECUTE FUNCTION outbox_heads_on_insert();--> statement-breakpoint
-- A message leaving or rejoining the queue, or moved in time: its destination's head is found again by index.
CREATE FUNCTION outbox_heads_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM outbox_heads WHERE lane IN (coalesce(OLD.chat_id, -OLD.user_id, 0), coalesce(NEW.chat_id, -NEW.user_id, 0));
	INSERT INTO outbox_heads (lane, outbox_id, next_attempt_at)
		SELECT coalesce(chat_id, -user_id, 0), id, next_attempt_at FROM outbox
		WHERE id IN (
			(SELECT min(id) FROM outbox WHERE state = 'pending' AND coalesce(chat_id, -user_id, 0) = coalesce(OLD.chat_id, -OLD.user_id, 0)),
			(SELECT min(id) FROM outbox WHERE state = 'pending' AND coalesce(chat_id, -user_id, 0) = coalesce(NEW.chat_id, -NEW.user_id, 0))
		)
		ON CONFLICT (lane) DO UPDATE SET outbox_id = EXCLUDED.outbox_id, next_attempt_at = EXCLUDED.next_attempt_at;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER outbox_heads_on_update AFTER UPDATE OF state, next_attempt_at, chat_id, user_id ON outbox
	FOR EACH ROW WHEN (OLD.state = 'pending' OR NEW.state = 'pending') EXECUTE FUNCTION outbox_heads_on_update();--> statement-breakpoint
CREATE FUNCTION outbox_heads_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM outbox_heads WHERE lane = coalesce(OLD.chat_id, -OLD.user_id, 0);
	INSERT INTO outbox_heads (lane, outbox_id, next_attempt_at)
		SELECT coalesce(chat_id, -user_id, 0), id, next_attempt_at FROM outbox
		WHERE id = (SELECT min(id) FROM outbox WHERE state = 'pending' AND coalesce(chat_id, -user_id, 0) = coalesce(OLD.chat_id, -OLD.user_id, 0));
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER outbox_heads_on_delete AFTER DELETE ON outbox
	FOR EACH ROW WHEN (OLD.state = 'pending') EXECUTE FUNCTION outbox_heads_on_delete();
