import { and, asc, desc, eq, gt, inArray, ne, not } from "drizzle-orm";
import { eventLeaf, MerkleAccumulator } from "../../domain/merkle.js";
import {
  type Checkpoint,
  type CheckpointPayload,
  type CheckpointRepository,
  type CheckpointRequest,
  checkpointPayloadOf,
  DAILY_CHECKPOINT_JOB,
  dailyCheckpointJobKey,
} from "../checkpoint-repository.js";
import type { OutgoingMessage } from "../outbox-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import { PostgresChainFrontiers } from "./chain-frontiers.js";
import type { ChainAppender, OutboxWriter } from "./collaborators.js";
import { chatChainLock } from "./correspondence-repository.js";
import { checkpointEventsOf, messageParts } from "./message-keys.js";
import { activeChatsWithoutPendingJob } from "./pending-jobs.js";
import { chainFrontiers, events, jobs } from "./schema.js";
import type { PostgresSession } from "./session.js";

const SOURCE_PREFIX = "checkpoint:";

/** `CheckpointRepository` on PostgreSQL: checkpoints of a chat's log, and the daily job that posts them. */
export class PostgresCheckpointRepository implements RepositoryPort<CheckpointRepository> {
  private readonly frontiers: PostgresChainFrontiers;

  constructor(
    private readonly session: PostgresSession,
    private readonly chain: ChainAppender,
    private readonly outbox: OutboxWriter,
  ) {
    this.frontiers = new PostgresChainFrontiers(session);
  }

  /**
   * Records a checkpoint of the log as it is now and, when `announce` is given, queues its
   * message in the same transaction. Returns undefined when the daily rule finds nothing new.
   */
  async take(
    request: CheckpointRequest,
    announce?: (checkpoint: Checkpoint) => OutgoingMessage,
  ): Promise<Checkpoint | undefined> {
    return this.session.transaction(async () => {
      const checkpoint = await this.takeWithin(request);
      if (checkpoint !== undefined && announce !== undefined)
        await this.outbox.enqueueInTransaction(
          [{ ...announce(checkpoint), dedupeKey: request.messageKey }],
          request.at,
        );
      return checkpoint;
    });
  }

