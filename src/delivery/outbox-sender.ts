import { GrammyError, HttpError, type Api } from "grammy";
import type { Message } from "grammy/types";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { EditPayload, OutboxRow, OutgoingEdit, OutgoingMessage, SendParameters } from "../db/outbox-repository.js";
import type { Repositories } from "../db/repositories.js";
import type { EventDraft } from "../domain/correspondence.js";
import { describeEdit, type EditDelivery } from "../records/describe-edit.js";
import { describeSent } from "../records/describe-sent.js";
import { TELEGRAM_TEXT_LIMIT } from "../domain/text/split-message.js";
import { mergeNotices } from "./merge-notices.js";
import { RateLimiter, type RateLimitPolicy } from "./rate-limits.js";

/** Failures that may pass (a network fault, Telegram's 5xx) are retried this long before regbot gives up. */
export const GIVE_UP_AFTER_MS = 60 * 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const IDLE_RECHECK_MS = 5_000;
/** A chat with more messages than this waiting gets its low-priority notices merged. */
const MERGE_BACKLOG = 3;

export interface SenderDeps {
  outbox: Repositories["outbox"];
  chats: Repositories["chats"];
  /** Only sending is needed; a narrow type keeps the sender testable on its own. */
  api: Pick<Api, "sendMessage" | "editMessageText">;
  /** Domain time: when a message counts as sent in the record. */
  clock: Clock;
  /** Wall-clock time for pacing and retries, which answer to Telegram's own clock (default: Date.now). */
  pacing?: Clock;
  logger: Logger;
  /** What giving up on a message adds: its record in the chat's log and the notices to the specialists. */
  onUndelivered?: (row: OutboxRow, reason: string) => Promise<{ record: EventDraft[]; notices: OutgoingMessage[] }>;
  /** Telegram's sending limits in production; tests that do not test pacing lift them. */
  rateLimits: RateLimitPolicy;
}

/**
 * Delivers the outbox: each destination in order, many destinations at once, within Telegram's
 * limits, so a slow or rate-limited chat never holds up another. Woken as soon as something is
 * posted; a timer covers retries and rate-limit waits.
 */
export class OutboxSender {
  private readonly limiter: RateLimiter;
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private stopped = true;

  private readonly pacing: Clock;
  /** Sent, but the database could not take the record yet: written first when it can. */
  private readonly unrecorded: Array<() => Promise<void>> = [];
  /** Left "sending" because their failure could not be written: back to pending when the database can. */
  private readonly stranded = new Set<number>();
  /** While the database cannot be written (a full disk), nothing is sent before this wall-clock time. */
  private storagePausedUntil = 0;
  private storageBackoffMs = 0;

  constructor(private readonly deps: SenderDeps) {
    this.pacing = deps.pacing ?? Date.now;
    this.limiter = new RateLimiter(deps.rateLimits);
  }

  async start(): Promise<void> {
    const interrupted = await this.deps.outbox.recoverInterrupted();
    if (interrupted > 0)
      this.deps.logger.warn({ interrupted }, "messages interrupted mid-send will be retried once, marked uncertain");
    this.stopped = false;
    this.wake();
  }

  /** Queues messages durably, then wakes the sender. */
  async post(messages: readonly OutgoingMessage[]): Promise<void> {
    await this.deps.outbox.enqueue(messages, this.deps.clock());
    this.wake();
  }

  /** Queues edits of messages regbot posted (or will post) durably, then wakes the sender. */
  async postEdits(edits: readonly OutgoingEdit[]): Promise<void> {
    if (edits.length === 0) return;
    await this.deps.outbox.enqueueEdits(edits, this.deps.clock());
    this.wake();
  }

  /** Messages queued or sent under a key prefix (edits aside): what edits may follow. */
  async deliverableUnder(prefix: string): Promise<OutboxRow[]> {
    return this.deps.outbox.deliverableUnder(prefix);
  }

  /** Handling an update again: if its first run queued replies, they stand, and `handle` adds none. */
  async handleAgain(updateKey: number, handle: () => Promise<void>): Promise<void> {
    const { outbox, logger } = this.deps;
    if (!(await outbox.hasRepliesTo(updateKey))) return handle();
    logger.info({ updateKey }, "update handled again after a crash: its first replies stand");
    return outbox.withRepliesSettled(updateKey, handle);
  }

  /** Told when something is posted while this sender is stopped: on PostgreSQL another process may be sending. */
  onPostedWhileStopped: () => void = () => undefined;

