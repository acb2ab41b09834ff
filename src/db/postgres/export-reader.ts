import { and, asc, desc, eq, lt, lte, max, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Chat } from "../chat-repository.js";
import { checkpointPayloadOf } from "../checkpoint-repository.js";
import {
  type ExportedCheckpoint,
  type ExportedObligation,
  type ExportedRegulationVersion,
  type ExportReader,
  type LogPage,
  MESSAGE_KINDS,
  withFirstMessage,
} from "../export-reader.js";
import * as schema from "./schema.js";

const { chats, events, obligations, outbox, regulationVersions } = schema;

/** As SQLite's reader: small pages keep a page's rows out of the old generation. */
const PAGE_SIZE = 500;

/**
 * Work in one read-only REPEATABLE READ transaction on a connection of its own: everything it
 * reads describes one moment while the bot writes on. Without `snapshot`, the transaction's
 * snapshot is exported (`pg_export_snapshot`) and handed to `work`, so another connection (the
 * views thread's) can join that moment with it; with it, this transaction joins that snapshot.
 */
export async function inPostgresSnapshot<T>(
  url: string,
  snapshot: string | undefined,
  work: (reader: PostgresExportReader, snapshot: string) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (snapshot !== undefined) {
      // SET TRANSACTION takes no parameters; an exported snapshot's id is hex and dashes.
      if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`not a PostgreSQL snapshot id: ${snapshot}`);
      await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    }
    const id = snapshot ?? (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    return await work(new PostgresExportReader(client), id);
  } finally {
    await client.end();
  }
}

/** PostgreSQL's reader of a dispute export: the same answers as SQLite's `ExportRepository`. */
export class PostgresExportReader implements ExportReader {
  private readonly orm;

  constructor(private readonly client: pg.Client) {
    this.orm = drizzle(client, { schema });
  }

  async chat(chatId: number): Promise<Chat | undefined> {
    const [chat] = await this.orm.select().from(chats).where(eq(chats.id, chatId));
    return chat;
  }

  async regulationVersions(chatId: number): Promise<ExportedRegulationVersion[]> {
    return this.orm
      .select()
      .from(regulationVersions)
      .where(eq(regulationVersions.chatId, chatId))
      .orderBy(asc(regulationVersions.version));
  }

  async obligations(chatId: number): Promise<ExportedObligation[]> {
    return this.orm
      .select()
      .from(obligations)
      .where(eq(obligations.chatId, chatId))
      .orderBy(asc(obligations.kind), asc(obligations.number));
  }

  async lastSeq(chatId: number): Promise<number> {
    const [row] = await this.orm
      .select({ last: max(events.seq) })
      .from(events)
      .where(eq(events.chatId, chatId));
    return row?.last ?? 0;
  }

  async lastSeqBefore(chatId: number, at: number): Promise<number> {
    const [row] = await this.orm
      .select({ last: max(events.seq) })
      .from(events)
      .where(and(eq(events.chatId, chatId), lt(events.receivedAt, at)));
    return row?.last ?? 0;
  }

  async eventAt(chatId: number, seq: number): Promise<{ seq: number; hash: string } | undefined> {
    const [hash] = await this.hashesBetween(chatId, seq, seq);
    return hash === undefined ? undefined : { seq, hash };
  }

  /** Each page's lines joined into one buffer, as SQLite's reader gives them. */
  async *logPages(chatId: number, first: number, last: number): AsyncGenerator<LogPage> {
    for (let from = first; from <= last; from += PAGE_SIZE) {
      const rows = await this.rows<[string, string, string, string]>(
        "export-log-page",
        "SELECT seq, kind, hash, line FROM events WHERE chat_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
        [chatId, from, Math.min(last, from + PAGE_SIZE - 1)],
      );
      if (rows.length === 0) continue;
      const events = rows.map(([seq, kind, hash]) => ({ seq: Number(seq), kind, hash }) as LogPage["events"][number]);
      yield { events, lines: Buffer.from(`${rows.map((row) => row[3]).join("\n")}\n`) };
    }
  }

