import { and, asc, avg, count, desc, eq, gt, gte, isNotNull, isNull, lt, notInArray } from "drizzle-orm";
import type { EventDraft } from "../../domain/correspondence.js";
import type { OutgoingMessage } from "../outbox-repository.js";
import { MONTHLY_RATING_JOB, type Rating, type RatingRepository } from "../rating-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { ChainAppender, OutboxWriter } from "./collaborators.js";
import { chatChainLock } from "./correspondence-repository.js";
import { activeChatsWithoutPendingJob } from "./pending-jobs.js";
import { jobs, ratings } from "./schema.js";
import type { PostgresSession } from "./session.js";

const monthlyRatingKey = (chatId: number) => `${MONTHLY_RATING_JOB}:${chatId}`;

/** `RatingRepository` on PostgreSQL: the client contact's ratings, each request, score and comment also logged. */
export class PostgresRatingRepository implements RepositoryPort<RatingRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Asks once per occasion (`source`) and at most once since `notBefore` in the chat: the request,
   * its event and its message in one transaction. Undefined when not asked.
   */
  async request(
    asked: { chatId: number; userId: number; source: string; at: number; notBefore: number },
    record: (ratingId: number) => EventDraft,
    message: (ratingId: number) => OutgoingMessage,
  ): Promise<Rating | undefined> {
    return this.session.transaction(async () => {
      // "At most once since" is a read before the insert: two processes asking at once take turns
      // on the chat's lock (the one the request's event takes anyway), so the second sees the first.
      await this.session.lockUntilCommit(chatChainLock(asked.chatId));
      const queries = this.session.queries;
      const [recent] = await queries
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.chatId, asked.chatId), gte(ratings.requestedAt, asked.notBefore)))
        .limit(1);
      const [same] = await queries
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.chatId, asked.chatId), eq(ratings.source, asked.source)))
        .limit(1);
      if (recent !== undefined || same !== undefined) return undefined;
      const [rating] = await queries
        .insert(ratings)
        .values({ chatId: asked.chatId, userId: asked.userId, source: asked.source, requestedAt: asked.at })
        .returning();
      await this.chain.appendInTransaction([record(rating!.id)], asked.at);
      await this.outbox.enqueueInTransaction([message(rating!.id)], asked.at);
      return rating;
    });
  }

  async find(ratingId: number): Promise<Rating | undefined> {
    const [rating] = await this.session.queries.select().from(ratings).where(eq(ratings.id, ratingId));
    return rating;
  }

  /** The first score given stands, logged and told (`messages`) with it; false when the request was already rated. */
  async rate(
    ratingId: number,
    score: { score: number; at: number; messageChatId: number; messageId: number },
    record: EventDraft,
    messages: readonly OutgoingMessage[],
  ): Promise<boolean> {
    return this.session.transaction(async () => {
      // The row's lock makes a second score wait, then find the score set and change nothing.
      const { rowCount } = await this.session.queries
        .update(ratings)
        .set({ score: score.score, ratedAt: score.at, messageChatId: score.messageChatId, messageId: score.messageId })
        .where(and(eq(ratings.id, ratingId), isNull(ratings.score)));
      const changed = (rowCount ?? 0) > 0;
      if (changed) {
        await this.chain.appendInTransaction([record], score.at);
        await this.outbox.enqueueInTransaction(messages, score.at);
      }
      return changed;
    });
  }

  /** The rated request a reply to this message comments on, if it has no comment yet. */
  async awaitingComment(messageChatId: number, messageId: number): Promise<Rating | undefined> {
    const [rating] = await this.session.queries
      .select()
      .from(ratings)
      .where(
        and(
          eq(ratings.messageChatId, messageChatId),
          eq(ratings.messageId, messageId),
          isNotNull(ratings.score),
          isNull(ratings.comment),
        ),
      )
      .limit(1);
    return rating;
  }

  /** In a private chat (whose id is the person's), the rating given there lately that still has no comment. */
  async commentAwaitedInPrivate(userId: number, ratedSince: number): Promise<Rating | undefined> {
    const [rating] = await this.session.queries
      .select()
      .from(ratings)
      .where(
        and(
          eq(ratings.userId, userId),
          eq(ratings.messageChatId, userId),
          gte(ratings.ratedAt, ratedSince),
          isNull(ratings.comment),
        ),
      )
      .orderBy(desc(ratings.ratedAt))
      .limit(1);
    return rating;
  }

  /** The first comment stands, logged and told (`messages`) with it; false when the rating already has one. */
  async comment(
    ratingId: number,
    comment: { text: string; at: number },
    record: EventDraft,
    messages: readonly OutgoingMessage[],
  ): Promise<boolean> {
    return this.session.transaction(async () => {
      // As with a score: the row's lock lets one comment in, the other finds it there.
      const { rowCount } = await this.session.queries
        .update(ratings)
        .set({ comment: comment.text, commentedAt: comment.at })
        .where(and(eq(ratings.id, ratingId), isNull(ratings.comment)));
      const changed = (rowCount ?? 0) > 0;
      if (changed) {
        await this.chain.appendInTransaction([record], comment.at);
        await this.outbox.enqueueInTransaction(messages, comment.at);
      }
      return changed;
    });
  }

  /** The average score of ratings given in [from, to), with how many; undefined when none. */
  async averageBetween(
    chatId: number,
    from: number,
    to: number,
  ): Promise<{ average: number; count: number } | undefined> {
    const [row] = await this.session.queries
      .select({ average: avg(ratings.score), count: count() })
      .from(ratings)
      .where(
        and(eq(ratings.chatId, chatId), isNotNull(ratings.score), gte(ratings.ratedAt, from), lt(ratings.ratedAt, to)),
      );
    return row === undefined || row.count === 0
      ? undefined
      : { average: Math.round(Number(row.average) * 10) / 10, count: row.count };
  }

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

  /** The latest rating given in the chat. */
  async latest(chatId: number): Promise<Rating | undefined> {
    const [rating] = await this.session.queries
      .select()
      .from(ratings)
      .where(and(eq(ratings.chatId, chatId), isNotNull(ratings.score), gt(ratings.score, 0)))
      .orderBy(desc(ratings.ratedAt))
      .limit(1);
    return rating;
  }

  /** The chat's monthly ask at `dueAt`, reviving a finished one; one pending or running keeps its time. */
  async scheduleMonthly(chatId: number, dueAt: number): Promise<void> {
    await this.session.queries
      .insert(jobs)
      .values({ kind: MONTHLY_RATING_JOB, dedupeKey: monthlyRatingKey(chatId), chatId, dueAt, payload: "{}" })
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: { dueAt, state: "pending", attempts: 0, lastError: null },
        setWhere: notInArray(jobs.state, ["pending", "running", "held"]),
      });
  }

  /** Active chats without a monthly ask pending: joined before ratings existed, or revived. */
  async activeChatsWithoutMonthly(): Promise<number[]> {
    return activeChatsWithoutPendingJob(this.session.queries, MONTHLY_RATING_JOB);
  }
}
