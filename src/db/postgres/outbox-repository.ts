import { and, asc, count, eq, getTableColumns, gte, inArray, lt, lte, notInArray, gt, sql } from "drizzle-orm";
import { type Clock, systemClock } from "../../clock.js";
import type { EventDraft } from "../../domain/correspondence.js";
import { splitMessage } from "../../domain/text/split-message.js";
import {
  type EditPayload,
  type MessageContent,
  type OutboxRepository,
  type OutboxRow,
  type OutgoingEdit,
  type OutgoingMessage,
  REPLY_KEY,
  sendParameters,
} from "../outbox-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { ChainAppender, OutboxWriter } from "./collaborators.js";
import type { PostgresSession } from "./session.js";
import { outbox, outboxHeads } from "./schema.js";

/**
 * How long marking a message `sending` holds it: longer than any request to Telegram. Found
 * `sending` after that, its sender died mid-request, and it may have reached Telegram.
 */
export const OUTBOX_LEASE_MS = 10 * 60_000;

export interface OutboxLeaseOptions {
  /** What leases are reckoned by: the wall clock, as the sender's pacing is. */
  clock?: Clock;
  leaseMs?: number;
}

/** `markSending` found a message already taken by another sender, or its destination busy with one. */
export class OutboxRowsTaken extends Error {
  constructor(ids: readonly number[]) {
    super(`outbox rows ${ids.join(", ")} or their destination are being sent by another process`);
    this.name = "OutboxRowsTaken";
  }
}

/** A row's destination, as the heads' triggers and the pending index key it. */
const LANE = sql<number>`coalesce(${outbox.chatId}, -${outbox.userId}, 0)`.mapWith(Number);

/**
 * Dedupe keys compared byte by byte, as SQLite does: another collation may order ':' and ';'
 * otherwise (an index on this expression, migration 0009, serves the ranges).
 */
const KEY_BYTES = sql`(${outbox.dedupeKey} collate "C")`;

/**
 * SQLite's `OutboxRepository` for several processes on one database. Marking messages `sending`
 * claims them under a lease (`claimed_until`): another sender gets `OutboxRowsTaken`, and a
 * message still `sending` once its lease ran out (its sender died mid-request) is pending again
 * and uncertain, as SQLite's recovery at start makes every `sending` message.
 */
