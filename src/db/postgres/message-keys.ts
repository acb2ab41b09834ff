import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { events, outbox } from "./schema.js";
import type { PostgresQueries } from "./session.js";

/*
 * SQLite finds keys by prefix with ranges (`>= 'checkpoint:' and < 'checkpoint;'`), which hold
 * under its byte order. PostgreSQL compares text in the database's collation, where ';' may sort
 * before ':' (ICU's root does), so the same range would miss keys: here prefixes are compared
 * byte for byte, and a split message's parts are looked up by their exact keys.
 */

/** `column` begins with `prefix`, byte for byte, whatever the database's collation. */
export function startsWith(column: PgColumn, prefix: string): SQL {
  return sql`starts_with(${column}, ${prefix})`;
}

const CHECKPOINT_SOURCE_PREFIX = "checkpoint:";

/** A chat's checkpoint events (SQLite's `checkpointEventsOf`). */
export function checkpointEventsOf(chatId: number): SQL {
  return and(eq(events.chatId, chatId), startsWith(events.source, CHECKPOINT_SOURCE_PREFIX))!;
}

export interface MessagePart {
  id: number;
  key: string | null;
  state: (typeof outbox.$inferSelect)["state"];
  payload: string;
  telegramMessageId: number | null;
}

/** Parts looked up per statement: a split message has a few. */
const PARTS_PER_LOOKUP = 16;

/**
 * The outbox rows of a message (SQLite's `messagePartsOf`), oldest first: the one keyed `key`, and
 * the parts `<key>#1`, `<key>#2`… of a split one, found by the unique key's index a batch at a
 * time (a split enqueues every part at once, numbered from 1 without a gap).
 */
export async function messageParts(queries: PostgresQueries, chatId: number, key: string): Promise<MessagePart[]> {
  const found: MessagePart[] = [];
  for (let first = 0; ; first += PARTS_PER_LOOKUP) {
    const keys = Array.from({ length: PARTS_PER_LOOKUP }, (_, index) =>
      first + index === 0 ? key : `${key}#${first + index}`,
    );
    const rows = await queries
      .select({
        id: outbox.id,
        key: outbox.dedupeKey,
        state: outbox.state,
        payload: outbox.payload,
        telegramMessageId: outbox.telegramMessageId,
      })
      .from(outbox)
      .where(and(eq(outbox.chatId, chatId), inArray(outbox.dedupeKey, keys)));
    found.push(...rows);
    if (!rows.some((row) => row.key === keys.at(-1))) break;
  }
  return found.sort((one, other) => one.id - other.id);
}
