import { gt } from "drizzle-orm";
import type { Database } from "../../src/db/database.js";
import type { AppendedEvent } from "../../src/db/correspondence-repository.js";
import type { NewJob } from "../../src/db/job-repository.js";
import type { OutgoingEdit, OutgoingMessage } from "../../src/db/outbox-repository.js";
import type { ChainAppender, JobWriter, OutboxWriter } from "../../src/db/postgres/collaborators.js";
import type { PostgresSession } from "../../src/db/postgres/session.js";
import { events, jobs, outbox } from "../../src/db/schema.js";
import type { EventDraft } from "../../src/domain/correspondence.js";

/** What a repository logged, queued and scheduled beside its own change, in order. */
export interface Logged {
  events: Array<{ source: string; kind: string }>;
  outbox: Array<string | null>;
  jobs: Array<{ kind: string; dedupeKey: string; chatId: number | null; dueAt: number; payload: unknown }>;
}

/**
 * Stand-ins for PostgreSQL's chain, outbox and jobs until theirs land: they keep what they are
 * given (skipping a source or key given before, as the real ones do) and refuse work outside a
 * transaction.
 */
export class RecordingWriters implements ChainAppender, OutboxWriter, JobWriter {
  constructor(
    private readonly session: PostgresSession,
    private readonly recorded: Logged = { events: [], outbox: [], jobs: [] },
    private readonly sources = new Set<string>(),
    private readonly keys = new Set<string>(),
  ) {}

  /** The same record, written from another process's session. */
  in(session: PostgresSession): RecordingWriters {
    return new RecordingWriters(session, this.recorded, this.sources, this.keys);
  }

  async appendInTransaction(drafts: readonly EventDraft[], _at: number): Promise<AppendedEvent[]> {
    this.inTransaction();
    const appended: AppendedEvent[] = [];
    for (const draft of drafts) {
      const source = `${draft.chat.telegramChatId}:${draft.source}`;
      if (this.sources.has(source)) continue;
      this.sources.add(source);
      this.recorded.events.push({ source: draft.source, kind: draft.kind });
      appended.push({ chatId: 0, seq: this.recorded.events.length, kind: draft.kind });
    }
    return appended;
  }

  async enqueueInTransaction(messages: readonly OutgoingMessage[], _now: number): Promise<number> {
    return this.queue(messages.map((message) => message.dedupeKey ?? null));
  }

  async enqueueEditsInTransaction(edits: readonly OutgoingEdit[], _now: number): Promise<number> {
    return this.queue(edits.map((edit) => edit.dedupeKey));
  }

  async scheduleInTransaction(job: NewJob): Promise<void> {
    this.inTransaction();
    this.recorded.jobs.push({
      kind: job.kind,
      dedupeKey: job.dedupeKey,
      chatId: job.chatId ?? null,
      dueAt: job.dueAt,
      payload: job.payload ?? {},
    });
  }

  logged(): Logged {
    return structuredClone(this.recorded);
  }

  private queue(keys: Array<string | null>): number {
    this.inTransaction();
    const added = keys.filter((key) => key === null || !this.keys.has(key));
    for (const key of added) if (key !== null) this.keys.add(key);
    this.recorded.outbox.push(...added);
    return added.length;
  }

  private inTransaction(): void {
    if (!this.session.inTransaction) throw new Error("written outside a transaction");
  }
}

/** What SQLite's repositories logged, queued and scheduled from now on. */
export function loggedBySqlite(sqlite: Database): () => Promise<Logged> {
  const { orm } = sqlite;
  const before = {
    events: new Set(
      orm
        .select()
        .from(events)
        .all()
        .map((row) => `${row.chatId}:${row.seq}`),
    ),
    outbox: Math.max(
      0,
      ...orm
        .select()
        .from(outbox)
        .all()
        .map((row) => row.id),
    ),
    jobs: Math.max(
      0,
      ...orm
        .select()
        .from(jobs)
        .all()
        .map((row) => row.id),
    ),
  };
  return async () => ({
    events: orm
      .select()
      .from(events)
      .all()
      .filter((row) => !before.events.has(`${row.chatId}:${row.seq}`))
      .map((row) => ({ source: row.source, kind: row.kind })),
    outbox: orm
      .select()
      .from(outbox)
      .where(gt(outbox.id, before.outbox))
      .all()
      .map((row) => row.dedupeKey),
    jobs: orm
      .select()
      .from(jobs)
      .where(gt(jobs.id, before.jobs))
      .all()
      .map((row) => ({
        kind: row.kind,
        dedupeKey: row.dedupeKey,
        chatId: row.chatId,
        dueAt: row.dueAt,
        payload: JSON.parse(row.payload) as unknown,
      })),
  });
}
