import { and, asc, eq, inArray, isNull, max, ne } from "drizzle-orm";
import type { RepositoryPort } from "../repository-port.js";
import { FOLLOWING_ROLES } from "../roles-repository.js";
import { DIGEST_JOB, digestJobKey, digestMessageKey, type StatusRepository } from "../status-repository.js";
import { startsWith } from "./message-keys.js";
import { activeChatsWithoutPendingJob } from "./pending-jobs.js";
import { chatRoles, chats, jobs, outbox } from "./schema.js";
import type { PostgresSession } from "./session.js";

/** `StatusRepository` on PostgreSQL: what the status, the digest and the report read across repositories. */
export class PostgresStatusRepository implements RepositoryPort<StatusRepository> {
  constructor(private readonly session: PostgresSession) {}

  /** When the last scheduled digest was posted in the chat (on-demand ones do not count). */
  async lastDigestAt(chatId: number): Promise<number | undefined> {
    const [row] = await this.session.queries
      .select({ at: max(outbox.createdAt) })
      .from(outbox)
      .where(and(startsWith(outbox.dedupeKey, `digest:${chatId}:`), ne(outbox.state, "cancelled")));
    return row?.at ?? undefined;
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
    const [sent] = await this.session.queries
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
      .limit(1);
    return sent !== undefined;
  }

  /** The pending digest's due instant, if the chat has one. */
  async nextDigestAt(chatId: number): Promise<number | undefined> {
    const [job] = await this.session.queries
      .select({ dueAt: jobs.dueAt })
      .from(jobs)
      .where(and(eq(jobs.dedupeKey, digestJobKey(chatId)), inArray(jobs.state, ["pending", "running"])));
    return job?.dueAt;
  }

  /**
   * Puts the chat's digest at `dueAt`, reviving it if it had been stopped (digest off, regbot
   * removed); a digest running right now keeps its own next time.
   */
  async scheduleDigest(chatId: number, dueAt: number): Promise<void> {
    await this.session.queries
      .insert(jobs)
      .values({ kind: DIGEST_JOB, dedupeKey: digestJobKey(chatId), chatId, dueAt, payload: "{}", judgesConduct: true })
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: { dueAt, state: "pending", attempts: 0, lastError: null },
        setWhere: ne(jobs.state, "running"),
      });
  }

  async stopDigest(chatId: number): Promise<void> {
    await this.session.queries
      .update(jobs)
      .set({ state: "cancelled" })
      .where(and(eq(jobs.dedupeKey, digestJobKey(chatId)), eq(jobs.state, "pending")));
  }

  /** Active chats with no digest pending (new since the feature, or revived after a stop). */
  async activeChatsWithoutDigest(): Promise<number[]> {
    return activeChatsWithoutPendingJob(this.session.queries, DIGEST_JOB);
  }

  /** The chats a person follows now: as a specialist, the client contact, an observer or the manager. */
  async chatsOf(userId: number): Promise<Array<{ chatId: number; role: (typeof FOLLOWING_ROLES)[number] }>> {
    return (await this.session.queries
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
      .orderBy(asc(chatRoles.id))) as Array<{ chatId: number; role: (typeof FOLLOWING_ROLES)[number] }>;
  }
}
