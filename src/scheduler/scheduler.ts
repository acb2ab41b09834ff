import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { Claim, Job, JobCompletion } from "../db/job-repository.js";
import type { OutgoingMessage } from "../db/outbox-repository.js";
import type { NowOrLater } from "../now-or-later.js";
import type { Repositories } from "../db/repositories.js";
import { SerialQueue } from "../serial-queue.js";

/** How a kind of job runs. It may run again after a crash, so its effects must be idempotent. */
export interface JobHandler {
  kind: string;
  /** Waits seconds on another server: such jobs run one at a time beside the ticks, never holding them up. */
  slow?: boolean;
  /** Says nothing in its chat (an export goes to a person): runs while regbot is away from the chat, not held for its return. */
  runsWhileAway?: boolean;
  run(job: Job, context: JobRunContext): Promise<JobResult>;
}

export interface JobRunContext {
  now: number;
  late: boolean;
  /** Logs with the job's id, kind and key. */
  logger: Logger;
}

export interface JobResult {
  /** Posted in the same transaction that completes the job (give them dedupe keys). */
  messages?: readonly OutgoingMessage[];
  /**
   * Writes that belong to the moment the job is recorded (a checkpoint of the log as it is then),
   * run in the tick's transaction that completes it; returns further messages to post. If it
   * throws, its writes are undone and the job is retried like one that failed. It answers at once
   * when the repositories it calls did (SQLite's transaction is synchronous; see `whenAnswered`).
   */
  recordWith?: () => NowOrLater<readonly OutgoingMessage[]>;
  /** Recurring work: the next due instant, computed from now, so missed repetitions run once. */
  nextDueAt?: number;
}

export interface SchedulerOptions {
  jobs: Repositories["jobs"];
  handlers: readonly JobHandler[];
  clock: Clock;
  logger: Logger;
  /** Told when a tick posted messages, so they leave at once. */
  onMessagesPosted: () => void;
  tickExpression?: string;
  maxAttempts?: number;
  /** A job that runs later than this after its due time is marked late. */
  lateAfterMs?: number;
  /** Jobs claimed and recorded together, in one transaction. */
  batchSize?: number;
}

/**
 * One tick every few seconds (UTC) claims what is due in the database, runs it, and records
 * all outcomes at once. Nothing is held in memory between ticks, so a restart loses nothing.
 */
export class Scheduler {
  private readonly handlers: Map<string, JobHandler>;
  private readonly runWhileAway: readonly string[];
  private task: ScheduledTask | undefined;
  private ticking: Promise<void> | undefined;
  private readonly slowLane = new SerialQueue((error) =>
    this.options.logger.error({ err: error }, "a slow job failed; the next ones go on"),
  );
  private stopping = false;
  private caughtUp = false;

  constructor(private readonly options: SchedulerOptions) {
    this.handlers = new Map(options.handlers.map((handler) => [handler.kind, handler]));
    this.runWhileAway = options.handlers
      .filter((handler) => handler.runsWhileAway === true)
      .map((handler) => handler.kind);
  }

  async start(): Promise<void> {
    const interrupted = await this.options.jobs.recoverInterrupted();
    if (interrupted > 0) this.options.logger.warn({ interrupted }, "jobs interrupted by a crash will run again");
    this.task = cron.schedule(this.options.tickExpression ?? "*/2 * * * * *", () => this.tick(), {
      timezone: "UTC",
      noOverlap: true,
    });
  }

  /** Updates that arrived while regbot was down are handled: work that judges conduct may run. */
  markCaughtUp(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    void this.tick();
  }

  /** Slow jobs still queued are not started: claimed but not run, they run again after the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.task?.stop();
    await this.idle();
  }

  /** Resolves once the current tick and every slow job claimed so far have finished. */
  async idle(): Promise<void> {
    await this.ticking;
    await this.slowLane.idle();
  }

