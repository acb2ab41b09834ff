import { and, desc, eq, sql } from "drizzle-orm";
import type { Orm } from "./database.js";
import { people } from "./schema.js";

export type Person = typeof people.$inferSelect;

/** People regbot has seen in each chat (kept up to date at ingest). */
export class PeopleRepository {
  /** Every name regbot writes is looked up here, so prepared once. */
  private readonly byUserId;

  constructor(private readonly orm: Orm) {
    this.byUserId = orm
      .select()
      .from(people)
      .where(and(eq(people.chatId, sql.placeholder("chatId")), eq(people.userId, sql.placeholder("userId"))))
      .prepare();
  }

  async find(chatId: number, userId: number): Promise<Person | undefined> {
    return this.byUserId.get({ chatId, userId });
  }

  /**
   * Telegram cannot look up an @username for a bot, so only people seen in the chat resolve. A
   * username passes from one person to another, so several may have been seen with it: the one
   * seen most recently holds it, and `sharedBy` says how many there were.
   */
  async findByUsername(chatId: number, username: string): Promise<{ person: Person; sharedBy: number } | undefined> {
    const seen = this.orm
      .select()
      .from(people)
      .where(
        and(eq(people.chatId, chatId), sql`lower(${people.username}) = ${username.replace(/^@/, "").toLowerCase()}`),
      )
      .orderBy(desc(people.lastSeenAt), desc(sql`rowid`))
      .all();
    return seen[0] === undefined ? undefined : { person: seen[0], sharedBy: seen.length };
  }
}
