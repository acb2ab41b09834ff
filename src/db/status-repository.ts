import { and, eq, gte, inArray, isNull, lt, max, ne, sql } from "drizzle-orm";
import { activeChatsWithoutPendingJob } from "./pending-jobs.js";
import type { Orm } from "./database.js";
import { FOLLOWING_ROLES } from "./roles-repository.js";
import { chatRoles, chats, jobs, outbox } from "./schema.js";

export const DIGEST_JOB = "digest";

/** The recurring digest job of a chat: one per chat, whatever its schedule. */
export function digestJobKey(chatId: number): string {
  return `digest:${chatId}`;
}

/** Every scheduled digest a chat received is keyed `digest:<chat>:<due instant>`. */
export function digestMessageKey(chatId: number, dueAt: number): string {
  return `digest:${chatId}:${dueAt}`;
}

/** What the status, the digest and the report read across repositories. */
export class StatusRepository {
  /** Read for every status and digest, so prepared once. */
  private readonly statements;

  constructor(private readonly orm: Orm) {
    const digestKeys = { from: sql.placeholder("firstKey"), to: sql.placeholder("afterLastKey") };
    this.statements = {
      // A range over the unique key finds the chat's few digests by index (LIKE could not).
      lastDigestAt: orm
        .select({ at: max(outbox.createdAt) })
        .from(outbox)
        .where(
          and(
            gte(outbox.dedupeKey, digestKeys.from),
            lt(outbox.dedupeKey, digestKeys.to),
            ne(outbox.state, "cancelled"),
          ),
        )
        .prepare(),
      nextDigestAt: orm
        .select({ dueAt: jobs.dueAt })
        .from(jobs)
        .where(and(eq(jobs.dedupeKey, sql.placeholder("key")), inArray(jobs.state, ["pending", "running"])))
        .prepare(),
    };
  }

  /** When the last scheduled digest was posted in the chat (on-demand ones do not count). */
  async lastDigestAt(chatId: number): Promise<number | undefined> {
    // Keys `digest:<chat>:<instant>` sort between `digest:<chat>:` and `digest:<chat>;`.
    return (
      this.statements.lastDigestAt.get({ firstKey: `digest:${chatId}:`, afterLastKey: `digest:${chatId};` })?.at ??
      undefined
    );
  }

  /**
   * Whether the digest `id` (`w<due instant in seconds>` or `u<update key>`) went out in the chat as
   * Telegram message `telegramMessageId` (any, when not given): only a digest actually sent can be acknowledged.
   */
  async digestWasSent(chatId: number, id: string, telegramMessageId?: number): Promise<boolean> {
    const key = id.startsWith("w")
      ? digestMessageKey(chatId, Number(id.slice(1)) * 1000)
      : `update:${id.slice(1)}:digest`;
    // A digest over Telegram's length limit went out in parts, the first (`#1`) with the button.
    const sent = this.orm
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          inArray(outbox.dedupeKey, [key, `${key}#1`]),
          eq(outbox.chatId, chatId),
          eq(outbox.state, "sent"),
          telegramMessageId === undefined ? undefined : eq(outbox.telegramMessageId, telegramMessageId),
        ),
      )
      .get();
    return sent !== undefined;
  }

  /** The pending digest's due instant, if the chat has one. */
  async nextDigestAt(chatId: number): Promise<number | undefined> {
    return this.statements.nextDigestAt.get({ key: digestJobKey(chatId) })?.dueAt;
  }

  /**
   * Puts the chat's digest at `dueAt`, reviving it if it had been stopped (digest off, regbot
   * removed); a digest running right now keeps its own next time.
   */
  async scheduleDigest(chatId: number, dueAt: number): Promise<void> {
    this.orm
      .insert(jobs)
      .values({ kind: DIGEST_JOB, dedupeKey: digestJobKey(chatId), chatId, dueAt, payload: "{}", judgesConduct: true })
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: { dueAt, state: "pending", attempts: 0, lastError: null },
        setWhere: ne(jobs.state, "running"),
      })
      .run();
  }

  async stopDigest(chatId: number): Promise<void> {
    this.orm
      .update(jobs)
      .set({ state: "cancelled" })
      .where(and(eq(jobs.dedupeKey, digestJobKey(chatId)), eq(jobs.state, "pending")))
      .run();
  }

  /** Active chats with no digest pending (new since the feature, or revived after a stop). */
  async activeChatsWithoutDigest(): Promise<number[]> {
    return activeChatsWithoutPendingJob(this.orm, DIGEST_JOB);
  }

  /** The chats a person follows now: as a specialist, the client contact, an observer or the manager. */
  async chatsOf(userId: number): Promise<Array<{ chatId: number; role: (typeof FOLLOWING_ROLES)[number] }>> {
    return this.orm
      .select({ chatId: chatRoles.chatId, role: chatRoles.role })
      .from(chatRoles)
      .innerJoin(chats, eq(chats.id, chatRoles.chatId))
      .where(
        and(
          eq(chatRoles.userId, userId),
          isNull(chatRoles.until),
          inArray(chatRoles.role, [...FOLLOWING_ROLES]),
          eq(chats.active, true),
        ),
      )
      .all() as Array<{ chatId: number; role: (typeof FOLLOWING_ROLES)[number] }>;
  }
}