  /** Runs everything due now; concurrent calls share one run. */
  tick(): Promise<void> {
    this.ticking ??= this.runDueJobs()
      .catch((error: unknown) => this.options.logger.error({ err: error }, "scheduler tick failed"))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /**
   * Works through what is due in batches, so memory stays bounded however many chats are due
   * at once (10,000 digests on Friday at 17:00); a job that keeps coming due at once cannot
   * hold the tick in a loop.
   */
  private async runDueJobs(): Promise<void> {
    const { jobs, clock, batchSize = 2_000 } = this.options;
    const now = clock();
    const nextBatch = (): Claim => ({
      now,
      includeConductJobs: this.caughtUp,
      limit: batchSize,
      runWhileAway: this.runWhileAway,
    });
    const ran = new Set<number>();
    let claimed = await jobs.claimDue(nextBatch());
    while (claimed.length > 0) {
      for (const job of claimed.filter((job) => this.isSlow(job))) this.slowLane.enqueue(() => this.runSlow(job));
      const quick = claimed.filter((job) => !this.isSlow(job));
      const completions = await Promise.all(quick.map((job) => this.runOne(job, now)));
      const more = claimed.length === batchSize && !claimed.some((job) => ran.has(job.id));
      for (const job of claimed) ran.add(job.id);
      // The next batch is claimed in the transaction that records this one (one commit, not two).
      const next = await this.record(completions, more ? nextBatch() : undefined);
      if (completions.some(mayHavePosted)) this.options.onMessagesPosted();
      claimed = next ?? (more ? await jobs.claimDue(nextBatch()) : []);
    }
  }

  private isSlow(job: Job): boolean {
    return this.handlers.get(job.kind)?.slow === true;
  }

  private async runSlow(job: Job): Promise<void> {
    if (this.stopping) return;
    try {
      const completion = await this.runOne(job, this.options.clock());
      await this.record([completion]);
      if (mayHavePosted(completion)) this.options.onMessagesPosted();
    } catch (error) {
      this.options.logger.error({ job: job.id, kind: job.kind, err: error }, "a slow job could not be recorded");
    }
  }

  /**
   * One transaction for the whole tick; if it fails, each job is recorded on its own so one bad
   * outcome (say, a message for a chat that no longer exists) cannot hold back the others. Returns
   * the batch `claimNext` asked for, unless the tick's transaction failed and took the claim with it.
   */
  private async record(completions: readonly JobCompletion[], claimNext?: Claim): Promise<Job[] | undefined> {
    const { jobs, clock, logger } = this.options;
    try {
      const { failedWrites, claimed } = await jobs.complete(completions, clock(), claimNext);
      for (const { jobId, error } of failedWrites)
        logger.error({ job: jobId, err: error }, "a job's writes failed when recorded; it runs again");
      return claimNext === undefined ? undefined : claimed;
    } catch (batchError) {
      logger.error({ err: batchError }, "recording the tick failed; recording each job on its own");
      for (const completion of completions) {
        await jobs.complete([completion], clock()).catch(async (error: unknown) => {
          logger.error({ job: completion.jobId, err: error }, "could not record a job's outcome");
          await jobs.complete(
            [
              {
                jobId: completion.jobId,
                outcome: "failed",
                error: error instanceof Error ? error.message : String(error),
              },
            ],
            clock(),
          );
        });
      }
      return undefined;
    }
  }

  private async runOne(job: Job, now: number): Promise<JobCompletion> {
    const { logger, maxAttempts = 5, lateAfterMs = 60_000 } = this.options;
    const handler = this.handlers.get(job.kind);
    if (handler === undefined)
      return { jobId: job.id, outcome: "failed", error: `no handler for job kind ${job.kind}` };
    const late = now - job.dueAt > lateAfterMs;
    // Made when the job logs: a child logger for each of a tick's thousands of jobs cost 4% of its CPU.
    let childLogger: Logger | undefined;
    const jobLogger = () => (childLogger ??= logger.child({ job: job.id, kind: job.kind, key: job.dedupeKey }));
    try {
      const result = await handler.run(job, {
        now,
        late,
        get logger() {
          return jobLogger();
        },
      });
      if (late) jobLogger().info({ lateByMs: now - job.dueAt }, "job ran late");
      return {
        jobId: job.id,
        outcome: "done",
        messages: result.messages ?? [],
        late,
        ...(result.nextDueAt === undefined ? {} : { nextDueAt: result.nextDueAt }),
        ...(result.recordWith === undefined
          ? {}
          : { recordWith: result.recordWith, ifRecordFails: (error: string) => failure(error) }),
      };
    } catch (error) {
      jobLogger().error({ attempt: job.attempts, err: error }, "job failed");
      return failure(error instanceof Error ? error.message : String(error));
    }

    function failure(error: string): JobCompletion {
      if (job.attempts >= maxAttempts) return { jobId: job.id, outcome: "failed", error };
      return { jobId: job.id, outcome: "retry", dueAt: now + Math.min(30_000 * 2 ** job.attempts, 3_600_000), error };
    }
  }
}

/** Messages it posted, or writes recorded with it that may have posted some. */
function mayHavePosted(completion: JobCompletion): boolean {
  return completion.outcome === "done" && (completion.messages.length > 0 || completion.recordWith !== undefined);
}
