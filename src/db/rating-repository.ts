import { and, asc, avg, count, desc, eq, gt, gte, isNotNull, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { EventDraft } from "../domain/correspondence.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import type { Orm } from "./database.js";
import type { OutboxRepository, OutgoingMessage } from "./outbox-repository.js";
import { activeChatsWithoutPendingJob } from "./pending-jobs.js";
import { jobs, ratings } from "./schema.js";

export type Rating = typeof ratings.$inferSelect;

/** Each chat's recurring job that asks its client contact for the month's rating. */
export const MONTHLY_RATING_JOB = "rating-monthly";
const monthlyRatingKey = (chatId: number) => `${MONTHLY_RATING_JOB}:${chatId}`;

/** The client contact's ratings of the work; every request, score and comment is also in the chat's log. */
export class RatingRepository {
  /** Read by every status and digest (10,000 in one tick), so prepared once. */
  private readonly statements;

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
    private readonly outbox: OutboxRepository,
  ) {
    const inChat = eq(ratings.chatId, sql.placeholder("chatId"));
    this.statements = {
      averageBetween: orm
        .select({ average: avg(ratings.score), count: count() })
        .from(ratings)
        .where(
          and(
            inChat,
            isNotNull(ratings.score),
            gte(ratings.ratedAt, sql.placeholder("from")),
            lt(ratings.ratedAt, sql.placeholder("to")),
          ),
        )
        .prepare(),
      latest: orm
        .select()
        .from(ratings)
        .where(and(inChat, isNotNull(ratings.score), gt(ratings.score, 0)))
        .orderBy(desc(ratings.ratedAt))
        .limit(1)
        .prepare(),
      // Every chat at the first start after an upgrade.
      scheduleMonthly: orm
        .insert(jobs)
        .values({
          kind: MONTHLY_RATING_JOB,
          dedupeKey: sql.placeholder("dedupeKey"),
          chatId: sql.placeholder("chatId"),
          dueAt: sql.placeholder("dueAt"),
          payload: "{}",
        })
        .onConflictDoUpdate({
          target: jobs.dedupeKey,
          // drizzle binds a placeholder in `set` through the column's encoder, but its types do not admit one (drizzle-orm#2110).
          set: { dueAt: sql.placeholder("dueAt") as never, state: "pending", attempts: 0, lastError: null },
          setWhere: notInArray(jobs.state, ["pending", "running", "held"]),
        })
        .prepare(),
    };
  }

  /**
   * Asks once per occasion (`source`) and at most once since `notBefore` in the chat: the request,
   * its event and its message in one transaction. Undefined when not asked.
   */
  async request(
    asked: { chatId: number; userId: number; source: string; at: number; notBefore: number },
    record: (ratingId: number) => EventDraft,
    message: (ratingId: number) => OutgoingMessage,
  ): Promise<Rating | undefined> {
    return this.orm.transaction((tx) => {
      const recent = tx
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.chatId, asked.chatId), gte(ratings.requestedAt, asked.notBefore)))
        .get();
      const same = tx
        .select({ id: ratings.id })
        .from(ratings)
        .where(and(eq(ratings.chatId, asked.chatId), eq(ratings.source, asked.source)))
        .get();
      if (recent !== undefined || same !== undefined) return undefined;
      const rating = tx
        .insert(ratings)
        .values({ chatId: asked.chatId, userId: asked.userId, source: asked.source, requestedAt: asked.at })
        .returning()
        .get();
      this.correspondence.appendWithin(tx, [record(rating.id)], asked.at);
      this.outbox.enqueueWithin(tx, [message(rating.id)], asked.at);
      return rating;
    });
  }

  async find(ratingId: number): Promise<Rating | undefined> {
    return this.orm.select().from(ratings).where(eq(ratings.id, ratingId)).get();
  }

  /** The first score given stands, logged and told (`messages`) with it; false when the request was already rated. */
  async rate(
    ratingId: number,
    score: { score: number; at: number; messageChatId: number; messageId: number },
    record: EventDraft,
    messages: readonly OutgoingMessage[],
  ): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(ratings)
        .set({ score: score.score, ratedAt: score.at, messageChatId: score.messageChatId, messageId: score.messageId })
        .where(and(eq(ratings.id, ratingId), isNull(ratings.score)))
        .run().changes;
      if (changed > 0) {
        this.correspondence.appendWithin(tx, [record], score.at);
        this.outbox.enqueueWithin(tx, messages, score.at);
      }
      return changed > 0;
    });
  }

  /** The rated request a reply to this message comments on, if it has no comment yet. */
  async awaitingComment(messageChatId: number, messageId: number): Promise<Rating | undefined> {
    return this.orm
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
      .get();
  }

  /** In a private chat (whose id is the person's), the rating given there lately that still has no comment. */
  async commentAwaitedInPrivate(userId: number, ratedSince: number): Promise<Rating | undefined> {
    return this.orm
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
      .get();
  }

  /** The first comment stands, logged and told (`messages`) with it; false when the rating already has one. */
  async comment(
    ratingId: number,
    comment: { text: string; at: number },
    record: EventDraft,
    messages: readonly OutgoingMessage[],
  ): Promise<boolean> {
    return this.orm.transaction((tx) => {
      const changed = tx
        .update(ratings)
        .set({ comment: comment.text, commentedAt: comment.at })
        .where(and(eq(ratings.id, ratingId), isNull(ratings.comment)))
        .run().changes;
      if (changed > 0) {
        this.correspondence.appendWithin(tx, [record], comment.at);
        this.outbox.enqueueWithin(tx, messages, comment.at);
      }
      return changed > 0;
    });
  }

  /** The average score of ratings given in [from, to), with how many; undefined when none. */
  async averageBetween(
    chatId: number,
    from: number,
    to: number,
  ): Promise<{ average: number; count: number } | undefined> {
    const row = this.statements.averageBetween.get({ chatId, from, to });
    return row === undefined || row.count === 0
      ? undefined
      : { average: Math.round(Number(row.average) * 10) / 10, count: row.count };
  }

  /** The ratings given in [from, to), oldest first. */
  async ratedBetween(chatId: number, from: number, to: number): Promise<Rating[]> {
    return this.orm
      .select()
      .from(ratings)
      .where(
        and(eq(ratings.chatId, chatId), isNotNull(ratings.score), gte(ratings.ratedAt, from), lt(ratings.ratedAt, to)),
      )
      .orderBy(asc(ratings.ratedAt))
      .all();
  }

  /** The latest rating given in the chat. */
  async latest(chatId: number): Promise<Rating | undefined> {
    return this.statements.latest.get({ chatId });
  }

  /** The chat's monthly ask at `dueAt`, reviving a finished one; one pending or running keeps its time. */
  async scheduleMonthly(chatId: number, dueAt: number): Promise<void> {
    this.statements.scheduleMonthly.run({ chatId, dedupeKey: monthlyRatingKey(chatId), dueAt });
  }

  /** Active chats without a monthly ask pending: joined before ratings existed, or revived. */
  async activeChatsWithoutMonthly(): Promise<number[]> {
    return activeChatsWithoutPendingJob(this.orm, MONTHLY_RATING_JOB);
  }
}
