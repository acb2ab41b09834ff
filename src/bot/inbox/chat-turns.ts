import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { PendingUpdate } from "../../db/correspondence-repository.js";
import type { UpdateInbox } from "./update-inbox.js";

/** A chat's Telegram id, or null for the updates that belong to no chat (they take one turn of their own). */
export type TurnChat = number | null;

/** Whose turn a chat is, among the processes sharing one database. */
export interface TurnLocks {
  /** Takes the chat's turn unless another process holds it; never waits. */
  tryTake(chat: TurnChat): Promise<boolean>;
  /** False once the turn was lost (its connection failed): another process may hold it now. */
  holds(chat: TurnChat): boolean;
  give(chat: TurnChat): Promise<void>;
  close(): Promise<void>;
}

/** The updates waiting, by chat. */
export interface TurnInbox {
  chatsWithPendingUpdates(): Promise<TurnChat[]>;
  pendingUpdatesOf(chat: TurnChat): Promise<PendingUpdate[]>;
}

export interface ChatTurnsOptions {
  locks: TurnLocks;
  pending: TurnInbox;
  inbox: UpdateInbox;
  handle(update: Update): Promise<void>;
  logger: Logger;
  /** How often chats left waiting (their process died) are looked for; default 5 s. */
  sweepMs?: number;
}

const SWEEP_MS = 5_000;

/**
 * Several processes behind a load balancer each store the updates they receive; the one holding a
 * chat's turn handles that chat's waiting updates one at a time, oldest first, each marked done
 * once handled, then gives the turn up. A process that dies loses its turns with its connection,
 * and a sweep elsewhere takes them up: the update it was handling is handled again, as after a
 * restart, and its replies are not sent twice.
 */
export class ChatTurns {
  /** The chats whose turn this process runs, and those stored to meanwhile. */
  private readonly running = new Map<TurnChat, Promise<void>>();
  private readonly storedMeanwhile = new Set<TurnChat>();
  private sweeper: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ChatTurnsOptions) {}

  /** Takes up every chat left waiting, now and then every few seconds. */
  async start(): Promise<void> {
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), this.options.sweepMs ?? SWEEP_MS);
    this.sweeper.unref();
  }

  /** After storing an update of `chat`: handles it here unless another process holds the chat's turn. */
  take(chat: TurnChat): Promise<void> {
    const running = this.running.get(chat);
    if (running !== undefined) {
      this.storedMeanwhile.add(chat);
      return running;
    }
    if (this.stopped) return Promise.resolve();
    const turn = this.run(chat)
      .catch((error: unknown) =>
        this.options.logger.error({ err: error, chat }, "a chat's turn ended early; the sweep takes it up again"),
      )
      .finally(() => this.running.delete(chat));
    this.running.set(chat, turn);
    return turn;
  }

  /** Stops taking turns and waits for those running to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    await Promise.all(this.running.values());
    await this.options.locks.close();
  }

  private async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const chats = await this.options.pending.chatsWithPendingUpdates();
      await Promise.all(chats.filter((chat) => !this.running.has(chat)).map((chat) => this.take(chat)));
    } catch (error) {
      this.options.logger.warn({ err: error }, "could not look for chats with waiting updates");
    }
  }

  private async run(chat: TurnChat): Promise<void> {
    const { locks, pending } = this.options;
    for (;;) {
      this.storedMeanwhile.delete(chat);
      // Held by another process: it looks again once it gives the turn up, and so finds this update.
      if (!(await locks.tryTake(chat))) return;
      try {
        await this.handleWaiting(chat);
      } finally {
        await locks.give(chat);
      }
      // Stored while this process held the turn, by a process whose try failed.
      if (this.stopped) return;
      if (!this.storedMeanwhile.has(chat) && (await pending.pendingUpdatesOf(chat)).length === 0) return;
    }
  }

  private async handleWaiting(chat: TurnChat): Promise<void> {
    const { locks, pending, inbox, handle } = this.options;
    for (;;) {
      const waiting = await pending.pendingUpdatesOf(chat);
      if (waiting.length === 0) return;
      for (const row of waiting) {
        if (this.stopped) return;
        if (!locks.holds(chat)) throw new Error("the connection holding the chat's turn failed");
        await handle(inbox.adopt(row));
        // Done before the turn passes on: the next holder never handles it again.
        await inbox.flushHandled();
      }
    }
  }
}
