import { and, eq } from "drizzle-orm";
import type { EventDraft } from "../../domain/correspondence.js";
import type { ExportRequestRepository } from "../export-request-repository.js";
import type { NewJob } from "../job-repository.js";
import type { OutgoingMessage } from "../outbox-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { ChainAppender, JobWriter, OutboxWriter } from "./collaborators.js";
import type { PostgresSession } from "./session.js";
import { events } from "./schema.js";

/**
 * `ExportRequestRepository` on PostgreSQL. A request and an attempt's outcome are each one event
 * whose source is unique in its chat; the chain's append (under the chat's lock, with
 * `events_source` behind it) logs it once however many processes race, and only the one that
 * logged it schedules the job or says the outcome.
 */
export class PostgresExportRequestRepository implements RepositoryPort<ExportRequestRepository> {
  constructor(
    private readonly session: PostgresSession,
    private readonly correspondence: ChainAppender,
    private readonly jobs: JobWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async request(job: NewJob, record: EventDraft, at: number): Promise<boolean> {
    return this.session.transaction(async () => {
      if ((await this.correspondence.appendInTransaction([record], at)).length === 0) return false;
      await this.jobs.scheduleInTransaction(job);
      return true;
    });
  }

  async hasOutcome(chatId: number, attemptKey: string): Promise<boolean> {
    const [found] = await this.session.queries
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.chatId, chatId), eq(events.source, outcomeSource(attemptKey))))
      .limit(1);
    return found !== undefined;
  }

  async settle(
    attemptKey: string,
    record: Omit<EventDraft, "source">,
    messages: readonly OutgoingMessage[],
    at: number,
  ): Promise<boolean> {
    return this.session.transaction(async () => {
      const appended = await this.correspondence.appendInTransaction(
        [{ ...record, source: outcomeSource(attemptKey) }],
        at,
      );
      if (appended.length === 0) return false;
      await this.outbox.enqueueInTransaction(messages, at);
      return true;
    });
  }
}

function outcomeSource(attemptKey: string): string {
  return `${attemptKey}:outcome`;
}
