import type { Logger } from "pino";

/** What `/healthz` says of a role: whether this process holds it. */
export type LeaderState = "leader" | "follower";

/**
 * Whether this process holds a role only one process may hold at a time (`regbot:polling`,
 * `regbot:sending`). With SQLite the one process always does; with PostgreSQL an advisory lock
 * decides (`src/db/postgres/leadership.ts`).
 */
export interface Leadership {
  readonly role: string;
  readonly isLeader: boolean;
  /** Runs `listener` each time this process becomes the leader; returns what removes it. */
  onGained(listener: () => void): () => void;
  /**
   * Runs `listener` as soon as this process stops leading; leadership is sought again only once
   * the listener's promise settles, so the role's work must end within it. Returns what removes it.
   */
  onLost(listener: () => void | Promise<void>): () => void;
  /** Seeks the role; resolves once the first try is decided. */
  start(): Promise<void>;
  /** Reports the loss to the listeners (and waits for them) before giving the role up. */
  stop(): Promise<void>;
}

export function leaderState(leadership: Leadership): LeaderState {
  return leadership.isLeader ? "leader" : "follower";
}

/** The listeners of one `Leadership`, told in the order they came. */
export class LeadershipListeners {
  private readonly gained = new Set<() => void>();
  private readonly lost = new Set<() => void | Promise<void>>();

  constructor(
    private readonly role: string,
    private readonly logger: Logger,
  ) {}

  private failed(error: unknown): void {
    this.logger.error({ err: error, role: this.role }, "a listener of the role's leadership failed");
  }

  addGained(listener: () => void): () => void {
    this.gained.add(listener);
    return () => void this.gained.delete(listener);
  }

  addLost(listener: () => void | Promise<void>): () => void {
    this.lost.add(listener);
    return () => void this.lost.delete(listener);
  }

  tellGained(): void {
    for (const listener of [...this.gained]) {
      try {
        listener();
      } catch (error) {
        this.failed(error);
      }
    }
  }

  /** Settles once every listener has ended its work; a failing one does not hold the others up. */
  async tellLost(): Promise<void> {
    await Promise.all(
      [...this.lost].map(async (listener) => {
        try {
          await listener();
        } catch (error) {
          this.failed(error);
        }
      }),
    );
  }
}

/** SQLite's leadership: one process owns the database file, so it leads every role from start to stop. */
export class SoleLeadership implements Leadership {
  private leading = false;
  private readonly listeners: LeadershipListeners;

  constructor(
    readonly role: string,
    logger: Logger,
  ) {
    this.listeners = new LeadershipListeners(role, logger);
  }

  get isLeader(): boolean {
    return this.leading;
  }

  onGained(listener: () => void): () => void {
    return this.listeners.addGained(listener);
  }

  onLost(listener: () => void | Promise<void>): () => void {
    return this.listeners.addLost(listener);
  }

  async start(): Promise<void> {
    if (this.leading) return;
    this.leading = true;
    this.listeners.tellGained();
  }

  async stop(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.listeners.tellLost();
  }
}
