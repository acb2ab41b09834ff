import { and, asc, eq, getTableColumns, gte, inArray, lt, sql } from "drizzle-orm";
import type { ChatIdentity, EventDraft } from "../domain/correspondence.js";
import { splitMessage, type MessagePart, type TextEntity } from "../domain/text/split-message.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import { connectionOf, type Orm } from "./database.js";
import { directStatement } from "./direct-statement.js";
import { handlingTransactionOf } from "./handling-transaction.js";
import { reportWrite } from "./read-cache.js";
import { outbox, outboxHeads } from "./schema.js";

export interface MessageContent {
  text: string;
  entities?: TextEntity[];
  replyToMessageId?: number;
  replyMarkup?: unknown;
}

/** Something regbot will say: in a group (internal chat key) or to one person. */
export interface OutgoingMessage extends MessageContent {
  /** Enqueueing the same key twice adds nothing, so handlers and jobs may run again safely. */
  dedupeKey?: string;
  to:
    | { chatId: number; threadId?: number }
    | { userId: number; fallback?: { chatId: number; threadId?: number; content: MessageContent } };
  /** Low-priority notices (redirects, nudges) merge into one message when a chat's queue is long. */
  priority?: "normal" | "low";
}

export type OutboxRow = typeof outbox.$inferSelect;

/** A line added to a message regbot posted (or will post), by editing it once it is out. */
export interface OutgoingEdit {
  of: OutboxRow;
  /** Enqueueing the same key twice adds nothing. */
  dedupeKey: string;
  /** Appended after a blank line; the message's buttons go. */
  note: string;
  /** An edit of a private alert: the group whose log records it. */
  privateAlertOf?: PrivateAlertOf;
}

/** A private alert about a group's response window: its edits are recorded in that group's log. */
export interface PrivateAlertOf {
  chat: ChatIdentity;
  windowId: number;
}

/** What an edit row carries: its text is the edited message's own with this appended. */
export interface EditPayload {
  append: string;
  privateAlertOf?: PrivateAlertOf;
}

/** The columns a new message sets, bound by name so its insert is prepared once. */
const MESSAGE_PLACEHOLDERS = Object.fromEntries(
  (
    [
      "dedupeKey",
      "chatId",
      "threadId",
      "userId",
      "fallback",
      "payload",
      "priority",
      "nextAttemptAt",
      "createdAt",
    ] satisfies Array<keyof typeof outbox.$inferInsert>
  ).map((column) => [column, sql.placeholder(column)]),
) as unknown as typeof outbox.$inferInsert;

export interface SendParameters {
  text: string;
  entities?: TextEntity[];
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
  reply_markup?: unknown;
  link_preview_options: { is_disabled: true };
}

/** What enqueueing and marking a message write (a trigger keeps each destination's head): for `reportWrite`. */
const OUTBOX_TABLES = [outbox, outboxHeads];

/** What `groupReply` keys a handler's messages by: the update they answer. */
export const REPLY_KEY = /^update:(-?\d+):/;

