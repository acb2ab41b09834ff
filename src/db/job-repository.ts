import { and, eq, inArray, lte, ne, notInArray, sql } from "drizzle-orm";
import { connectionOf, type Orm } from "./database.js";
import { directStatement } from "./direct-statement.js";
import type { NowOrLater } from "../now-or-later.js";
import type { OutboxRepository, OutgoingMessage } from "./outbox-repository.js";
import { handlingTransactionOf } from "./handling-transaction.js";
import { reportWrite } from "./read-cache.js";
import { chats, jobs } from "./schema.js";

/** A job as callers see it; its lease (`claimedUntil`, PostgreSQL only) stays in the repository. */
export type Job = Omit<typeof jobs.$inferSelect, "claimedUntil">;

export interface NewJob {
  kind: string;
  /** One job per key: scheduling the same key again moves it instead of adding another. */
  dedupeKey: string;
  chatId?: number;
  dueAt: number;
  payload?: unknown;
  judgesConduct?: boolean;
}

/** What running a job produced, committed in one transaction with the job's new state. */
export type JobCompletion =
  | {
      jobId: number;
      outcome: "done";
      messages: readonly OutgoingMessage[];
      nextDueAt?: number;
      late: boolean;
      /**
       * Run in the recording transaction; its messages are posted too. SQLite's transaction is
       * synchronous, so there it must answer at once; PostgreSQL's waits for its promise.
       */
      recordWith?: () => NowOrLater<readonly OutgoingMessage[]>;
      /** How the job is recorded instead when `recordWith` throws (its writes undone). */
      ifRecordFails?: (error: string) => JobCompletion;
    }
  | { jobId: number; outcome: "retry"; dueAt: number; error: string }
  | { jobId: number; outcome: "failed"; error: string };

/** Which due jobs a claim takes. */
export interface Claim {
  now: number;
  /** Conduct-judging work too: only once the updates that arrived during a downtime are handled. */
  includeConductJobs: boolean;
  limit: number;
  /** Kinds that say nothing in their chat, so run while regbot is away from it (not held). */
  runWhileAway: readonly string[];
}

/** What recording a batch of outcomes returned. */
export interface Completed {
  /** Jobs whose `recordWith` threw, recorded by their `ifRecordFails` instead. */
  failedWrites: Array<{ jobId: number; error: unknown }>;
  /** The next batch, when asked for (`claimNext`), claimed in the same transaction. */
  claimed: Job[];
}

type ClaimValues = {
  now: number;
  limit: number;
  /** The kinds `claimDue` runs while regbot is away from their chat, as a JSON array. */
  runWhileAway: string;
  includeConductJobs: 0 | 1;
};

/** A job as its columns are stored: flags as 0 or 1. */
type ClaimedRow = Omit<Job, "judgesConduct" | "ranLate"> & { judgesConduct: number; ranLate: number };

function claimValues(claim: Claim): ClaimValues {
  return {
    now: claim.now,
    limit: claim.limit,
    runWhileAway: JSON.stringify(claim.runWhileAway),
    includeConductJobs: claim.includeConductJobs ? 1 : 0,
  };
}

function jobOf(row: ClaimedRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    dedupeKey: row.dedupeKey,
    chatId: row.chatId,
    dueAt: row.dueAt,
    payload: row.payload,
    judgesConduct: row.judgesConduct === 1,
    state: row.state,
    attempts: row.attempts,
    lastRunAt: row.lastRunAt,
    ranLate: row.ranLate === 1,
    lastError: row.lastError,
  };
}

export class JobRepository {
  /**
   * A tick records thousands of outcomes in one transaction: each kind of update is prepared once
   * and run straight on the connection (drizzle's filling of placeholders cost about what it does).
   */
  private readonly record;
  /** Scheduled and cancelled for most client and specialist messages, so prepared once. */
  private readonly scheduleStatement;
  private readonly cancelStatement;
  /**
   * A job's `recordWith` under a savepoint of its own, by the driver's cached statements: drizzle's
   * nested transaction compiles its savepoint's SQL anew each time (two statements a job).
   */
  private readonly underSavepoint;
  /** Holds what fell due in chats regbot left, then claims a batch, in one commit; prepared once. */
  private readonly claimTogether;

