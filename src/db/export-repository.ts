import type BetterSqlite3 from "better-sqlite3";
import { and, asc, desc, eq, getTableName, lt, lte, max } from "drizzle-orm";
import { checkpointEventsOf, checkpointPayloadOf, messagePartsOf } from "./checkpoint-repository.js";
import { connectionOf, type Orm } from "./database.js";
import type { Chat } from "./chat-repository.js";
import {
  type ExportedCheckpoint,
  type ExportedObligation,
  type ExportedRegulationVersion,
  type ExportReader,
  type LogPage,
  MESSAGE_KINDS,
  withFirstMessage,
} from "./export-reader.js";
import { chats, events, obligations, outbox, regulationVersions } from "./schema.js";

/** SQLite's reader of a dispute export, on a connection in a read transaction (`inReadSnapshot`). */
export class ExportRepository implements ExportReader {
  constructor(private readonly orm: Orm) {
    const range = `from ${getTableName(events)} where chat_id = ? and seq >= ? and seq <= ?`;
    this.logEventsStatement = connectionOf(orm)
      .prepare<[number, number, number], unknown[]>(`select seq, kind, hash ${range} order by seq`)
      .raw(true);
    this.logLinesStatement = connectionOf(orm)
      .prepare<[number, number, number], unknown>(
        `select cast(group_concat(line, char(10) order by seq) || char(10) as blob) ${range}`,
      )
      .pluck();
    this.hashPageStatement = pageStatement(orm, "seq, hash");
    this.linePageStatement = connectionOf(orm)
      .prepare<[number, number, number], string>(`select line ${range} order by seq`)
      .pluck();
    this.firstMessageStatement = connectionOf(orm)
      .prepare<[number, number, number], string>(
        `select line ${range} and kind in (${MESSAGE_KINDS.map((kind) => `'${kind}'`).join(", ")}) order by seq limit 1`,
      )
      .pluck();
  }

  async chat(chatId: number): Promise<Chat | undefined> {
    return this.orm.select().from(chats).where(eq(chats.id, chatId)).get();
  }

  async *linePages(chatId: number, first: number, last: number): AsyncGenerator<string[]> {
    for (let from = first; from <= last; from += PAGE_SIZE)
      yield this.linePageStatement.all(chatId, from, Math.min(last, from + PAGE_SIZE - 1));
  }

  linesOfKinds(chatId: number, first: number, last: number, kinds: readonly string[]): AsyncGenerator<string[]> {
    const statement = this.kindStatement(kinds);
    return withFirstMessage(
      this.firstMessageStatement.get(chatId, first, last),
      first,
      last,
      PAGE_SIZE,
      async (from) => statement.all(chatId, from, last, PAGE_SIZE) as Array<[number, string]>,
    );
  }

  async contextEvents(
    chatId: number,
    before: number,
    kinds: readonly string[],
  ): Promise<Array<{ seq: number; line: string }>> {
    if (before <= 1) return [];
    return this.kindStatement(kinds)
      .all(chatId, 1, before - 1, Number.MAX_SAFE_INTEGER)
      .map((row) => ({ seq: row[0] as number, line: row[1] as string }));
  }

  private kindStatement(kinds: readonly string[]): PageStatement {
    const key = kinds.join(",");
    let statement = this.kindStatements.get(key);
    if (statement === undefined) {
      const list = kinds.map((kind) => `'${kind.replace(/'/g, "''")}'`).join(", ");
      statement = pageStatement(this.orm, "seq, line", `and kind in (${list})`);
      this.kindStatements.set(key, statement);
    }
    return statement;
  }

  async lastSeqBefore(chatId: number, at: number): Promise<number> {
    return (
      this.orm
        .select({ last: max(events.seq) })
        .from(events)
        .where(and(eq(events.chatId, chatId), lt(events.receivedAt, at)))
        .get()?.last ?? 0
    );
  }

  async lastSeq(chatId: number): Promise<number> {
    return (
      this.orm
        .select({ last: max(events.seq) })
        .from(events)
        .where(eq(events.chatId, chatId))
        .get()?.last ?? 0
    );
  }

  async eventAt(chatId: number, seq: number): Promise<{ seq: number; hash: string } | undefined> {
    const [hash] = await this.hashesBetween(chatId, seq, seq);
    return hash === undefined ? undefined : { seq, hash };
  }

