-- The correspondence log is evidence: no code path may change or remove an event.
CREATE TRIGGER `events_reject_update` BEFORE UPDATE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: record a correction as a new event');
END;
--> statement-breakpoint
CREATE TRIGGER `events_reject_delete` BEFORE DELETE ON `events`
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: record a correction as a new event');
END;
