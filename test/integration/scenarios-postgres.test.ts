/*
 * Scenarios written for SQLite, run on PostgreSQL: regbot started with DATABASE_URL on a fresh
 * database for each, the same fake Telegram and the same expectations. Only scenarios that read
 * nothing through `harness.query` (SQLite's SQL) are imported.
 */
import { postgresDatabase, runScenariosOn } from "../support/harness.js";

runScenariosOn(postgresDatabase);
await import("./quoting.test.js");
await import("./chats-for-observers.test.js");
await import("./counts-in-chat.test.js");
await import("./secrets-in-logs.test.js");
