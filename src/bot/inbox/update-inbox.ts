import type { Context, MiddlewareFn, Transformer } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Clock } from "../../clock.js";
import type { PendingUpdate } from "../../db/correspondence-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { describeUpdate } from "../../records/describe-update.js";
import { chatOfUpdate } from "./update-chat.js";

/** The update's key in regbot (see `inboxUpdates`): what its replies, records and effects are keyed by. */
export interface UpdateKeyFlavor {
  updateKey: number;
  /** Stored by an earlier process and never marked handled: it may have been handled before a crash. */
  handlingAgain: boolean;
}

/**
 * Store first, then handle. Every update is committed durably (raw, plus its correspondence
 * events) before Telegram can be told it arrived, and is handled at most once to completion,
 * in one transaction of its own.
 *
 * grammY confirms an update by asking for the next offset even when a handler threw, so the
 * durable write happens inside the getUpdates call itself (an API transformer): grammY only
 * sees a batch once it is on disk, and a storage failure surfaces as a failed getUpdates, which
 * grammY retries without moving the offset.
 */
export class UpdateInbox {
  /** Keys of the updates stored or read by this process, by the very object grammY handles. */
  private readonly keys = new WeakMap<Update, number>();
  // The sets below hold keys, not update ids.
  private readonly handled = new Set<number>();
  /** Stored by this process, not yet handled: when none are left, the batch is written as done. */
  private readonly awaiting = new Set<number>();
  /**
   * Known to be stored and not yet handled, so the gate need not ask the database: stored here for
   * the first time ("fresh"), or found pending at start ("again": an earlier process may have handled it).
   */
  private readonly knownPending = new Map<number, "fresh" | "again">();
  /** Telegram's last batch was full: the next one follows at once and carries the handled marks. */
  private moreWaiting = false;
  private lastContact: number | undefined;
  private telegramQueueEmpty = false;
  /** Whether the last batch could not be stored (a full disk): its recovery is logged once. */
  private readonly storing = { failing: false };
  private resolveCaughtUp: () => void = () => undefined;
  /** Resolves once Telegram has no older updates waiting and all fetched ones are handled. */
  readonly caughtUp = new Promise<void>((resolve) => (this.resolveCaughtUp = resolve));
  /** Stores each update's chat, by which PostgreSQL's processes take turns (SQLite's one process needs none). */
  storesChats = false;

  constructor(
    private readonly correspondence: Repositories["correspondence"],
    private readonly handling: Repositories["handling"],
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get lastTelegramContactAt(): number | undefined {
    return this.lastContact;
  }

  readonly getUpdatesTransformer: Transformer = async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (method !== "getUpdates") return response;
    this.noteTelegramContact();
    if (response.ok) {
      const updates = response.result as Update[];
      await this.store(updates).catch((error: unknown) => {
        // grammY asks again every few seconds: said once per outage, not on every try.
        if (!this.storing.failing)
          this.logger.error({ err: error }, "could not store updates; they stay unconfirmed and are fetched again");
        this.storing.failing = true;
        throw error;
      });
      if (this.storing.failing) this.logger.info({ updates: updates.length }, "updates are stored again");
      this.storing.failing = false;
      // A batch smaller than asked for means Telegram had nothing older waiting.
      this.moreWaiting = updates.length >= ((payload as { limit?: number }).limit ?? 100);
      if (!this.moreWaiting) this.noteTelegramQueueEmpty();
    }
    return response;
  };

  noteTelegramContact(): void {
    this.lastContact = this.clock();
  }

  noteTelegramQueueEmpty(): void {
    this.telegramQueueEmpty = true;
    if (this.awaiting.size === 0) this.resolveCaughtUp();
  }

  /**
   * Durably stores updates (those already stored are left untouched), with the marks of those handled
   * since the last batch. `handledHere: false`: whichever process holds the chat's turn handles them
   * (`ChatTurns`), read back with `adopt`.
   */
  async store(updates: readonly Update[], { handledHere = true }: { handledHere?: boolean } = {}): Promise<void> {
    if (updates.length === 0) return this.flushHandled();
    const batch = updates.map((update) => ({
      updateId: update.update_id,
      payload: update,
      drafts: this.describe(update),
      ...(this.storesChats ? { telegramChatId: chatOfUpdate(update) } : {}),
    }));
    this.commitHandlings();
    const done = [...this.handled];
    const stored = await this.correspondence.ingest(batch, this.clock(), done);
    for (const key of done) this.handled.delete(key);
    if (!handledHere) return;
    for (const [index, { key, isNew }] of stored.entries()) {
      this.keys.set(updates[index]!, key);
      this.awaiting.add(key);
      if (isNew) this.knownPending.set(key, "fresh");
    }
    this.logger.debug(
      { updates: updates.length, stored: stored.filter((update) => update.isNew).length },
      "stored update batch",
    );
  }

