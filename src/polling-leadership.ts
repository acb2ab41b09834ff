import { GrammyError } from "grammy";
import type { Logger } from "pino";
import type { Leadership } from "./leadership.js";

/** grammY's long polling as the runner drives it: `bot.start(…)` and `bot.stop()`. */
export interface Poller {
  /** Polls until `stop()`; rejects when polling cannot go on. */
  start(): Promise<void>;
  /** Ends polling; the promise of `start()` settles once the updates in hand are handled. */
  stop(): Promise<void>;
}

export interface PollingLeadershipOptions {
  leadership: Leadership;
  poller: Poller;
  logger: Logger;
  /** Polling failed while this process leads (a wrong token; another poller outside the lock). */
  onFailed(error: unknown): void;
  /** How long after gaining the role a 409 Conflict counts as the previous leader's last call (default 30 s). */
  handoverMs?: number;
  /** The pause before polling again after such a conflict (default 1 s; tests shorten it). */
  repollAfterMs?: number;
}

const HANDOVER_MS = 30_000;
const REPOLL_AFTER_MS = 1_000;

/**
 * Polls Telegram only while this process holds the polling role: starts polling when the role is
 * gained and ends it when lost, before the role is sought again.
 */
export class PollingLeadership {
  private polling: Promise<void> | undefined;
  private gainedAt = 0;
  private repoll: NodeJS.Timeout | undefined;
  private unsubscribe: Array<() => void> = [];
  private following = false;

  constructor(private readonly options: PollingLeadershipOptions) {}

  /** Call before `leadership.start()`, or at any time after: polls at once if this process already leads. */
  start(): void {
    const { leadership } = this.options;
    this.following = true;
    this.unsubscribe = [
      leadership.onGained(() => {
        this.gainedAt = Date.now();
        this.poll();
      }),
      leadership.onLost(() => this.endPolling()),
    ];
    if (leadership.isLeader) {
      this.gainedAt = Date.now();
      this.poll();
    }
  }

  /** Ends polling and stops following the role; the caller stops the leadership itself after. */
  async stop(): Promise<void> {
    this.following = false;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    await this.endPolling();
  }

  private poll(): void {
    if (this.polling !== undefined || !this.following || !this.options.leadership.isLeader) return;
    const { poller } = this.options;
    const polling: Promise<void> = poller
      .start()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        if (this.polling === polling) this.polling = undefined;
      });
    this.polling = polling;
  }

  private async endPolling(): Promise<void> {
    clearTimeout(this.repoll);
    if (this.polling === undefined) return;
    await this.options.poller
      .stop()
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error }, "could not confirm the last updates; they will be fetched again"),
      );
    await this.polling;
  }

  private failed(error: unknown): void {
    const { leadership, logger } = this.options;
    if (!leadership.isLeader || !this.following) return;
    const handover = error instanceof GrammyError && error.error_code === 409;
    if (!handover || Date.now() - this.gainedAt > (this.options.handoverMs ?? HANDOVER_MS)) {
      this.options.onFailed(error);
      return;
    }
    // The previous leader's last getUpdates (its stop's confirmation) may overlap our first ones.
    logger.warn({ err: error }, "another process polled as this one took over; polling again");
    this.repoll = setTimeout(() => this.poll(), this.options.repollAfterMs ?? REPOLL_AFTER_MS);
  }
}