  constructor(
    private readonly orm: Orm,
    private readonly outbox: OutboxRepository,
  ) {
    this.underSavepoint = connectionOf(orm).transaction(
      (write: () => NowOrLater<readonly OutgoingMessage[]>): readonly OutgoingMessage[] => {
        const messages = write();
        if (messages instanceof Promise)
          throw new Error(
            "a job's recordWith answered with a promise: SQLite records jobs in a synchronous transaction",
          );
        return messages;
      },
    );
    const hold = directStatement(
      orm,
      orm
        .update(jobs)
        .set({ state: "held" })
        .where(
          and(
            eq(jobs.state, "pending"),
            lte(jobs.dueAt, sql.placeholder("now")),
            inArray(jobs.chatId, orm.select({ id: chats.id }).from(chats).where(eq(chats.active, false))),
            notInArray(jobs.kind, sql`(select value from json_each(${sql.placeholder("runWhileAway")}))`),
          ),
        ),
    );
    // Its rows are mapped here, not by drizzle: a tick claims thousands, and drizzle's mapping cost a quarter of the claim.
    const claim = connectionOf(orm).prepare<ClaimValues, ClaimedRow>(`
      update jobs set state = 'running', attempts = attempts + 1, last_run_at = @now
      where id in (
        select id from jobs
        where state = 'pending' and due_at <= @now and (@includeConductJobs or judges_conduct = 0)
        order by due_at limit @limit)
      returning id, kind, dedupe_key as dedupeKey, chat_id as chatId, due_at as dueAt, payload,
        judges_conduct as judgesConduct, state, attempts, last_run_at as lastRunAt, ran_late as ranLate,
        last_error as lastError`);
    this.claimTogether = connectionOf(orm).transaction((values: ClaimValues): Job[] => {
      hold(values);
      return claim.all(values).map(jobOf);
    });
    // drizzle binds a placeholder in `set` through the column's encoder, but its types do not admit one (drizzle-orm#2110).
    const placeholder = (name: string) => sql.placeholder(name) as never;
    const byId = eq(jobs.id, sql.placeholder("jobId"));
    this.record = {
      done: directStatement(
        orm,
        orm
          .update(jobs)
          .set({ state: "done", ranLate: placeholder("late"), lastError: null })
          .where(byId),
      ),
      nextOccurrence: directStatement(
        orm,
        orm
          .update(jobs)
          .set({
            state: "pending",
            dueAt: placeholder("dueAt"),
            attempts: 0,
            ranLate: placeholder("late"),
            lastError: null,
          })
          .where(byId),
      ),
      retry: directStatement(
        orm,
        orm
          .update(jobs)
          .set({ state: "pending", dueAt: placeholder("dueAt"), lastError: placeholder("error") })
          .where(byId),
      ),
      failed: directStatement(
        orm,
        orm
          .update(jobs)
          .set({ state: "failed", lastError: placeholder("error") })
          .where(byId),
      ),
    };
    const scheduled = Object.fromEntries(
      (["kind", "dedupeKey", "chatId", "dueAt", "payload", "judgesConduct"] as const).map((column) => [
        column,
        sql.placeholder(column),
      ]),
    ) as unknown as typeof jobs.$inferInsert;
    // Run straight on the connection: drizzle's filling of placeholders cost about what the write does.
    this.scheduleStatement = directStatement(
      orm,
      orm
        .insert(jobs)
        .values(scheduled)
        .onConflictDoUpdate({
          target: jobs.dedupeKey,
          set: { dueAt: placeholder("dueAt"), payload: placeholder("payload") },
          setWhere: eq(jobs.state, "pending"),
        }),
    );
    this.cancelStatement = directStatement(
      orm,
      orm
        .update(jobs)
        .set({ state: "cancelled" })
        .where(
          and(
            inArray(jobs.dedupeKey, sql`(select value from json_each(${sql.placeholder("keys")}))`),
            // By the keys' index: SQLite otherwise walks every pending job of the deployment (`jobs_due`).
            sql`+${jobs.state} = 'pending'`,
          ),
        ),
    );
  }

  /** Adds a job, or moves a pending one with the same key to the new time. */
  async schedule(job: NewJob): Promise<void> {
    reportWrite(
      this.orm,
      () => this.scheduleWithin(this.orm, job),
      () => [jobs],
    );
  }

  /** `schedule` in the caller's transaction `_tx`, for work recorded together with another change (the prepared insert runs on its connection). */
  scheduleWithin(_tx: Orm, job: NewJob): void {
    this.scheduleStatement({
      kind: job.kind,
      dedupeKey: job.dedupeKey,
      chatId: job.chatId ?? null,
      dueAt: job.dueAt,
      payload: JSON.stringify(job.payload ?? {}),
      judgesConduct: job.judgesConduct ? 1 : 0,
    });
  }

