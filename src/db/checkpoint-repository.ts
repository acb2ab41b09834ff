import {
  and,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  lt,
  ne,
  not,
  or,
  type Placeholder,
  sql,
  type SQL,
} from "drizzle-orm";
import { MerkleAccumulator } from "../domain/merkle.js";
import { ChainFrontiers } from "./chain-frontiers.js";
import type { Chat } from "./chat-repository.js";
import type { CorrespondenceRepository } from "./correspondence-repository.js";
import { activeChatsWithoutPendingJob } from "./pending-jobs.js";
import type { Orm } from "./database.js";
import type { OutboxRepository, OutgoingMessage } from "./outbox-repository.js";
import { events, jobs, outbox } from "./schema.js";

export const DAILY_CHECKPOINT_JOB = "daily-checkpoint";

export function dailyCheckpointJobKey(chatId: number): string {
  return `checkpoint:${chatId}`;
}

/** A checkpoint of a chat's log: its first `size` events had this RFC 6962 root. */
export interface Checkpoint {
  /** The checkpoint's own event, right after the events it covers. */
  seq: number;
  size: number;
  /** Hex. */
  root: string;
  /** The outbox key of the message that shows it in the chat. */
  messageKey: string;
  recordedAt: number;
}

export interface CheckpointRequest {
  chat: Chat;
  /** The outbox key of the message that will show it; one checkpoint per key, so a re-run returns the same one. */
  messageKey: string;
  at: number;
  /** The daily checkpoint: only when something besides the last checkpoint's own message was logged since it. */
  onlyAfterActivity?: boolean;
}

/** What the log keeps of a checkpoint; the complete subtrees let the next one read only newer events. */
export interface CheckpointPayload {
  size: number;
  root: string;
  subtrees: string[];
  messageKey: string;
}

const SOURCE_PREFIX = "checkpoint:";

/** A chat's checkpoint events: their sources sort between these, so the unique (chat, source) index finds them. */
export function checkpointEventsOf(chatId: number | Placeholder): SQL {
  return and(eq(events.chatId, chatId), gte(events.source, SOURCE_PREFIX), lt(events.source, "checkpoint;"))!;
}

/**
 * The outbox rows of a message: one, or several parts `<key>#1`, `<key>#2`… when it was split.
 * The parts sort between `<key>#` and `<key>$`, so the key's unique index finds them (a LIKE scanned the whole outbox).
 */
export function messagePartsOf(chatId: number | Placeholder, key: string | Placeholder): SQL {
  const parts = sql`(${outbox.dedupeKey} >= ${key} || '#' and ${outbox.dedupeKey} < ${key} || '$')`;
  return and(eq(outbox.chatId, chatId), or(eq(outbox.dedupeKey, key), parts))!;
}

export function checkpointPayloadOf(line: string): CheckpointPayload {
  return (JSON.parse(line) as { payload: CheckpointPayload }).payload;
}

/**
 * Checkpoints of the correspondence log that regbot posts in the chat, so both sides hold the
 * log's root as it was; and the daily job that posts one when anything was logged.
 */
export class CheckpointRepository {
  private readonly frontiers: ChainFrontiers;
  /** Taken for 10,000 chats in one tick: prepared once. */
  private readonly statements;

  constructor(
    private readonly orm: Orm,
    private readonly correspondence: CorrespondenceRepository,
    private readonly outbox: OutboxRepository,
  ) {
    this.frontiers = new ChainFrontiers(orm);
    const chatId = sql.placeholder("chatId");
    this.statements = {
      bySource: orm
        .select({ seq: events.seq, line: events.line, receivedAt: events.receivedAt })
        .from(events)
        .where(and(eq(events.chatId, chatId), eq(events.source, sql.placeholder("source"))))
        .prepare(),
      last: orm
        .select({ seq: events.seq, line: events.line })
        .from(events)
        .where(checkpointEventsOf(chatId))
        .orderBy(desc(events.seq))
        .limit(1)
        .prepare(),
      loggedSince: loggedSinceStatement(orm),
    };
  }

  /**
   * Records a checkpoint of the log as it is now and, when `announce` is given, queues its
   * message in the same transaction. Returns undefined when the daily rule finds nothing new.
   */
  async take(
    request: CheckpointRequest,
    announce?: (checkpoint: Checkpoint) => OutgoingMessage,
  ): Promise<Checkpoint | undefined> {
    return this.orm.transaction((tx) => {
      const checkpoint = this.takeWithin(request);
      if (checkpoint !== undefined && announce !== undefined)
        this.outbox.enqueueWithin(tx, [{ ...announce(checkpoint), dedupeKey: request.messageKey }], request.at);
      return checkpoint;
    });
  }

