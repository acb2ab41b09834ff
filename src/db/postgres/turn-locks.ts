import pg from "pg";
import type { Logger } from "pino";
import type { TurnChat, TurnLocks } from "../../bot/inbox/chat-turns.js";

function turnKey(chat: TurnChat): string {
  return chat === null ? "regbot:turn:no-chat" : `regbot:turn:${chat}`;
}

/**
 * Chats' turns as session-level advisory locks on a connection of their own: a process that dies
 * closes its socket, the server ends its session and frees its turns at once.
 */
export class PostgresTurnLocks implements TurnLocks {
  private client: Promise<pg.Client> | undefined;
  private readonly held = new Set<TurnChat>();
  /** The turns of several chats share the connection, and a `pg.Client` must be given one query at a time. */
  private queries: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async tryTake(chat: TurnChat): Promise<boolean> {
    const { rows } = await this.query<{ taken: boolean }>(
      "select pg_try_advisory_lock(hashtextextended($1, 0)) as taken",
      [turnKey(chat)],
    );
    if (rows[0]?.taken === true) this.held.add(chat);
    return rows[0]?.taken === true;
  }

  holds(chat: TurnChat): boolean {
    return this.held.has(chat);
  }

  async give(chat: TurnChat): Promise<void> {
    if (!this.held.delete(chat)) return;
    await this.query("select pg_advisory_unlock(hashtextextended($1, 0))", [turnKey(chat)]);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    await (await client?.catch(() => undefined))?.end().catch(() => undefined);
  }

  private query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    const result = this.queries.then(async () => (await this.connection()).query<Row>(text, values));
    this.queries = result.catch(() => undefined);
    return result;
  }

  private connection(): Promise<pg.Client> {
    this.client ??= this.connect();
    return this.client;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: "regbot turns",
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    const forget = (error: unknown) => {
      this.logger.warn({ err: error }, "the connection holding chats' turns failed; they pass to other processes");
      this.client = undefined;
      this.held.clear();
      client.end().catch(() => undefined);
    };
    client.on("error", forget);
    try {
      await client.connect();
    } catch (error) {
      this.client = undefined;
      throw error;
    }
    return client;
  }
}
