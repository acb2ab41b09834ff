-- The correspondence log is evidence: no code path may change or remove an event (as in SQLite's 0001).
CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: record a correction as a new event';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION events_reject_change();
--> statement-breakpoint
CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_reject_change();
--> statement-breakpoint
-- TRUNCATE skips row triggers, and SQLite has no TRUNCATE to guard.
CREATE TRIGGER events_reject_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
