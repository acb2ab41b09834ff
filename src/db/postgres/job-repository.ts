import { and, asc, eq, inArray, lte, ne, notInArray, or, sql } from "drizzle-orm";
import { type Clock, systemClock } from "../../clock.js";
import type { Claim, Completed, Job, JobCompletion, JobRepository, NewJob } from "../job-repository.js";
import type { OutgoingMessage } from "../outbox-repository.js";
import type { RepositoryPort } from "../repository-port.js";
import type { JobWriter, OutboxWriter } from "./collaborators.js";
import type { PostgresSession } from "./session.js";
import { chats, jobs } from "./schema.js";

/** How long a claim holds a job: a process that dies with it leaves it to another once this passes. */
export const JOB_LEASE_MS = 10 * 60_000;

export interface JobLeaseOptions {
  /** What leases are reckoned by: the scheduler's clock, whose `Claim.now` sets them. */
  clock?: Clock;
  leaseMs?: number;
}

/** A job's columns but its lease: what `Job` holds. */
const JOB_COLUMNS = {
  id: jobs.id,
  kind: jobs.kind,
  dedupeKey: jobs.dedupeKey,
  chatId: jobs.chatId,
  dueAt: jobs.dueAt,
  payload: jobs.payload,
  judgesConduct: jobs.judgesConduct,
  state: jobs.state,
  attempts: jobs.attempts,
  lastRunAt: jobs.lastRunAt,
  ranLate: jobs.ranLate,
  lastError: jobs.lastError,
};

/**
 * SQLite's `JobRepository` for several processes on one database: a claim takes due jobs with
 * `FOR UPDATE SKIP LOCKED`, so each runs once, and leases them (`claimed_until`); a job whose
 * lease ran out (its process died) is claimed again, instead of SQLite's recovery at start.
 */
export class PostgresJobRepository implements RepositoryPort<JobRepository, "scheduleWithin">, JobWriter {
  private readonly clock: Clock;
  private readonly leaseMs: number;

  constructor(
    private readonly session: PostgresSession,
    private readonly outbox: OutboxWriter,
    options: JobLeaseOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.leaseMs = options.leaseMs ?? JOB_LEASE_MS;
  }

  /** Adds a job, or moves a pending one with the same key to the new time. */
  async schedule(job: NewJob): Promise<void> {
    await this.session.queries
      .insert(jobs)
      .values(newJobRow(job))
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: { dueAt: job.dueAt, payload: JSON.stringify(job.payload ?? {}) },
        setWhere: eq(jobs.state, "pending"),
      });
  }

  /** `schedule` in the transaction of the work in hand, for work recorded together with another change. */
  async scheduleInTransaction(job: NewJob): Promise<void> {
    if (!this.session.inTransaction) throw new Error("scheduleInTransaction needs a transaction");
    await this.schedule(job);
  }

  /** Like `schedule`, but also brings back one that ran or was cancelled: a moved deadline needs its reminders again. */
  async rearm(job: NewJob): Promise<void> {
    await this.session.queries
      .insert(jobs)
      .values(newJobRow(job))
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: {
          dueAt: job.dueAt,
          payload: JSON.stringify(job.payload ?? {}),
          state: "pending",
          attempts: 0,
          lastError: null,
        },
        setWhere: ne(jobs.state, "running"),
      });
  }

  /** Cancels the pending jobs with these keys, in one statement; how many there were. */
  async cancel(...dedupeKeys: string[]): Promise<number> {
    if (dedupeKeys.length === 0) return 0;
    const result = await this.session.queries
      .update(jobs)
      .set({ state: "cancelled" })
      .where(and(inArray(jobs.dedupeKey, dedupeKeys), eq(jobs.state, "pending")));
    return result.rowCount ?? 0;
  }

  /** regbot is back in the chat: what came due while it was away runs now, the rest when due, as before the removal. */
  async releaseHeld(chatId: number): Promise<number> {
    const result = await this.session.queries
      .update(jobs)
      .set({ state: "pending" })
      .where(and(eq(jobs.chatId, chatId), eq(jobs.state, "held")));
    return result.rowCount ?? 0;
  }

  async find(dedupeKey: string): Promise<Job | undefined> {
    const [job] = await this.session.queries.select(JOB_COLUMNS).from(jobs).where(eq(jobs.dedupeKey, dedupeKey));
    return job;
  }

  /**
   * Jobs whose process died with them (their lease ran out) are pending again, to run again (their
   * effects are idempotent). Not every running job, as on SQLite: another process may be running it.
   * A claim takes such jobs over too; this says at start how many there were.
   */
  async recoverInterrupted(): Promise<number> {
    const result = await this.session.queries
      .update(jobs)
      .set({ state: "pending", claimedUntil: null })
      .where(leaseRanOut(this.clock()));
    return result.rowCount ?? 0;
  }

  /**
   * Claims what is due, oldest first; conduct-judging work only once the backlog is handled. What
   * is due in a chat regbot was removed from is held for its return instead (all but `runWhileAway`
   * kinds, which say nothing in the chat), so a re-add finds the chat's reminders and digest as they were.
   */
  async claimDue(claim: Claim): Promise<Job[]> {
    return this.session.transaction(() => this.claimInTransaction(claim));
  }

  /**
   * Records a whole tick's outcomes and the messages they post in one transaction, and claims
   * `claimNext` in it: the next batch's claim then costs no commit of its own.
   */
  async complete(completions: readonly JobCompletion[], now: number, claimNext?: Claim): Promise<Completed> {
    return this.session.transaction(async () => {
      const failedWrites: Completed["failedWrites"] = [];
      const batch = new OutcomeBatch(this.session, this.outbox, now);
      const recordOne = async (completion: JobCompletion): Promise<void> => {
        const { jobId } = completion;
        if (completion.outcome === "done") {
          const { late, nextDueAt, recordWith, ifRecordFails } = completion;
          let messages = completion.messages;
          if (recordWith !== undefined) {
            // Its writes see every outcome and message before it, as on SQLite.
            await batch.flush();
            try {
              // A savepoint: a failure undoes this job's writes only.
              messages = [...messages, ...(await this.session.transaction(async () => recordWith()))];
            } catch (error) {
              failedWrites.push({ jobId, error });
              if (ifRecordFails === undefined) throw error;
              return recordOne(ifRecordFails(error instanceof Error ? error.message : String(error)));
            }
          }
          await batch.add(
            nextDueAt === undefined
              ? { id: jobId, state: "done", ran_late: late, last_error: null }
              : { id: jobId, state: "pending", due_at: nextDueAt, ran_late: late, last_error: null, rearm: true },
            messages,
          );
        } else if (completion.outcome === "retry") {
          await batch.add({ id: jobId, state: "pending", due_at: completion.dueAt, last_error: completion.error }, []);
        } else {
          await batch.add({ id: jobId, state: "failed", last_error: completion.error }, []);
        }
      };
      for (const completion of completions) await recordOne(completion);
      await batch.flush();
      return { failedWrites, claimed: claimNext === undefined ? [] : await this.claimInTransaction(claimNext) };
    });
  }

  private async claimInTransaction(claim: Claim): Promise<Job[]> {
    const queries = this.session.queries;
    const { now } = claim;
    // SKIP LOCKED here and below: what another process is holding or claiming is its own.
    const away = queries
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          claimable(now),
          inArray(jobs.chatId, queries.select({ id: chats.id }).from(chats).where(eq(chats.active, false))),
          notInArray(jobs.kind, [...claim.runWhileAway]),
        ),
      )
      .for("update", { skipLocked: true });
    await queries.update(jobs).set({ state: "held", claimedUntil: null }).where(inArray(jobs.id, away));
    const due = queries
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(claimable(now), claim.includeConductJobs ? undefined : eq(jobs.judgesConduct, false)))
      .orderBy(asc(jobs.dueAt), asc(jobs.id))
      .limit(claim.limit)
      .for("update", { skipLocked: true });
    const claimed = await queries
      .update(jobs)
      .set({
        state: "running",
        attempts: sql`${jobs.attempts} + 1`,
        lastRunAt: now,
        claimedUntil: now + this.leaseMs,
      })
      .where(inArray(jobs.id, due))
      .returning(JOB_COLUMNS);
    // In SQLite's order (by id): the statement returns rows as it met them.
    return claimed.sort((a, b) => a.id - b.id);
  }
}

