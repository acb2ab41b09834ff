import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { askedQuestion, type AskedQuestion } from "../../domain/status/answer-series.js";
import type { PostgresSession } from "./session.js";
import { events, responseWindows } from "./schema.js";

/** Response windows as `WindowRepository` reads them on SQLite. */
export class PostgresWindowReader {
  constructor(private readonly session: PostgresSession) {}

  /** The questions of windows opened in [from, to), as the statistics count them. */
  async questionsBetween(chatId: number, from: number, to: number): Promise<AskedQuestion[]> {
    const rows = await this.session.queries
      .select({
        askedAt: responseWindows.openedAt,
        dueAt: responseWindows.dueAt,
        answeredAt: responseWindows.answeredAt,
        businessMinutes: responseWindows.businessMinutes,
        dismissedAt: responseWindows.dismissedAt,
      })
      .from(responseWindows)
      .where(this.openedBetween(chatId, from, to))
      .orderBy(responseWindows.openedAt, responseWindows.id);
    return rows.map(({ askedAt, dueAt, answeredAt, businessMinutes, dismissedAt }) =>
      askedQuestion(askedAt, dueAt, answeredAt, businessMinutes, dismissedAt),
    );
  }

  /** How many of the windows opened in [from, to) reached the manager: each escalation is logged once, as `window:<id>:escalated`. */
  async escalatedBetween(chatId: number, from: number, to: number): Promise<number> {
    const [row] = await this.session.queries
      .select({ escalated: count() })
      .from(responseWindows)
      .innerJoin(
        events,
        and(
          eq(events.chatId, responseWindows.chatId),
          eq(events.source, sql`'window:' || ${responseWindows.id} || ':escalated'`),
        ),
      )
      .where(this.openedBetween(chatId, from, to));
    return row?.escalated ?? 0;
  }

  private openedBetween(chatId: number, from: number, to: number) {
    return and(
      eq(responseWindows.chatId, chatId),
      gte(responseWindows.openedAt, from),
      lt(responseWindows.openedAt, to),
    );
  }
}