export class OutboxRepository {
  /**
   * A scheduler tick may enqueue thousands of messages in one transaction: run straight on the
   * connection, as drizzle's filling of placeholders costs about what the insert does.
   */
  private readonly insertMessage;
  private readonly firstReply;
  /** Asked on every specialist's answer (the alerts about its window). */
  private readonly keyedUnder;
  /** Asked on every send, so prepared once. */
  private readonly heads;
  /** Updates handled again whose first run's replies stand: none of this run's are queued. */
  private readonly repliesSettled = new Set<number>();

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
  ) {
    this.insertMessage = directStatement(orm, orm.insert(outbox).values(MESSAGE_PLACEHOLDERS).onConflictDoNothing());
    // Keys of one update's replies share a prefix: a range on the unique index finds them.
    this.firstReply = orm
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(gte(outbox.dedupeKey, sql.placeholder("from")), lt(outbox.dedupeKey, sql.placeholder("to"))))
      .limit(1)
      .prepare();
    this.keyedUnder = orm
      .select()
      .from(outbox)
      .where(and(gte(outbox.dedupeKey, sql.placeholder("from")), lt(outbox.dedupeKey, sql.placeholder("to"))))
      .prepare();
    this.heads = orm
      .select(getTableColumns(outbox))
      .from(outboxHeads)
      .innerJoin(outbox, eq(outbox.id, outboxHeads.outboxId))
      .orderBy(asc(outboxHeads.nextAttemptAt), asc(outboxHeads.outboxId))
      .limit(sql.placeholder("limit"))
      .prepare();
  }

  /** Whether anything was queued in answer to the update (keys `update:<key>:…`). */
  async hasRepliesTo(updateKey: number): Promise<boolean> {
    return this.firstReply.get({ from: `update:${updateKey}:`, to: `update:${updateKey};` }) !== undefined;
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

  private isSettledReply(dedupeKey: string | undefined): boolean {
    if (this.repliesSettled.size === 0 || dedupeKey === undefined) return false;
    const updateKey = REPLY_KEY.exec(dedupeKey)?.[1];
    return updateKey !== undefined && this.repliesSettled.has(Number(updateKey));
  }

  async enqueue(messages: readonly OutgoingMessage[], now: number): Promise<number> {
    return reportWrite(
      this.orm,
      () => connectionOf(this.orm).transaction(() => this.enqueueWithin(this.orm, messages, now))(),
      () => OUTBOX_TABLES,
    );
  }

  /**
   * Adds messages in the caller's transaction `_tx` (the prepared insert runs on its connection);
   * texts over Telegram's limit become several rows.
   */
  enqueueWithin(_tx: Orm, messages: readonly OutgoingMessage[], now: number): number {
    let added = 0;
    for (const message of messages) {
      if (this.isSettledReply(message.dedupeKey)) continue;
      const parts = splitMessage(message.text, message.entities);
      for (const [index, part] of parts.entries()) {
        const dedupeKey =
          message.dedupeKey === undefined
            ? null
            : parts.length === 1
              ? message.dedupeKey
              : `${message.dedupeKey}#${index + 1}`;
        const result = this.insertMessage({
          dedupeKey,
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
        added += result.changes;
      }
    }
    return added;
  }

  /** Messages keyed under `prefix` that are out or on their way (not edits): what a later edit may update. */
  async deliverableUnder(prefix: string): Promise<OutboxRow[]> {
    // Only the key range in SQL: a state condition would lead SQLite to the state index and every sent row.
    return this.keyedUnder
      .all({ from: prefix, to: `${prefix}\uffff` })
      .filter(
        (row) => row.editOf === null && (row.state === "pending" || row.state === "sending" || row.state === "sent"),
      )
      .sort((a, b) => a.id - b.id);
  }

  /** Queues edits in their messages' lanes, so each leaves after the message it edits. */
  async enqueueEdits(edits: readonly OutgoingEdit[], now: number): Promise<number> {
    return this.orm.transaction((tx) => this.enqueueEditsWithin(tx, edits, now));
  }

  /** `enqueueEdits` in the caller's transaction, for edits recorded together with another change. */
  enqueueEditsWithin(tx: Orm, edits: readonly OutgoingEdit[], now: number): number {
    let added = 0;
    for (const { of, dedupeKey, note, privateAlertOf } of edits)
      added += tx
        .insert(outbox)
        .values({
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
        })
        .onConflictDoNothing()
        .run().changes;
    return added;
  }

  async find(id: number): Promise<OutboxRow | undefined> {
    return this.orm.select().from(outbox).where(eq(outbox.id, id)).get();
  }

  /** Messages regbot will not send after all (an edit of a message that never went out). */
  async cancel(ids: readonly number[], reason: string): Promise<void> {
    this.orm
      .update(outbox)
      .set({ state: "cancelled", lastError: reason })
      .where(inArray(outbox.id, [...ids]))
      .run();
  }

  /** Rows a crash left mid-send may have reached Telegram: they get one more, uncertain, try. */
  async recoverInterrupted(): Promise<number> {
    return this.orm.update(outbox).set({ state: "pending", uncertain: true }).where(eq(outbox.state, "sending")).run()
      .changes;
  }

  /**
   * The oldest pending message of each destination: a destination's messages leave in order,
   * so one waiting for a retry holds back those behind it.
   */
  async destinationHeads(limit: number): Promise<OutboxRow[]> {
    // The heads are kept by triggers as messages come and go (migration 0019): reading them costs
    // the same however many messages wait behind them.
    return this.heads.all({ limit });
  }

  async pendingLowPriority(chatId: number): Promise<OutboxRow[]> {
    return this.orm
      .select()
      .from(outbox)
      .where(and(pendingIn(chatId), eq(outbox.priority, "low")))
      .orderBy(asc(outbox.id))
      .all();
  }

  async pendingCount(chatId: number): Promise<number> {
    return this.orm.select({ n: sql<number>`count(*)` }).from(outbox).where(pendingIn(chatId)).get()!.n;
  }

  /** Durable before the request leaves, so a crash mid-request is known to be uncertain. */
  async markSending(ids: readonly number[]): Promise<void> {
    await handlingTransactionOf(this.orm).idle();
    reportWrite(
      this.orm,
      () =>
        this.orm
          .update(outbox)
          .set({ state: "sending", attempts: sql`${outbox.attempts} + 1` })
          .where(inArray(outbox.id, [...ids]))
          .run(),
      () => OUTBOX_TABLES,
    );
  }

  /** Marks delivery and logs what was said, in one durable transaction (a crash then sends nothing twice). */
  async markSent(
    ids: readonly number[],
    telegramMessageId: number,
    now: number,
    record: readonly EventDraft[],
  ): Promise<void> {
    await handlingTransactionOf(this.orm).idle();
    reportWrite(
      this.orm,
      () =>
        this.orm.transaction((tx) => {
          tx.update(outbox)
            .set({ state: "sent", sentAt: now, telegramMessageId, lastError: null, failingSince: null })
            .where(inArray(outbox.id, [...ids]))
            .run();
          this.correspondence.appendWithin(tx, record, now);
        }),
      () => OUTBOX_TABLES,
    );
  }

  /** `failingSince`: when the failures that this retry continues began (wall clock), if it follows a failure. */
  async retryLater(
    ids: readonly number[],
    nextAttemptAt: number,
    error: string,
    uncertain: boolean,
    failingSince?: number,
  ): Promise<void> {
    this.orm
      .update(outbox)
      .set({
        state: "pending",
        nextAttemptAt,
        lastError: error,
        ...(uncertain ? { uncertain: true } : {}),
        ...(failingSince === undefined ? {} : { failingSince }),
      })
      .where(inArray(outbox.id, [...ids]))
      .run();
  }

  async markFailed(ids: readonly number[], error: string): Promise<void> {
    this.orm
      .update(outbox)
      .set({ state: "failed", lastError: error })
      .where(inArray(outbox.id, [...ids]))
      .run();
  }

  /** A message regbot gave up on: failed, recorded in the chat's log and told to the specialists, in one transaction. */
  async markUndelivered(
    ids: readonly number[],
    error: string,
    record: readonly EventDraft[],
    notices: readonly OutgoingMessage[],
    now: number,
  ): Promise<void> {
    this.orm.transaction((tx) => {
      tx.update(outbox)
        .set({ state: "failed", lastError: error })
        .where(inArray(outbox.id, [...ids]))
        .run();
      this.correspondence.appendWithin(tx, record, now);
      this.enqueueWithin(tx, notices, now);
    });
  }

  /** A group that removed regbot: nothing more will be said there. */
  async cancelForChat(chatId: number, reason: string): Promise<number> {
    return this.orm
      .update(outbox)
      .set({ state: "cancelled", lastError: reason })
      .where(and(eq(outbox.chatId, chatId), inArray(outbox.state, ["pending", "sending"])))
      .run().changes;
  }

  /** Sends a message meant for a person to a group instead (they never started regbot). */
  async redirectToGroup(row: OutboxRow, now: number): Promise<boolean> {
    if (row.fallback === null) return false;
    const fallback = JSON.parse(row.fallback) as { chatId: number; threadId?: number; content: MessageContent };
    this.orm.transaction((tx) => {
      tx.update(outbox)
        .set({ state: "cancelled", lastError: "recipient never started regbot; posted in the group" })
        .where(eq(outbox.id, row.id))
        .run();
      const dedupeKey = `${row.dedupeKey ?? `outbox:${row.id}`}:fallback`;
      this.enqueueWithin(
        tx,
        [
          {
            ...fallback.content,
            to: { chatId: fallback.chatId, ...(fallback.threadId ? { threadId: fallback.threadId } : {}) },
            dedupeKey,
          },
        ],
        now,
      );
      this.followToGroup(tx, row, dedupeKey, now);
    });
    return true;
  }

  /** Edits waiting for a message that went to the group instead edit the group's copy, after it. */
  private followToGroup(tx: Orm, row: OutboxRow, fallbackKey: string, now: number): void {
    const waiting = tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.editOf, row.id), eq(outbox.state, "pending")))
      .all();
    const copy = tx.select().from(outbox).where(eq(outbox.dedupeKey, fallbackKey)).get();
    if (waiting.length === 0 || copy === undefined) return;
    tx.update(outbox)
      .set({ state: "cancelled", lastError: "the message went to the group; its copy there is edited" })
      .where(
        inArray(
          outbox.id,
          waiting.map((edit) => edit.id),
        ),
      )
      .run();
    this.enqueueEditsWithin(
      tx,
      waiting.map((edit) => ({
        of: copy,
        dedupeKey: `${edit.dedupeKey ?? `outbox:${edit.id}`}:fallback`,
        note: (JSON.parse(edit.payload) as EditPayload).append,
      })),
      now,
    );
  }
}

/** A group's pending messages, by the destination index (a plain `chat_id` test would scan every pending message). */
function pendingIn(chatId: number) {
  return and(eq(outbox.state, "pending"), sql`coalesce(${outbox.chatId}, -${outbox.userId}, 0) = ${chatId}`);
}

/** One part's sendMessage parameters; `replying` carries what only the first part has. */
export function sendParameters(
  part: MessagePart,
  replying: Pick<MessageContent, "replyToMessageId" | "replyMarkup">,
): SendParameters {
  return {
    text: part.text,
    ...(part.entities.length > 0 ? { entities: part.entities } : {}),
    ...(replying.replyToMessageId !== undefined
      ? { reply_parameters: { message_id: replying.replyToMessageId, allow_sending_without_reply: true } }
      : {}),
    ...(replying.replyMarkup !== undefined ? { reply_markup: replying.replyMarkup } : {}),
    link_preview_options: { is_disabled: true },
  };
}
