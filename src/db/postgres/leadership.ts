import pg from "pg";
import type { Logger } from "pino";
import { type Leadership, LeadershipListeners } from "../../leadership.js";

/** How often a follower tries to take the role, and a leader asks whether its lock's connection lives. */
export const DEFAULT_RETRY_MS = 10_000;
/** A lock connection that takes longer than this to connect or answer counts as lost. */
export const ANSWER_TIMEOUT_MS = 5_000;
/**
 * Asked of the server for the lock's own session: once a leader's machine or network vanishes,
 * the server drops its session, and so frees the lock, within idle + count × interval seconds
 * (`tcp_user_timeout` the same, for when the server's last answer is the one left unacknowledged).
 */
export const SERVER_KEEPALIVE = { idleSeconds: 5, intervalSeconds: 5, count: 2 } as const;

const deadPeerDroppedWithinMs =
  (SERVER_KEEPALIVE.idleSeconds + SERVER_KEEPALIVE.count * SERVER_KEEPALIVE.intervalSeconds) * 1000;

const SESSION_SETTINGS = [
  `set tcp_keepalives_idle = ${SERVER_KEEPALIVE.idleSeconds}`,
  `set tcp_keepalives_interval = ${SERVER_KEEPALIVE.intervalSeconds}`,
  `set tcp_keepalives_count = ${SERVER_KEEPALIVE.count}`,
  `set tcp_user_timeout = ${deadPeerDroppedWithinMs}`,
].join("; ");

/**
 * The longest a follower waits to lead once the leader is gone: the server noticing a leader that
 * vanished without closing its socket, then the follower's next try. A leader killed outright
 * closes its socket, and the follower leads at its next try.
 */
export function longestTakeoverMs(retryMs: number = DEFAULT_RETRY_MS): number {
  return deadPeerDroppedWithinMs + retryMs;
}

export interface PostgresLeadershipOptions {
  url: string;
  /** The name the advisory lock is hashed from: `regbot:polling`, `regbot:sending`. */
  role: string;
  logger: Logger;
  /** Default `DEFAULT_RETRY_MS`; tests shorten it. */
  retryMs?: number;
  /** Default `ANSWER_TIMEOUT_MS`; tests shorten it. */
  answerTimeoutMs?: number;
}

/**
 * Leadership of a role among the processes sharing one database: the holder of a session-level
 * advisory lock on a connection of its own leads. A leader killed outright loses its socket and the
 * server frees the lock at once; one whose connection fails, or does not answer in time, reports
 * the loss at once and seeks the role again, on a new connection, only once its listeners have
 * ended the role's work (two pollers get 409 Conflict from Telegram).
 */
export class PostgresLeadership implements Leadership {
  readonly role: string;
  private readonly url: string;
  private readonly logger: Logger;
  private readonly retryMs: number;
  private readonly answerTimeoutMs: number;
  private readonly listeners: LeadershipListeners;
  private client: pg.Client | undefined;
  private leading = false;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private trying: Promise<void> | undefined;
  /** The lost listeners of the last loss: no new connection before they end. */
  private losing: Promise<void> = Promise.resolve();

  constructor(options: PostgresLeadershipOptions) {
    this.role = options.role;
    this.url = options.url;
    this.logger = options.logger;
    this.retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
    this.answerTimeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
    this.listeners = new LeadershipListeners(options.role, options.logger);
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
    if (!this.stopped) return;
    this.stopped = false;
    await this.seek();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.trying;
    await this.losing;
    const client = this.client;
    this.client = undefined;
    if (this.leading) {
      this.leading = false;
      await this.listeners.tellLost();
      this.logger.info({ role: this.role }, "leadership given up");
    }
    // The session's end frees its locks.
    await client
      ?.end()
      .catch((error: unknown) => this.logger.warn({ err: error, role: this.role }, "lock close failed"));
  }

  private seek(): Promise<void> {
    this.trying ??= this.attempt().finally(() => {
      this.trying = undefined;
      this.scheduleNext();
    });
    return this.trying;
  }

  private scheduleNext(): void {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => void this.seek(), this.retryMs);
  }

  /** A follower tries the lock; a leader asks its connection whether it lives. */
  private async attempt(): Promise<void> {
    await this.losing;
    if (this.stopped) return;
    let client = this.client;
    try {
      if (client === undefined) {
        client = this.connection();
        this.client = client;
        await client.connect();
        await client.query(SESSION_SETTINGS);
      }
      if (this.leading) {
        await client.query("select 1");
        return;
      }
      const { rows } = await client.query<{ locked: boolean }>(
        "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
        [this.role],
      );
      // The connection may have failed meanwhile; stop() ends it, and the lock with it.
      if (rows[0]?.locked !== true || client !== this.client || this.stopped) return;
      this.leading = true;
      this.logger.info({ role: this.role }, "leadership gained");
      this.listeners.tellGained();
    } catch (error) {
      if (client !== undefined) this.lose(client, error);
    }
  }

  private connection(): pg.Client {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: `regbot ${this.role}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      connectionTimeoutMillis: this.answerTimeoutMs,
      query_timeout: this.answerTimeoutMs,
    });
    client.on("error", (error) => this.lose(client, error));
    client.on("end", () => this.lose(client, new Error("the lock's connection ended")));
    return client;
  }

  /** Forgets a failed connection; a leader reports the loss at once and waits for its listeners. */
  private lose(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    // A connection that only answered late may still hold the lock: ending it frees the lock.
    client.end().catch(() => {});
    if (!this.leading) {
      this.logger.warn({ err: error, role: this.role }, "the lock's connection failed; trying again later");
      return;
    }
    this.leading = false;
    this.logger.warn({ err: error, role: this.role }, "the lock's connection failed: leadership lost");
    this.losing = this.listeners.tellLost().then(() => this.scheduleNext());
  }
}