  async hashesBetween(chatId: number, first: number, last: number): Promise<string[]> {
    if (last < first) return [];
    const rows = await this.rows<[string]>(
      "export-hashes",
      "SELECT hash FROM events WHERE chat_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
      [chatId, first, last],
    );
    return rows.map(([hash]) => hash);
  }

  async *eventHashes(chatId: number, first: number, last: number): AsyncGenerator<string> {
    for (let from = first; from <= last; from += PAGE_SIZE)
      yield* await this.hashesBetween(chatId, from, Math.min(last, from + PAGE_SIZE - 1));
  }

  async checkpoints(chatId: number, lastSeq: number): Promise<ExportedCheckpoint[]> {
    const rows = await this.orm
      .select({ seq: events.seq, line: events.line, receivedAt: events.receivedAt })
      .from(events)
      // The prefix compared as it is: a collation other than C may order ':' and ';' otherwise.
      .where(
        and(eq(events.chatId, chatId), sql`starts_with(${events.source}, 'checkpoint:')`, lte(events.seq, lastSeq)),
      )
      .orderBy(asc(events.seq));
    const checkpoints: ExportedCheckpoint[] = [];
    for (const row of rows) {
      const { size, root, messageKey } = checkpointPayloadOf(row.line);
      // A split message shows the root in its last part: `<key>#1`, `<key>#2`…
      const [sent] = await this.orm
        .select({ messageId: outbox.telegramMessageId, at: outbox.sentAt })
        .from(outbox)
        .where(
          and(
            eq(outbox.chatId, chatId),
            sql`(${outbox.dedupeKey} = ${messageKey} OR starts_with(${outbox.dedupeKey}, ${`${messageKey}#`}))`,
            eq(outbox.state, "sent"),
          ),
        )
        .orderBy(desc(outbox.id))
        .limit(1);
      const posted =
        sent !== undefined && sent.messageId !== null && sent.at !== null
          ? { messageId: sent.messageId, at: sent.at }
          : null;
      checkpoints.push({ seq: row.seq, recordedAt: row.receivedAt, size, root, posted });
    }
    return checkpoints;
  }

  async contextEvents(
    chatId: number,
    before: number,
    kinds: readonly string[],
  ): Promise<Array<{ seq: number; line: string }>> {
    if (before <= 1) return [];
    const rows = await this.kindRows(chatId, 1, before - 1, kinds, null);
    return rows.map(([seq, line]) => ({ seq, line }));
  }

  async *linePages(chatId: number, first: number, last: number): AsyncGenerator<string[]> {
    for (let from = first; from <= last; from += PAGE_SIZE) {
      const rows = await this.rows<[string]>(
        "export-lines",
        "SELECT line FROM events WHERE chat_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
        [chatId, from, Math.min(last, from + PAGE_SIZE - 1)],
      );
      yield rows.map(([line]) => line);
    }
  }

  async *linesOfKinds(chatId: number, first: number, last: number, kinds: readonly string[]): AsyncGenerator<string[]> {
    const [firstMessage] = await this.kindRows(chatId, first, last, MESSAGE_KINDS, 1);
    yield* withFirstMessage(firstMessage?.[1], first, last, PAGE_SIZE, (from) =>
      this.kindRows(chatId, from, last, kinds, PAGE_SIZE),
    );
  }

  /** [seq, line] of the events of these kinds with seq in [first, last], in order, at most `limit` (null: all). */
  private async kindRows(
    chatId: number,
    first: number,
    last: number,
    kinds: readonly string[],
    limit: number | null,
  ): Promise<Array<[number, string]>> {
    const rows = await this.rows<[string, string]>(
      "export-kinds",
      "SELECT seq, line FROM events WHERE chat_id = $1 AND seq BETWEEN $2 AND $3 AND kind = ANY($4) ORDER BY seq LIMIT $5",
      [chatId, first, last, kinds, limit],
    );
    return rows.map(([seq, line]) => [Number(seq), line]);
  }

  /** Rows as arrays, by a statement prepared once on this connection; `bigint`s come as strings. */
  private async rows<Row extends unknown[]>(name: string, text: string, values: unknown[]): Promise<Row[]> {
    return (await this.client.query<Row>({ name, text, values, rowMode: "array" })).rows;
  }
}