export class PostgresOutboxRepository
  implements RepositoryPort<OutboxRepository, "enqueueWithin" | "enqueueEditsWithin">, OutboxWriter
{
  /** Updates handled again (in this process) whose first run's replies stand: none of this run's are queued. */
  private readonly repliesSettled = new Set<number>();
  private readonly clock: Clock;
  private readonly leaseMs: number;

  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
    options: OutboxLeaseOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
  }

  /** Whether anything was queued in answer to the update (keys `update:<key>:…`). */
  async hasRepliesTo(updateKey: number): Promise<boolean> {
    const [reply] = await this.session.queries
      .select({ id: outbox.id })
      .from(outbox)
      .where(keyedBetween(`update:${updateKey}:`, `update:${updateKey};`))
      .limit(1);
    return reply !== undefined;
  }

  /** While `work` runs, no reply to the update is queued: what its first run said stands. */
  async withRepliesSettled<T>(updateKey: number, work: () => Promise<T>): Promise<T> {
    this.repliesSettled.add(updateKey);
    try {
      return await work();
    } finally {
      this.repliesSettled.delete(updateKey);
    }
  }

  async enqueue(messages: readonly OutgoingMessage[], now: number): Promise<number> {
    return this.insertMessages(messages, now);
  }

  /** Adds messages in the transaction of the work in hand; texts over Telegram's limit become several rows. */
  async enqueueInTransaction(messages: readonly OutgoingMessage[], now: number): Promise<number> {
    this.requireTransaction("enqueueInTransaction");
    return this.insertMessages(messages, now);
  }

  /** Messages keyed under `prefix` that are out or on their way (not edits): what a later edit may update. */
  async deliverableUnder(prefix: string): Promise<OutboxRow[]> {
    const rows = await this.session.queries
      .select()
      .from(outbox)
      .where(keyedBetween(prefix, `${prefix}\uffff`));
    return rows
      .filter(
        (row) => row.editOf === null && (row.state === "pending" || row.state === "sending" || row.state === "sent"),
      )
      .sort((a, b) => a.id - b.id);
  }

  /** Queues edits in their messages' lanes, so each leaves after the message it edits. */
  async enqueueEdits(edits: readonly OutgoingEdit[], now: number): Promise<number> {
    return this.insertEdits(edits, now);
  }

  /** `enqueueEdits` in the transaction of the work in hand, for edits recorded together with another change. */
  async enqueueEditsInTransaction(edits: readonly OutgoingEdit[], now: number): Promise<number> {
    this.requireTransaction("enqueueEditsInTransaction");
    return this.insertEdits(edits, now);
  }

  async find(id: number): Promise<OutboxRow | undefined> {
    const [row] = await this.session.queries.select().from(outbox).where(eq(outbox.id, id));
    return row;
  }

  /** Messages regbot will not send after all (an edit of a message that never went out). */
  async cancel(ids: readonly number[], reason: string): Promise<void> {
    await this.session.queries
      .update(outbox)
      .set({ state: "cancelled", lastError: reason, claimedUntil: null })
      .where(inArray(outbox.id, [...ids]));
  }

  /**
   * Messages whose sender died mid-send (their lease ran out) may have reached Telegram: they get
   * one more, uncertain, try. Not every `sending` message, as on SQLite: another process may be sending it.
   */
  async recoverInterrupted(): Promise<number> {
    const result = await this.session.queries
      .update(outbox)
      .set({ state: "pending", uncertain: true, claimedUntil: null })
      .where(and(eq(outbox.state, "sending"), lte(outbox.claimedUntil, this.clock())));
    return result.rowCount ?? 0;
  }

  /**
   * The oldest pending message of each destination: a destination's messages leave in order,
   * so one waiting for a retry holds back those behind it. A message whose sender died is its
   * destination's head again first (so nothing behind it leaves before it); a destination with a
   * message on its way (from any process) has no head until it is out.
   */
  async destinationHeads(limit: number): Promise<OutboxRow[]> {
    const now = this.clock();
    await this.recoverInterrupted();
    const onItsWay = this.session.queries
      .select({ lane: LANE })
      .from(outbox)
      .where(and(eq(outbox.state, "sending"), gt(outbox.claimedUntil, now)));
    return this.session.queries
      .select(getTableColumns(outbox))
      .from(outboxHeads)
      .innerJoin(outbox, eq(outbox.id, outboxHeads.outboxId))
      .where(notInArray(outboxHeads.lane, onItsWay))
      .orderBy(asc(outboxHeads.nextAttemptAt), asc(outboxHeads.outboxId))
      .limit(limit);
  }

  async pendingLowPriority(chatId: number): Promise<OutboxRow[]> {
    return this.session.queries
      .select()
      .from(outbox)
      .where(and(pendingIn(chatId), eq(outbox.priority, "low")))
      .orderBy(asc(outbox.id));
  }

  async pendingCount(chatId: number): Promise<number> {
    const [row] = await this.session.queries.select({ n: count() }).from(outbox).where(pendingIn(chatId));
    return row?.n ?? 0;
  }

  /**
   * Claims the messages for one request, committed before it leaves (a sender that dies
   * mid-request leaves them `sending`, so uncertain). All or none: a message another sender took,
   * or a destination with another message on its way, throws `OutboxRowsTaken`, so a
   * destination's messages leave one at a time, in order, whichever process sends them.
   */
  async markSending(ids: readonly number[]): Promise<void> {
    await this.session.transaction(async () => {
      const queries = this.session.queries;
      const now = this.clock();
      const lanes = await queries
        .selectDistinct({ lane: LANE })
        .from(outbox)
        .where(inArray(outbox.id, [...ids]));
      // The destination's lock: two senders cannot both find it idle and each send a message of it.
      for (const { lane } of lanes.sort((a, b) => Number(a.lane) - Number(b.lane)))
        await this.session.lockUntilCommit(`regbot:outbox-lane:${lane}`);
      const [busy] = await queries
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.state, "sending"),
            gt(outbox.claimedUntil, now),
            inArray(
              LANE,
              lanes.map(({ lane }) => lane),
            ),
            notInArray(outbox.id, [...ids]),
          ),
        )
        .limit(1);
      if (busy !== undefined) throw new OutboxRowsTaken(ids);
      const marked = await queries
        .update(outbox)
        .set({ state: "sending", attempts: sql`${outbox.attempts} + 1`, claimedUntil: now + this.leaseMs })
        .where(and(inArray(outbox.id, [...ids]), eq(outbox.state, "pending")));
      if ((marked.rowCount ?? 0) < new Set(ids).size) throw new OutboxRowsTaken(ids);
    });
  }

  /** Marks delivery and logs what was said, in one transaction (a crash then sends nothing twice). */
  async markSent(
    ids: readonly number[],
    telegramMessageId: number,
    now: number,
    record: readonly EventDraft[],
  ): Promise<void> {
    await this.session.transaction(async () => {
      await this.session.queries
        .update(outbox)
        .set({ state: "sent", sentAt: now, telegramMessageId, lastError: null, failingSince: null, claimedUntil: null })
        .where(inArray(outbox.id, [...ids]));
      await this.chain.appendInTransaction(record, now);
    });
  }

  /** `failingSince`: when the failures that this retry continues began (wall clock), if it follows a failure. */
  async retryLater(
    ids: readonly number[],
    nextAttemptAt: number,
    error: string,
    uncertain: boolean,
    failingSince?: number,
  ): Promise<void> {
    await this.session.queries
      .update(outbox)
      .set({
        state: "pending",
        nextAttemptAt,
        lastError: error,
        claimedUntil: null,
        ...(uncertain ? { uncertain: true } : {}),
        ...(failingSince === undefined ? {} : { failingSince }),
      })
      .where(inArray(outbox.id, [...ids]));
  }

  async markFailed(ids: readonly number[], error: string): Promise<void> {
    await this.session.queries
      .update(outbox)
      .set({ state: "failed", lastError: error, claimedUntil: null })
      .where(inArray(outbox.id, [...ids]));
  }

  /** A message regbot gave up on: failed, recorded in the chat's log and told to the specialists, in one transaction. */
  async markUndelivered(
    ids: readonly number[],
    error: string,
    record: readonly EventDraft[],
    notices: readonly OutgoingMessage[],
    now: number,
  ): Promise<void> {
    await this.session.transaction(async () => {
      await this.markFailed(ids, error);
      await this.chain.appendInTransaction(record, now);
      await this.insertMessages(notices, now);
    });
  }

  /** A group that removed regbot: nothing more will be said there. */
  async cancelForChat(chatId: number, reason: string): Promise<number> {
    const result = await this.session.queries
      .update(outbox)
      .set({ state: "cancelled", lastError: reason, claimedUntil: null })
      .where(and(eq(outbox.chatId, chatId), inArray(outbox.state, ["pending", "sending"])));
    return result.rowCount ?? 0;
  }

  /** Sends a message meant for a person to a group instead (they never started regbot). */
  async redirectToGroup(row: OutboxRow, now: number): Promise<boolean> {
    if (row.fallback === null) return false;
    const fallback = JSON.parse(row.fallback) as { chatId: number; threadId?: number; content: MessageContent };
    await this.session.transaction(async () => {
      await this.cancel([row.id], "recipient never started regbot; posted in the group");
      const dedupeKey = `${row.dedupeKey ?? `outbox:${row.id}`}:fallback`;
      await this.insertMessages(
        [
          {
            ...fallback.content,
            to: { chatId: fallback.chatId, ...(fallback.threadId ? { threadId: fallback.threadId } : {}) },
            dedupeKey,
          },
        ],
        now,
      );
      await this.followToGroup(row, dedupeKey, now);
    });
    return true;
  }

  /** Edits waiting for a message that went to the group instead edit the group's copy, after it. */
  private async followToGroup(row: OutboxRow, fallbackKey: string, now: number): Promise<void> {
    const queries = this.session.queries;
    const waiting = await queries
      .select()
      .from(outbox)
      .where(and(eq(outbox.editOf, row.id), eq(outbox.state, "pending")));
    const [copy] = await queries.select().from(outbox).where(eq(outbox.dedupeKey, fallbackKey));
    if (waiting.length === 0 || copy === undefined) return;
    await this.cancel(
      waiting.map((edit) => edit.id),
      "the message went to the group; its copy there is edited",
    );
    await this.insertEdits(
      waiting.map((edit) => ({
        of: copy,
        dedupeKey: `${edit.dedupeKey ?? `outbox:${edit.id}`}:fallback`,
        note: (JSON.parse(edit.payload) as EditPayload).append,
      })),
      now,
    );
  }

  /** One statement for all of them (rows in order, so ids too); a key already queued adds nothing. */
  private async insertMessages(messages: readonly OutgoingMessage[], now: number): Promise<number> {
    const rows: Array<typeof outbox.$inferInsert> = [];
    for (const message of messages) {
      if (this.isSettledReply(message.dedupeKey)) continue;
      const parts = splitMessage(message.text, message.entities);
      for (const [index, part] of parts.entries())
        rows.push({
          dedupeKey:
            message.dedupeKey === undefined
              ? null
              : parts.length === 1
                ? message.dedupeKey
                : `${message.dedupeKey}#${index + 1}`,
          chatId: "chatId" in message.to ? message.to.chatId : null,
          threadId: "chatId" in message.to ? (message.to.threadId ?? null) : null,
          userId: "userId" in message.to ? message.to.userId : null,
          fallback: "userId" in message.to && message.to.fallback ? JSON.stringify(message.to.fallback) : null,
          payload: JSON.stringify(sendParameters(part, index === 0 ? message : {})),
          priority: message.priority ?? "normal",
          // As soon as limits allow; only the sender's retries set a later (wall-clock) time.
          nextAttemptAt: 0,
          createdAt: now,
        });
    }
    if (rows.length === 0) return 0;
    const result = await this.session.queries.insert(outbox).values(rows).onConflictDoNothing();
    return result.rowCount ?? 0;
  }

  private async insertEdits(edits: readonly OutgoingEdit[], now: number): Promise<number> {
    if (edits.length === 0) return 0;
    const result = await this.session.queries
      .insert(outbox)
      .values(
        edits.map(({ of, dedupeKey, note, privateAlertOf }) => ({
          dedupeKey,
          chatId: of.chatId,
          threadId: of.threadId,
          userId: of.userId,
          payload: JSON.stringify({
            append: note,
            ...(privateAlertOf ? { privateAlertOf } : {}),
          } satisfies EditPayload),
          editOf: of.id,
          nextAttemptAt: 0,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
    return result.rowCount ?? 0;
  }

  private isSettledReply(dedupeKey: string | undefined): boolean {
    if (this.repliesSettled.size === 0 || dedupeKey === undefined) return false;
    const updateKey = REPLY_KEY.exec(dedupeKey)?.[1];
    return updateKey !== undefined && this.repliesSettled.has(Number(updateKey));
  }

  private requireTransaction(method: string): void {
    if (!this.session.inTransaction) throw new Error(`${method} needs a transaction`);
  }
}

/** Keys in [from, to), byte order. */
function keyedBetween(from: string, to: string) {
  return and(gte(KEY_BYTES, from), lt(KEY_BYTES, to));
}

/** A group's pending messages, by the destination index. */
function pendingIn(chatId: number) {
  return and(eq(outbox.state, "pending"), sql`${LANE} = ${chatId}`);
}
