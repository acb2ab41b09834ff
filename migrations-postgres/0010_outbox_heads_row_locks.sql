-- Several processes write the outbox at once: a message queued while its destination's head is being
-- marked sending must not be lost. The insert locks the destination's head row (ON CONFLICT DO UPDATE
-- locks the row it meets even when its WHERE is false), so an update recomputing that head waits for the
-- insert to commit and, reading afresh, finds the new message; a head being replaced makes the insert wait.
CREATE OR REPLACE FUNCTION outbox_heads_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO outbox_heads (lane, outbox_id, next_attempt_at)
		VALUES (coalesce(NEW.chat_id, -NEW.user_id, 0), NEW.id, NEW.next_attempt_at)
		ON CONFLICT (lane) DO UPDATE SET outbox_id = outbox_heads.outbox_id WHERE false;
	RETURN NULL;
END;
$$;
