import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { ResponseWindow } from "../window-repository.js";
import type { PostgresSession } from "./session.js";
import { events, responseWindows } from "./schema.js";

/** Response windows as `WindowRepository` reads them on SQLite. */
export class PostgresWindowReader {
  constructor(private readonly session: PostgresSession) {}

  /** Windows opened in [from, to), for statistics (optionally only those one person answered). */
  async openedBetween(chatId: number, from: number, to: number, answeredBy?: number): Promise<ResponseWindow[]> {
    return this.session.queries
      .select()
      .from(responseWindows)
      .where(
        and(
          eq(responseWindows.chatId, chatId),
          gte(responseWindows.openedAt, from),
          lt(responseWindows.openedAt, to),
          answeredBy === undefined ? undefined : eq(responseWindows.answeredBy, answeredBy),
        ),
      )
      .orderBy(responseWindows.openedAt, responseWindows.id);
  }

  /** How many of these windows reached the manager: each escalation is logged once, as `window:<id>:escalated`. */
  async escalatedCount(chatId: number, windowIds: readonly number[]): Promise<number> {
    if (windowIds.length === 0) return 0;
    const sources = windowIds.map((id) => `window:${id}:escalated`);
    // One array parameter, however many windows: a list of parameters would stop at 65,535.
    const [row] = await this.session.queries
      .select({ escalated: count() })
      .from(events)
      .where(and(eq(events.chatId, chatId), sql`${events.source} = any(${sql.param(sources)}::text[])`));
    return row?.escalated ?? 0;
  }
}