  /**
   * `take` in the caller's transaction (a scheduler tick's), without a message: O(log n) hashes
   * from the chat's frontier, and no read of the log once the frontier is kept.
   */
  takeWithin(request: CheckpointRequest): Checkpoint | undefined {
    const { chat, messageKey, at } = request;
    const source = `${SOURCE_PREFIX}${messageKey}`;
    const existing = this.statements.bySource.get({ chatId: chat.id, source });
    if (existing !== undefined) return checkpointOf(existing);
    if (request.onlyAfterActivity) {
      const last = this.lastCheckpoint(chat.id);
      if (last !== undefined && !this.loggedSince(chat.id, last)) return undefined;
    }
    // A chat logged before frontiers were kept starts from its last checkpoint's subtrees, once.
    const tree = this.frontiers.current(chat.id, () => {
      const last = this.lastCheckpoint(chat.id);
      return (
        last &&
        MerkleAccumulator.resume({
          size: last.payload.size,
          subtrees: Buffer.from(last.payload.subtrees.join(""), "hex"),
        })
      );
    });
    const payload: CheckpointPayload = {
      size: tree.size,
      root: tree.root().toString("hex"),
      subtrees: tree.subtrees.map((hash) => hash.toString("hex")),
      messageKey,
    };
    const [appended] = this.correspondence.appendWithin(
      this.orm,
      [
        {
          chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
          kind: "checkpoint",
          source,
          payload,
        },
      ],
      at,
    );
    return { seq: appended!.seq, size: payload.size, root: payload.root, messageKey, recordedAt: at };
  }

  /** (Re)starts the chat's daily checkpoint at `dueAt`, reviving it after a stop; a running one keeps its own next time. */
  async scheduleDaily(chatId: number, dueAt: number): Promise<void> {
    this.orm
      .insert(jobs)
      .values({ kind: DAILY_CHECKPOINT_JOB, dedupeKey: dailyCheckpointJobKey(chatId), chatId, dueAt, payload: "{}" })
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: { dueAt, state: "pending", attempts: 0, lastError: null },
        setWhere: ne(jobs.state, "running"),
      })
      .run();
  }

  /** Active chats with no daily checkpoint pending (joined before the feature, or revived). */
  async activeChatsWithoutDaily(): Promise<number[]> {
    return activeChatsWithoutPendingJob(this.orm, DAILY_CHECKPOINT_JOB);
  }

  /** The chat's latest checkpoint, and how its message fared (split, its worst part counts). */
  async latestDelivery(chatId: number): Promise<{ at: number; delivery: "sent" | "pending" | "failed" } | undefined> {
    const last = this.orm
      .select({ line: events.line, receivedAt: events.receivedAt })
      .from(events)
      .where(checkpointEventsOf(chatId))
      .orderBy(desc(events.seq))
      .limit(1)
      .get();
    if (last === undefined) return undefined;
    const parts = this.orm
      .select({ state: outbox.state })
      .from(outbox)
      .where(messagePartsOf(chatId, checkpointPayloadOf(last.line).messageKey))
      .all();
    const states = parts.map((part) => part.state);
    const delivery =
      states.length === 0 || states.some((state) => state === "failed" || state === "cancelled")
        ? "failed"
        : states.every((state) => state === "sent")
          ? "sent"
          : "pending";
    return { at: last.receivedAt, delivery };
  }

  /** Whether the chat's daily checkpoint waits for its next run. */
  async dailyScheduled(chatId: number): Promise<boolean> {
    const job = this.orm
      .select({ state: jobs.state })
      .from(jobs)
      .where(eq(jobs.dedupeKey, dailyCheckpointJobKey(chatId)))
      .get();
    return job?.state === "pending" || job?.state === "running";
  }

  private lastCheckpoint(chatId: number): { seq: number; payload: CheckpointPayload } | undefined {
    const row = this.statements.last.get({ chatId });
    return row && { seq: row.seq, payload: checkpointPayloadOf(row.line) };
  }

  private loggedSince(chatId: number, last: { seq: number; payload: CheckpointPayload }): boolean {
    const key = last.payload.messageKey;
    return this.statements.loggedSince.get({ chatId, afterSeq: last.seq, key }) !== undefined;
  }
}

/** Anything logged after a checkpoint except the message that showed it (one or, split, several parts). */
function loggedSinceStatement(orm: Orm) {
  const chatId = sql.placeholder("chatId");
  return orm
    .select({ seq: events.seq })
    .from(events)
    .where(
      and(
        eq(events.chatId, chatId),
        gt(events.seq, sql.placeholder("afterSeq")),
        not(
          and(
            eq(events.kind, "bot_message"),
            inArray(
              events.messageId,
              orm
                .select({ id: outbox.telegramMessageId })
                .from(outbox)
                .where(and(messagePartsOf(chatId, sql.placeholder("key")), isNotNull(outbox.telegramMessageId))),
            ),
          )!,
        ),
      ),
    )
    .limit(1)
    .prepare();
}

function checkpointOf(row: { seq: number; line: string; receivedAt: number }): Checkpoint {
  const { size, root, messageKey } = checkpointPayloadOf(row.line);
  return { seq: row.seq, size, root, messageKey, recordedAt: row.receivedAt };
}
