import pg from "pg";
import type { Logger } from "pino";

const CHANNEL = "regbot_outbox";

/**
 * Tells the process that sends (`regbot:sending`) that another one posted to the outbox, through
 * PostgreSQL's LISTEN/NOTIFY, so a follower's replies leave at once rather than at the sender's
 * next look (a lost signal costs only that wait).
 */
export class PostgresOutboxSignal {
  private client: Promise<pg.Client> | undefined;
  private listener: (() => void) | undefined;
  private notifying = false;
  private notifyAgain = false;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** Runs `onPosted` whenever any process signals. */
  async listen(onPosted: () => void): Promise<void> {
    this.listener = onPosted;
    await this.connection();
  }

  /** Signals the listeners; signals asked for while one is on its way are sent as one. */
  notify(): void {
    if (this.closed) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    this.connection()
      .then((client) => client.query(`select pg_notify('${CHANNEL}', '')`))
      .catch((error: unknown) => this.logger.warn({ err: error }, "could not signal the sending process"))
      .finally(() => {
        this.notifying = false;
        if (!this.notifyAgain) return;
        this.notifyAgain = false;
        this.notify();
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await (await client?.catch(() => undefined))?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    this.client ??= this.connect().catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: "regbot outbox signal" });
    client.on("error", (error) => {
      this.logger.warn({ err: error }, "the outbox signal's connection failed; it reconnects at the next signal");
      this.client = undefined;
      client.end().catch(() => undefined);
    });
    client.on("notification", () => this.listener?.());
    await client.connect();
    if (this.listener !== undefined) await client.query(`listen ${CHANNEL}`);
    return client;
  }
}