  wake(): void {
    if (this.stopped) {
      this.onPostedWhileStopped();
      return;
    }
    if (this.pumping !== undefined) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error: unknown) => this.storageFailed(error))
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.wake();
        }
      });
  }

  /** Stops taking new work and waits for requests already sent to Telegram. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pumping;
    await Promise.all(this.inFlight);
  }

  private async pump(): Promise<void> {
    const now = this.pacing();
    if (now < this.storagePausedUntil) return this.wakeAt(this.storagePausedUntil);
    await this.settleWhatStorageHeldBack(now);
    let nextWake = now + IDLE_RECHECK_MS;
    for (const row of await this.deps.outbox.destinationHeads(500)) {
      const lane = laneOf(row);
      if (this.busy.has(lane)) continue;
      if (row.nextAttemptAt > now) {
        nextWake = Math.min(nextWake, row.nextAttemptAt);
        continue;
      }
      const globallyAvailableAt = this.limiter.globallyAvailableAt(now);
      if (globallyAvailableAt > now) {
        // Nothing else may leave before then, so the remaining heads need no look-up now.
        nextWake = Math.min(nextWake, globallyAvailableAt);
        break;
      }
      const destination = await this.destinationOf(row);
      if (destination === undefined) {
        await this.deps.outbox.markFailed([row.id], "the chat is unknown");
        continue;
      }
      const availableAt = this.limiter.availableAt(destination, now);
      if (availableAt > now) {
        nextWake = Math.min(nextWake, availableAt);
        continue;
      }
      this.limiter.record(destination, now);
      this.busy.add(lane);
      const delivery = this.deliver(row, destination, now)
        .catch((error: unknown) => this.storageFailed(error))
        .finally(() => {
          this.busy.delete(lane);
          this.inFlight.delete(delivery);
          this.wake();
        });
      this.inFlight.add(delivery);
    }
    this.wakeAt(nextWake);
  }

  private wakeAt(at: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, at - this.pacing()));
    this.timer.unref();
  }

  /**
   * The database refused a write (a full disk): said once, then the sender waits with back-off
   * (1 s doubling to a minute) and tries again; nothing is dropped meanwhile.
   */
  private storageFailed(error: unknown): void {
    if (this.storageBackoffMs === 0)
      this.deps.logger.error(
        { err: error },
        "cannot write to the database (is the disk full?); the outbox waits and retries",
      );
    else this.deps.logger.debug({ err: error }, "the database still cannot be written");
    this.storageBackoffMs = Math.min(Math.max(1_000, this.storageBackoffMs * 2), 60_000);
    this.storagePausedUntil = this.pacing() + this.storageBackoffMs;
    if (!this.stopped) this.wakeAt(this.storagePausedUntil);
  }

  /** Writes what a refused write held back; the first write that succeeds ends the pause. */
  private async settleWhatStorageHeldBack(now: number): Promise<void> {
    while (this.unrecorded.length > 0) {
      await this.unrecorded[0]!();
      this.unrecorded.shift();
      this.storageWorks();
    }
    if (this.stranded.size > 0) {
      await this.deps.outbox.retryLater([...this.stranded], now, "the database could not be written", true);
      this.stranded.clear();
      this.storageWorks();
    }
  }

  private storageWorks(): void {
    if (this.storageBackoffMs === 0) return;
    this.storageBackoffMs = 0;
    this.deps.logger.info("the database takes writes again; the outbox goes on");
  }

  /**
   * Marks the rows as sending, committed before the request; false when another process took
   * them, or has a message of their destination on its way (PostgreSQL's `OutboxRowsTaken`):
   * that process sends, and this one skips the head.
   */
  private async claim(ids: readonly number[]): Promise<boolean> {
    try {
      await this.deps.outbox.markSending(ids);
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === "OutboxRowsTaken") return false;
      throw error;
    }
  }

  private async destinationOf(row: OutboxRow): Promise<number | undefined> {
    if (row.chatId === null) return row.userId ?? undefined;
    return (await this.deps.chats.findById(row.chatId))?.telegramChatId;
  }

  private async deliver(head: OutboxRow, destination: number, sentAt: number): Promise<void> {
    if (head.editOf !== null) return this.deliverEdit(head, head.editOf, destination, sentAt);
    const rows = await this.mergeableWith(head);
    const ids = rows.map((row) => row.id);
    const parameters =
      rows.length === 1
        ? (JSON.parse(head.payload) as SendParameters)
        : mergeNotices(rows.map((row) => JSON.parse(row.payload) as SendParameters));
    if (!(await this.claim(ids))) return;
    const uncertain = rows.some((row) => row.uncertain);
    let message: Message.TextMessage;
    try {
      message = await this.deps.api
        .sendMessage(destination, parameters.text, {
          ...parameters,
          ...(head.threadId !== null ? { message_thread_id: head.threadId } : {}),
        } as Parameters<Api["sendMessage"]>[2])
        .finally(() => this.limiter.answered(destination, sentAt, this.pacing()));
    } catch (error) {
      await this.handleFailure(head, ids, destination, uncertain, error).catch((storageError: unknown) => {
        for (const id of ids) this.stranded.add(id);
        throw storageError;
      });
      return;
    }
    const record = () =>
      this.deps.outbox.markSent(
        ids,
        message.message_id,
        this.deps.clock(),
        describeSent("sendMessage", message as Message, uncertain ? "uncertain" : "certain"),
      );
    await record().catch((storageError: unknown) => {
      // It was said: the record waits in memory and is written before anything else is sent.
      this.unrecorded.push(record);
      throw storageError;
    });
    this.storageWorks();
  }

  /**
   * Edits a message once it is out; one that never went out is not edited. Editing is
   * idempotent, so a retry after a crash mid-request finds the message already edited: what the
   * edit row holds then records it, once (see describeEdit).
   */
  private async deliverEdit(head: OutboxRow, editOf: number, destination: number, sentAt: number): Promise<void> {
    const { outbox, logger } = this.deps;
    const original = await outbox.find(editOf);
    if (original === undefined || original.state === "failed" || original.state === "cancelled")
      return outbox.cancel([head.id], "the message it edits was never delivered");
    if (original.state !== "sent" || original.telegramMessageId === null)
      return outbox.retryLater([head.id], sentAt + IDLE_RECHECK_MS, "waits for the message it edits", false);
    const requested = await this.requestedEdit(head, original, destination);
    if (!(await this.claim([head.id]))) return;
    let edited: Message | true;
    try {
      edited = await this.deps.api
        .editMessageText(destination, requested.message_id, requested.text!, {
          ...(requested.entities === undefined ? {} : { entities: requested.entities }),
          link_preview_options: { is_disabled: true },
        } as Parameters<Api["editMessageText"]>[3])
        .finally(() => this.limiter.answered(destination, sentAt, this.pacing()));
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 400 && error.description.includes("not modified")) {
        logger.info({ outbox: head.id }, "the edit had already reached Telegram before a restart");
        return outbox.markSent(
          [head.id],
          requested.message_id,
          this.deps.clock(),
          this.describeEditOf(head, requested, "already applied"),
        );
      }
      await this.handleFailure(head, [head.id], destination, false, error).catch((storageError: unknown) => {
        this.stranded.add(head.id);
        throw storageError;
      });
      return;
    }
    const record = () =>
      outbox.markSent(
        [head.id],
        requested.message_id,
        this.deps.clock(),
        this.describeEditOf(head, edited === true ? requested : edited, "certain"),
      );
    await record().catch((storageError: unknown) => {
      this.unrecorded.push(record);
      throw storageError;
    });
    this.storageWorks();
  }

  /** The message as the edit row asks it to read, in Telegram's shape: what is recorded when Telegram's answer is missing. */
  private async requestedEdit(head: OutboxRow, original: OutboxRow, destination: number): Promise<Message> {
    const { text, entities } = JSON.parse(original.payload) as SendParameters;
    const { append } = JSON.parse(head.payload) as EditPayload;
    const chat = head.chatId === null ? undefined : await this.deps.chats.findById(head.chatId);
    return {
      message_id: original.telegramMessageId!,
      chat: (chat === undefined
        ? { id: destination, type: "private" }
        : { id: destination, type: chat.type, title: chat.title ?? "" }) as Message["chat"],
      text: `${text}\n\n${append}`,
      ...(entities === undefined ? {} : { entities }),
    } as Message;
  }

  private describeEditOf(head: OutboxRow, message: Message, delivery: EditDelivery): EventDraft[] {
    const { append, privateAlertOf } = JSON.parse(head.payload) as EditPayload;
    return describeEdit({ outboxId: head.id, message, note: append, delivery, privateAlertOf });
  }

  /** Under pressure, a chat's pending low-priority notices go out as one message. */
  private async mergeableWith(head: OutboxRow): Promise<OutboxRow[]> {
    if (head.priority !== "low" || head.chatId === null) return [head];
    if ((await this.deps.outbox.pendingCount(head.chatId)) <= MERGE_BACKLOG) return [head];
    const merged: OutboxRow[] = [];
    let length = 0;
    for (const row of await this.deps.outbox.pendingLowPriority(head.chatId)) {
      const text = (JSON.parse(row.payload) as SendParameters).text;
      if (row.threadId !== head.threadId || length + text.length + 2 > TELEGRAM_TEXT_LIMIT) continue;
      merged.push(row);
      length += text.length + 2;
    }
    return merged.some((row) => row.id === head.id) ? merged : [head];
  }

  private async handleFailure(
    head: OutboxRow,
    ids: number[],
    destination: number,
    wasUncertain: boolean,
    error: unknown,
  ): Promise<void> {
    const { outbox, logger } = this.deps;
    const now = this.pacing();
    const attempts = head.attempts + 1;
    const backoff = now + Math.min(1_000 * 2 ** attempts, MAX_BACKOFF_MS);
    const failingSince = head.failingSince ?? now;
    const stillTrying = now - failingSince < GIVE_UP_AFTER_MS;
    if (error instanceof GrammyError) {
      const migratedTo = error.parameters.migrate_to_chat_id;
      if (error.error_code === 400 && migratedTo !== undefined && head.chatId !== null) {
        await this.deps.chats.recordMigration(head.chatId, migratedTo);
        await outbox.retryLater(ids, now, error.description, false);
      } else if (error.error_code === 429) {
        const until = now + (error.parameters.retry_after ?? 5) * 1000;
        this.limiter.pause(destination, until);
        await outbox.retryLater(ids, until, error.description, false);
      } else if (error.error_code === 403 && head.chatId !== null) {
        await this.loseChat(head.chatId, error.description);
      } else if (error.error_code === 403 && (await outbox.redirectToGroup(head, now))) {
        logger.info({ userId: head.userId }, "person has not started regbot; mentioned in the group instead");
      } else if (error.error_code >= 500 && stillTrying) {
        logger.warn(
          { outbox: ids, code: error.error_code, attempt: attempts },
          "Telegram failed; the message will be sent again",
        );
        await outbox.retryLater(ids, backoff, error.description, false, failingSince);
      } else {
        await this.giveUp(head, ids, error.description, { code: error.error_code });
      }
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    // A request that may have reached Telegram has no idempotency key: each retry may post a copy,
    // so the record says "uncertain"; losing the message silently would be worse.
    const uncertain = wasUncertain || !(error instanceof HttpError && neverReachedTelegram(error));
    if (stillTrying) {
      logger.warn(
        { outbox: ids, attempt: attempts, uncertain, failingForMs: now - failingSince, err: error },
        uncertain ? "delivery uncertain; retrying, a copy may appear" : "Telegram unreachable; retrying",
      );
      await outbox.retryLater(ids, backoff, reason, uncertain, failingSince);
    } else {
      await this.giveUp(head, ids, uncertain ? `delivery uncertain: ${reason}` : reason, { uncertain });
    }
  }

  /** No definite answer within the hour, or a definite refusal: failed, and never silently. */
  private async giveUp(
    head: OutboxRow,
    ids: number[],
    reason: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    const { outbox, logger, onUndelivered } = this.deps;
    if (head.editOf !== null) {
      // The message itself was delivered; only its update is lost (deleted meanwhile, say).
      logger.warn({ outbox: ids, ...details, reason }, "gave up on editing a message");
      const original = head.uncertain ? await outbox.find(head.editOf) : undefined;
      if (original === undefined || original.telegramMessageId === null) return outbox.markFailed(ids, reason);
      // An attempt whose answer was lost may have landed: recorded as uncertain rather than not at all.
      const destination = (await this.destinationOf(head)) ?? 0;
      const requested = await this.requestedEdit(head, original, destination);
      return outbox.markUndelivered(
        ids,
        reason,
        this.describeEditOf(head, requested, "uncertain"),
        [],
        this.deps.clock(),
      );
    }
    logger.error({ outbox: ids, ...details, reason }, "gave up on a message; it is recorded as undelivered");
    const { record, notices } =
      onUndelivered === undefined ? { record: [], notices: [] } : await onUndelivered(head, reason);
    await outbox.markUndelivered(ids, reason, record, notices, this.deps.clock());
  }

  private async loseChat(chatId: number, reason: string): Promise<void> {
    this.deps.logger.warn(
      { chatId, reason },
      "regbot was removed from a chat; its pending messages are cancelled, its jobs wait for its return",
    );
    await this.deps.chats.markRemoved(chatId, this.deps.clock());
    await this.deps.outbox.cancelForChat(chatId, reason);
  }
}

function laneOf(row: OutboxRow): string {
  return row.chatId !== null ? `chat:${row.chatId}` : `user:${row.userId}`;
}

/** Errors raised before any byte reached Telegram: retrying cannot produce a duplicate. */
function neverReachedTelegram(error: HttpError): boolean {
  const code =
    (error.error as { code?: string; cause?: { code?: string } })?.cause?.code ??
    (error.error as { code?: string })?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}
