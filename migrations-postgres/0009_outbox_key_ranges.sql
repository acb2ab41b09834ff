-- Ranges of dedupe keys (an update's replies, a window's alerts) are compared byte by byte, as on SQLite,
-- whatever the database's collation: `(dedupe_key COLLATE "C")` in the outbox repository finds them by this index.
CREATE INDEX "outbox_dedupe_key_bytes" ON "outbox" ("dedupe_key" COLLATE "C");
