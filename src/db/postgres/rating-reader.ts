import { and, asc, eq, gte, isNotNull, lt } from "drizzle-orm";
import type { Rating } from "../rating-repository.js";
import type { PostgresSession } from "./session.js";
import { ratings } from "./schema.js";

/** The client contact's ratings as `RatingRepository` reads them on SQLite. */
export class PostgresRatingReader {
  constructor(private readonly session: PostgresSession) {}

  /** The ratings given in [from, to), oldest first. */
  async ratedBetween(chatId: number, from: number, to: number): Promise<Rating[]> {
    return this.session.queries
      .select()
      .from(ratings)
      .where(
        and(eq(ratings.chatId, chatId), isNotNull(ratings.score), gte(ratings.ratedAt, from), lt(ratings.ratedAt, to)),
      )
      .orderBy(asc(ratings.ratedAt), asc(ratings.id));
  }
}