/** A job's recorded outcome, as `complete` writes it: columns it leaves out keep their values. */
interface Outcome {
  id: number;
  state: "done" | "pending" | "failed";
  due_at?: number;
  ran_late?: boolean;
  last_error: string | null;
  /** Recurring work's next occurrence starts with no attempts. */
  rearm?: boolean;
}

/**
 * A tick's outcomes and messages, written a few statements at a time rather than two per job
 * (each is a round trip to the server), in the order SQLite writes them.
 */
class OutcomeBatch {
  private outcomes: Outcome[] = [];
  private messages: OutgoingMessage[] = [];
  private readonly ids = new Set<number>();

  constructor(
    private readonly session: PostgresSession,
    private readonly outbox: OutboxWriter,
    private readonly now: number,
  ) {}

  async add(outcome: Outcome, messages: readonly OutgoingMessage[]): Promise<void> {
    // One row per job in a statement: a job recorded twice keeps the later outcome, as on SQLite.
    if (this.ids.has(outcome.id)) await this.flush();
    this.ids.add(outcome.id);
    this.outcomes.push(outcome);
    this.messages.push(...messages);
  }

  async flush(): Promise<void> {
    const { outcomes, messages } = this;
    this.outcomes = [];
    this.messages = [];
    this.ids.clear();
    if (outcomes.length > 0)
      await this.session.queries.execute(sql`
        update jobs set
          state = outcome.state,
          due_at = coalesce(outcome.due_at, jobs.due_at),
          ran_late = coalesce(outcome.ran_late, jobs.ran_late),
          last_error = outcome.last_error,
          attempts = case when outcome.rearm then 0 else jobs.attempts end,
          claimed_until = null
        from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb)
          as outcome(id bigint, state text, due_at bigint, ran_late boolean, last_error text, rearm boolean)
        where jobs.id = outcome.id`);
    await this.outbox.enqueueInTransaction(messages, this.now);
  }
}

/** Due and waiting, or running in a process whose lease ran out (it died). */
function claimable(now: number) {
  return or(and(eq(jobs.state, "pending"), lte(jobs.dueAt, now)), leaseRanOut(now));
}

/** Claimed by a process that died: its lease ran out. */
function leaseRanOut(now: number) {
  return and(eq(jobs.state, "running"), lte(jobs.claimedUntil, now));
}

function newJobRow(job: NewJob): typeof jobs.$inferInsert {
  return {
    kind: job.kind,
    dedupeKey: job.dedupeKey,
    chatId: job.chatId ?? null,
    dueAt: job.dueAt,
    payload: JSON.stringify(job.payload ?? {}),
    judgesConduct: job.judgesConduct ?? false,
  };
}