  /**
   * The update's correspondence events. One Telegram would never send (a message without a chat)
   * is still kept raw, without events: refusing it would make Telegram send it again forever.
   */
  private describe(update: Update): ReturnType<typeof describeUpdate> {
    try {
      return describeUpdate(update);
    } catch (error) {
      this.logger.warn(
        { updateId: update.update_id, fields: Object.keys(update), err: error },
        "an update of an unknown shape is kept raw, without events",
      );
      return [];
    }
  }

  /** Installed first: lets each stored update through once, then notes it as handled. */
  readonly gate: MiddlewareFn<Context & UpdateKeyFlavor> = async (ctx, next) => {
    // Known, without a call or an await, for what this process stored or read.
    const key = this.keys.get(ctx.update) ?? (await this.lookUpKey(ctx.update));
    ctx.updateKey = key;
    const pending = this.knownPending.get(key);
    this.knownPending.delete(key);
    ctx.handlingAgain = pending !== "fresh";
    if (this.handled.has(key) || (pending === undefined && (await this.correspondence.isHandled(key)))) {
      this.logger.debug({ updateKey: key }, "update already handled, skipped");
      await this.settle(key);
      return;
    }
    // The batch's handlings are one commit (see SQLite's HandlingTransaction for why it need not wait for its own fsync);
    // an update counts as handled once what it wrote is committed.
    await this.handling.around(next, () => this.handled.add(key));
    await this.settle(key);
  };

  /** The key of an update this process neither stored nor read: looked up by id and payload (its own id if never stored). */
  private async lookUpKey(update: Update): Promise<number> {
    return (await this.correspondence.keyOf(update.update_id, update)) ?? update.update_id;
  }

  async markFailed(key: number, error: unknown): Promise<void> {
    this.handled.delete(key);
    try {
      await this.correspondence.markFailed(key, error instanceof Error ? error.message : String(error));
    } finally {
      // Unmarked (the database refused), it stays pending and is handled again after a restart.
      await this.settle(key);
    }
  }

  /** One write per batch rather than per update: a crash re-handles at most one batch. */
  private settle(key: number): Promise<void> | undefined {
    this.awaiting.delete(key);
    // Synchronous for every update but a batch's last, which grammY's loop runs a hundred times a batch.
    return this.awaiting.size > 0 ? undefined : this.settleBatch();
  }

  private async settleBatch(): Promise<void> {
    this.commitHandlings();
    if (!this.moreWaiting) await this.flushHandled();
    if (this.telegramQueueEmpty) this.resolveCaughtUp();
  }

  async flushHandled(): Promise<void> {
    this.commitHandlings();
    if (this.handled.size === 0) return;
    const ids = [...this.handled];
    this.handled.clear();
    await this.correspondence.markDone(ids);
  }

  /** The handlings not yet committed are, so they count as handled; when the commit fails they stay pending, handled again after a restart. */
  private commitHandlings(): void {
    try {
      this.handling.release();
    } catch (error) {
      this.logger.error(
        { err: error },
        "could not commit the handling of updates; they are handled again after a restart",
      );
    }
  }

  /**
   * An update read back from the inbox to be handled here: another process may have stored it, or
   * begun its handling and died, so it is handled as "again" (its replies are not sent twice).
   */
  adopt(row: PendingUpdate): Update {
    const update = JSON.parse(row.payload) as Update;
    this.keys.set(update, row.key);
    this.awaiting.add(row.key);
    this.knownPending.set(row.key, "again");
    return update;
  }

  /** Updates stored before the last stop but never handled, oldest first. */
  async unhandled(): Promise<Update[]> {
    const rows = await this.correspondence.pendingUpdates();
    return rows.map((row) => this.adopt(row));
  }
}