  /** `take` in the current transaction (a scheduler tick's), without a message. */
  async takeWithin(request: CheckpointRequest): Promise<Checkpoint | undefined> {
    const { chat, messageKey, at } = request;
    // Other processes append to the chat meanwhile: holding the lock its appends take, the
    // checkpoint covers exactly the events before its own, and a re-run finds the first.
    await this.session.lockUntilCommit(chatChainLock(chat.id));
    const source = `${SOURCE_PREFIX}${messageKey}`;
    const [existing] = await this.session.queries
      .select({ seq: events.seq, line: events.line, receivedAt: events.receivedAt })
      .from(events)
      .where(and(eq(events.chatId, chat.id), eq(events.source, source)));
    if (existing !== undefined) return checkpointOf(existing);
    if (request.onlyAfterActivity) {
      const last = await this.lastCheckpoint(chat.id);
      if (last !== undefined && !(await this.loggedSince(chat.id, last))) return undefined;
    }
    const tree = await this.currentFrontier(chat.id);
    const payload: CheckpointPayload = {
      size: tree.size,
      root: tree.root().toString("hex"),
      subtrees: tree.subtrees.map((hash) => hash.toString("hex")),
      messageKey,
    };
    const [appended] = await this.chain.appendInTransaction(
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
    await this.session.queries
      .insert(jobs)
      .values({ kind: DAILY_CHECKPOINT_JOB, dedupeKey: dailyCheckpointJobKey(chatId), chatId, dueAt, payload: "{}" })
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: { dueAt, state: "pending", attempts: 0, lastError: null },
        setWhere: ne(jobs.state, "running"),
      });
  }

  /** Active chats with no daily checkpoint pending (joined before the feature, or revived). */
  async activeChatsWithoutDaily(): Promise<number[]> {
    return activeChatsWithoutPendingJob(this.session.queries, DAILY_CHECKPOINT_JOB);
  }

  /** The chat's latest checkpoint, and how its message fared (split, its worst part counts). */
  async latestDelivery(chatId: number): Promise<{ at: number; delivery: "sent" | "pending" | "failed" } | undefined> {
    const [last] = await this.session.queries
      .select({ line: events.line, receivedAt: events.receivedAt })
      .from(events)
      .where(checkpointEventsOf(chatId))
      .orderBy(desc(events.seq))
      .limit(1);
    if (last === undefined) return undefined;
    const parts = await messageParts(this.session.queries, chatId, checkpointPayloadOf(last.line).messageKey);
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
    const [job] = await this.session.queries
      .select({ state: jobs.state })
      .from(jobs)
      .where(eq(jobs.dedupeKey, dailyCheckpointJobKey(chatId)));
    return job?.state === "pending" || job?.state === "running";
  }

  private async lastCheckpoint(chatId: number): Promise<{ seq: number; payload: CheckpointPayload } | undefined> {
    const [row] = await this.session.queries
      .select({ seq: events.seq, line: events.line })
      .from(events)
      .where(checkpointEventsOf(chatId))
      .orderBy(desc(events.seq))
      .limit(1);
    return row && { seq: row.seq, payload: checkpointPayloadOf(row.line) };
  }

  /** Anything logged after a checkpoint except the message that showed it (one or, split, several parts). */
  private async loggedSince(chatId: number, last: { seq: number; payload: CheckpointPayload }): Promise<boolean> {
    const shown = (await messageParts(this.session.queries, chatId, last.payload.messageKey))
      .map((part) => part.telegramMessageId)
      .filter((id) => id !== null);
    const [row] = await this.session.queries
      .select({ seq: events.seq })
      .from(events)
      .where(
        and(
          eq(events.chatId, chatId),
          gt(events.seq, last.seq),
          shown.length === 0
            ? undefined
            : // SQLite's three-valued `not (…)`: a bot message without a message id counts as neither.
              not(and(eq(events.kind, "bot_message"), inArray(events.messageId, shown))!),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /**
   * The Merkle frontier over the chat's whole log as it is now (SQLite's `ChainFrontiers.current`):
   * the stored one, or else the last checkpoint's subtrees (a chat logged before frontiers were
   * kept), grown by the events it lacks and stored, so that later appends keep it.
   */
  private async currentFrontier(chatId: number): Promise<MerkleAccumulator> {
    const [stored] = await this.session.queries
      .select({ size: chainFrontiers.size, subtrees: chainFrontiers.subtrees })
      .from(chainFrontiers)
      .where(eq(chainFrontiers.chatId, chatId));
    const tree = stored === undefined ? await this.lastCheckpointTree(chatId) : MerkleAccumulator.resume(stored);
    const lacking = await this.session.queries
      .select({ hash: events.hash })
      .from(events)
      .where(and(eq(events.chatId, chatId), gt(events.seq, tree.size)))
      .orderBy(asc(events.seq));
    for (const { hash } of lacking) tree.add(eventLeaf(hash));
    if (stored?.size !== tree.size) await this.frontiers.write(chatId, tree);
    return tree;
  }

  private async lastCheckpointTree(chatId: number): Promise<MerkleAccumulator> {
    const last = await this.lastCheckpoint(chatId);
    return last === undefined
      ? new MerkleAccumulator()
      : MerkleAccumulator.resume({
          size: last.payload.size,
          subtrees: Buffer.from(last.payload.subtrees.join(""), "hex"),
        });
  }
}

function checkpointOf(row: { seq: number; line: string; receivedAt: number }): Checkpoint {
  const { size, root, messageKey } = checkpointPayloadOf(row.line);
  return { seq: row.seq, size, root, messageKey, recordedAt: row.receivedAt };
}