  /** Like `schedule`, but also brings back one that ran or was cancelled: a moved deadline needs its reminders again. */
  async rearm(job: NewJob): Promise<void> {
    const values = {
      kind: job.kind,
      dedupeKey: job.dedupeKey,
      chatId: job.chatId ?? null,
      dueAt: job.dueAt,
      payload: JSON.stringify(job.payload ?? {}),
      judgesConduct: job.judgesConduct ?? false,
    };
    this.orm
      .insert(jobs)
      .values(values)
      .onConflictDoUpdate({
        target: jobs.dedupeKey,
        set: { dueAt: values.dueAt, payload: values.payload, state: "pending", attempts: 0, lastError: null },
        setWhere: ne(jobs.state, "running"),
      })
      .run();
  }

  /** Cancels the pending jobs with these keys, in one statement; how many there were. */
  async cancel(...dedupeKeys: string[]): Promise<number> {
    if (dedupeKeys.length === 0) return 0;
    return reportWrite(
      this.orm,
      () => this.cancelStatement({ keys: JSON.stringify(dedupeKeys) }).changes,
      () => [jobs],
    );
  }

  /** regbot is back in the chat: what came due while it was away runs now, the rest when due, as before the removal. */
  async releaseHeld(chatId: number): Promise<number> {
    return this.orm
      .update(jobs)
      .set({ state: "pending" })
      .where(and(eq(jobs.chatId, chatId), eq(jobs.state, "held")))
      .run().changes;
  }

  async find(dedupeKey: string): Promise<Job | undefined> {
    return this.orm.select().from(jobs).where(eq(jobs.dedupeKey, dedupeKey)).get();
  }

  /** Jobs a crash interrupted run again (their effects are idempotent). */
  async recoverInterrupted(): Promise<number> {
    return this.orm.update(jobs).set({ state: "pending" }).where(eq(jobs.state, "running")).run().changes;
  }

  /**
   * Claims what is due, oldest first; conduct-judging work only once the backlog is handled. What
   * is due in a chat regbot was removed from is held for its return instead (all but `runWhileAway`
   * kinds, which say nothing in the chat), so a re-add finds the chat's reminders and digest as they were.
   */
  async claimDue(claim: Claim): Promise<Job[]> {
    // Not inside an update's handling transaction (nor joined to one left open by start).
    await handlingTransactionOf(this.orm).idle();
    const connection = connectionOf(this.orm);
    // Without an fsync of its own: a claim lost to a power cut leaves its jobs pending, to run
    // again as after a crash, and the durable commit of their outcomes (later in the WAL) makes it durable.
    connection.pragma("synchronous = NORMAL");
    try {
      return this.claimTogether(claimValues(claim));
    } finally {
      connection.pragma("synchronous = FULL");
    }
  }

  /**
   * Records a whole tick's outcomes and the messages they post in one durable transaction, and
   * claims `claimNext` in it: the next batch's claim then costs no commit of its own.
   */
  async complete(completions: readonly JobCompletion[], now: number, claimNext?: Claim): Promise<Completed> {
    await handlingTransactionOf(this.orm).idle();
    return this.orm.transaction((tx) => {
      const failedWrites: Array<{ jobId: number; error: unknown }> = [];
      const recordOne = (completion: JobCompletion): void => {
        const { jobId } = completion;
        if (completion.outcome === "done") {
          const { late, nextDueAt, recordWith, ifRecordFails } = completion;
          let messages = completion.messages;
          if (recordWith !== undefined) {
            try {
              // A savepoint: a failure undoes this job's writes only.
              messages = [...messages, ...this.underSavepoint(recordWith)];
            } catch (error) {
              failedWrites.push({ jobId, error });
              if (ifRecordFails === undefined) throw error;
              recordOne(ifRecordFails(error instanceof Error ? error.message : String(error)));
              return;
            }
          }
          if (nextDueAt === undefined) this.record.done({ jobId, late: late ? 1 : 0 });
          else this.record.nextOccurrence({ jobId, late: late ? 1 : 0, dueAt: nextDueAt });
          this.outbox.enqueueWithin(tx, messages, now);
        } else if (completion.outcome === "retry") {
          this.record.retry({ jobId, dueAt: completion.dueAt, error: completion.error });
        } else {
          this.record.failed({ jobId, error: completion.error });
        }
      };
      for (const completion of completions) recordOne(completion);
      return { failedWrites, claimed: claimNext === undefined ? [] : this.claimTogether(claimValues(claimNext)) };
    });
  }
}