  /**
   * SQLite joins each page's lines into one buffer: a buffer per line (or a string decoded and
   * encoded again) cost more than the copy itself, and a million small buffers awaiting
   * collection held 30 MB.
   */
  async *logPages(chatId: number, first: number, last: number): AsyncGenerator<LogPage> {
    for (let from = first; from <= last; from += PAGE_SIZE) {
      const to = Math.min(last, from + PAGE_SIZE - 1);
      const events = this.logEventsStatement
        .all(chatId, from, to)
        .map(([seq, kind, hash]) => ({ seq, kind, hash }) as LogPage["events"][number]);
      if (events.length > 0) yield { events, lines: this.logLinesStatement.get(chatId, from, to) as Buffer };
    }
  }

  async hashesBetween(chatId: number, first: number, last: number): Promise<string[]> {
    return last < first
      ? []
      : this.hashPageStatement.all(chatId, first, last, last - first + 1).map((row) => row[1] as string);
  }

  async *eventHashes(chatId: number, first: number, last: number): AsyncGenerator<string> {
    for await (const page of pagesOf(this.hashPageStatement, (row) => row[1] as string, chatId, first, last))
      yield* page;
  }

  async checkpoints(chatId: number, lastSeq: number): Promise<ExportedCheckpoint[]> {
    const rows = this.orm
      .select({ seq: events.seq, line: events.line, receivedAt: events.receivedAt })
      .from(events)
      .where(and(checkpointEventsOf(chatId), lte(events.seq, lastSeq)))
      .orderBy(asc(events.seq))
      .all();
    return rows.map((row) => {
      const { size, root, messageKey } = checkpointPayloadOf(row.line);
      // A split message shows the root in its last part.
      const sent = this.orm
        .select({ messageId: outbox.telegramMessageId, at: outbox.sentAt })
        .from(outbox)
        .where(and(messagePartsOf(chatId, messageKey), eq(outbox.state, "sent")))
        .orderBy(desc(outbox.id))
        .limit(1)
        .get();
      const posted =
        sent !== undefined && sent.messageId !== null && sent.at !== null
          ? { messageId: sent.messageId, at: sent.at }
          : null;
      return { seq: row.seq, recordedAt: row.receivedAt, size, root, posted };
    });
  }

  private readonly logEventsStatement: BetterSqlite3.Statement<[number, number, number], unknown[]>;
  private readonly logLinesStatement: BetterSqlite3.Statement<[number, number, number], unknown>;
  private readonly hashPageStatement: PageStatement;
  private readonly linePageStatement: BetterSqlite3.Statement<[number, number, number], string>;
  private readonly firstMessageStatement: BetterSqlite3.Statement<[number, number, number], string>;
  private readonly kindStatements = new Map<string, PageStatement>();

  async regulationVersions(chatId: number): Promise<ExportedRegulationVersion[]> {
    return this.orm
      .select()
      .from(regulationVersions)
      .where(eq(regulationVersions.chatId, chatId))
      .orderBy(asc(regulationVersions.version))
      .all();
  }

  async obligations(chatId: number): Promise<ExportedObligation[]> {
    return this.orm
      .select()
      .from(obligations)
      .where(eq(obligations.chatId, chatId))
      .orderBy(asc(obligations.kind), asc(obligations.number))
      .all();
  }
}

type PageStatement = BetterSqlite3.Statement<[number, number, number, number], unknown[]>;
// Small pages: a page's events outlive the young generation's collections, and with pages of 2,000 so
// many were promoted that the old generation's collections took a quarter of a long export's time.
const PAGE_SIZE = 500;

/**
 * Rows (first column: seq) of the chat with seq in [first, last], in order, at most `limit`. Read
 * a million times for a long chat: prepared once, rows as arrays (better-sqlite3 builds an object
 * per row one property at a time, which costs more than the read itself).
 */
function pageStatement(orm: Orm, columns: string, condition = ""): PageStatement {
  return connectionOf(orm)
    .prepare<[number, number, number, number], unknown[]>(
      `select ${columns} from ${getTableName(events)} where chat_id = ? and seq >= ? and seq <= ? ${condition} order by seq limit ?`,
    )
    .raw(true);
}

/** Pages of rows with seq in [first, last], in order, so a long log never sits in memory. */
async function* pagesOf<T>(
  statement: PageStatement,
  rowOf: (row: unknown[]) => T,
  chatId: number,
  first: number,
  last: number,
): AsyncGenerator<T[]> {
  let from = first;
  while (from <= last) {
    const rows = statement.all(chatId, from, last, PAGE_SIZE);
    if (rows.length > 0) yield rows.map(rowOf);
    if (rows.length < PAGE_SIZE) return;
    from = (rows[rows.length - 1]![0] as number) + 1;
  }
}
