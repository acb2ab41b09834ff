/*
 * Scenarios written for SQLite, run on PostgreSQL: regbot started with DATABASE_URL on a fresh
 * database for each, the same fake Telegram and the same expectations. Only scenarios that read
 * nothing through `harness.query` (SQLite's SQL) are imported. `quoting.test.ts` waits for a fix
 * of the `outbox_heads` triggers (migration 0004): a message queued while its lane's head is
 * being marked sending is left without a head, which that scenario hits about one run in three.
 */
import { postgresDatabase, runScenariosOn } from "../support/harness.js";

runScenariosOn(postgresDatabase);
await import("./chats-for-observers.test.js");
await import("./counts-in-chat.test.js");
await import("./secrets-in-logs.test.js");
