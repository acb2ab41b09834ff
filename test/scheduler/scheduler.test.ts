import { DateTime } from "luxon";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { JobRepository, type Job } from "../../src/db/job-repository.js";
import { OutboxRepository, type OutgoingMessage } from "../../src/db/outbox-repository.js";
import { nextWeeklyOccurrence, type WeeklyTime } from "../../src/domain/recurrence.js";
import { Scheduler, type JobHandler, type JobResult, type SchedulerOptions } from "../../src/scheduler/scheduler.js";

const MADRID = "Europe/Madrid";
const SECOND = 1_000;
const HOUR = 3_600_000;
/** A cron expression that does not fire during a test: ticks are driven by hand. */
const NEVER_DURING_TEST = "0 0 1 1 *";

const madrid = (iso: string) => DateTime.fromISO(iso, { zone: MADRID }).toMillis();
const inMadrid = (ms: number) => DateTime.fromMillis(ms, { zone: MADRID }).toFormat("yyyy-MM-dd ccc HH:mm ZZ");

let now = madrid("2026-12-01T09:00");
const clock = () => now;
let database: Database | undefined;
afterEach(() => database?.close());

interface Run {
  key: string;
  at: number;
  late: boolean;
}

/** A handler that records each run and answers with `respond`. */
function handler(kind: string, respond: (job: Job, now: number) => JobResult | Promise<JobResult> = () => ({})) {
  const runs: Run[] = [];
  const recording: JobHandler & { runs: Run[] } = {
    kind,
    runs,
    async run(job, context) {
      runs.push({ key: job.dedupeKey, at: context.now, late: context.late });
      return respond(job, context.now);
    },
  };
  return recording;
}

/** A fresh in-memory regbot database with its repositories; schedulers are built on it like after each start. */
function openRegbot(startAt: string) {
  now = madrid(startAt);
  const opened = openDatabase(":memory:");
  database = opened;
  const outbox = new OutboxRepository(opened.orm, new CorrespondenceRepository(opened.orm));
  const jobs = new JobRepository(opened.orm, outbox);
  let wakeUps = 0;
  return {
    jobs,
    outbox,
    wakeUps: () => wakeUps,
    scheduler(handlers: readonly JobHandler[], options: Partial<SchedulerOptions> = {}) {
      const logger = pino({ level: "silent" });
      return new Scheduler({
        jobs,
        handlers,
        clock,
        logger,
        onMessagesPosted: () => (wakeUps += 1),
        tickExpression: NEVER_DURING_TEST,
        ...options,
      });
    },
    addGroup(telegramChatId: number): number {
      const insert = opened.sqlite.prepare(
        "insert into chats (telegram_chat_id, type, title, created_at) values (?, 'supergroup', 'Acme', ?)",
      );
      return Number(insert.run(telegramChatId, now).lastInsertRowid);
    },
    outboxRows() {
      return opened.sqlite
        .prepare("select dedupe_key as dedupeKey, chat_id as chatId, state, payload from outbox order by id")
        .all() as Array<{ dedupeKey: string; chatId: number; state: string; payload: string }>;
    },
    async job(dedupeKey: string): Promise<Job> {
      const found = await jobs.find(dedupeKey);
      if (found === undefined) throw new Error(`no job ${dedupeKey}`);
      return found;
    },
  };
}

describe("a one-off job", () => {
  it("waits until it is due, runs exactly once at its time, and never again once done", async () => {
    const regbot = openRegbot("2026-12-01T09:00");
    const reminders = handler("reminder");
    const scheduler = regbot.scheduler([reminders]);
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: madrid("2026-12-01T10:00") });

    now = madrid("2026-12-01T09:59:59");
    await scheduler.tick();
    expect(reminders.runs).toEqual([]);

    now = madrid("2026-12-01T10:00");
    await scheduler.tick();
    await scheduler.tick();
    now = madrid("2026-12-08T10:00");
    await scheduler.tick();
    expect(reminders.runs).toEqual([{ key: "reminder:acme", at: madrid("2026-12-01T10:00"), late: false }]);
    expect(await regbot.job("reminder:acme")).toMatchObject({ state: "done", attempts: 1, ranLate: false });
  });

  it("that fell due while regbot was down runs once after the restart, marked late", async () => {
    const regbot = openRegbot("2026-12-01T09:00");
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: madrid("2026-12-01T10:00") });

    now = madrid("2026-12-01T13:30");
    const reminders = handler("reminder");
    const restarted = regbot.scheduler([reminders]);
    await restarted.start();
    await restarted.tick();
    await restarted.tick();
    await restarted.stop();

    expect(reminders.runs).toEqual([{ key: "reminder:acme", at: madrid("2026-12-01T13:30"), late: true }]);
    expect(await regbot.job("reminder:acme")).toMatchObject({ state: "done", ranLate: true });
  });
});

describe("a weekly job at Friday 17:00 in Madrid", () => {
  const fridayFivePm: WeeklyTime = { weekday: 5, minute: 17 * 60, timezone: MADRID };
  const weeklyDigest = () =>
    handler("digest", (job, runAt) => ({
      nextDueAt: nextWeeklyOccurrence(JSON.parse(job.payload) as WeeklyTime, runAt),
    }));

  it("missed twice during a downtime runs once on return, then waits for the next Friday", async () => {
    const regbot = openRegbot("2026-12-01T09:00");
    await regbot.jobs.schedule({
      kind: "digest",
      dedupeKey: "digest:acme",
      dueAt: madrid("2026-12-04T17:00"),
      payload: fridayFivePm,
    });

    now = madrid("2026-12-12T10:00");
    const digests = weeklyDigest();
    const scheduler = regbot.scheduler([digests]);
    await scheduler.tick();
    await scheduler.tick();

    expect(digests.runs).toEqual([{ key: "digest:acme", at: now, late: true }]);
    const job = await regbot.job("digest:acme");
    expect(job).toMatchObject({ state: "pending", attempts: 0 });
    expect(inMadrid(job.dueAt)).toBe("2026-12-18 Fri 17:00 +01:00");
  });

  it("stays at 17:00 local time across the spring and autumn clock changes", async () => {
    const regbot = openRegbot("2027-03-19T09:00");
    const scheduler = regbot.scheduler([weeklyDigest()]);
    await regbot.jobs.schedule({
      kind: "digest",
      dedupeKey: "digest:acme",
      dueAt: madrid("2027-03-19T17:00"),
      payload: fridayFivePm,
    });

    const dueTimes: string[] = [];
    while (now < madrid("2027-11-06T00:00")) {
      now = (await regbot.job("digest:acme")).dueAt;
      await scheduler.tick();
      dueTimes.push(inMadrid((await regbot.job("digest:acme")).dueAt));
    }

    expect(dueTimes.slice(0, 2)).toEqual(["2027-03-26 Fri 17:00 +01:00", "2027-04-02 Fri 17:00 +02:00"]);
    expect(dueTimes).toContain("2027-10-29 Fri 17:00 +02:00");
    expect(dueTimes).toContain("2027-11-05 Fri 17:00 +01:00");
    expect(new Set(dueTimes.map((due) => due.slice(11)))).toEqual(new Set(["Fri 17:00 +01:00", "Fri 17:00 +02:00"]));
  });
});

describe("a crash between claiming a job and recording its outcome", () => {
  it("leaves the job to run again after the restart, and its reminder is posted once", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const chatId = regbot.addGroup(-1001);
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", chatId, dueAt: now });
    const reminder: OutgoingMessage = {
      to: { chatId },
      text: "The weekly report is due today at 17:00 (Europe/Madrid).",
      dedupeKey: "reminder:acme:1",
    };

    let postedBeforeCrash!: () => void;
    const crashed = new Promise<void>((resolve) => (postedBeforeCrash = resolve));
    const dying = regbot.scheduler([
      handler("reminder", async () => {
        await regbot.outbox.enqueue([reminder], now);
        postedBeforeCrash();
        return new Promise<never>(() => undefined);
      }),
    ]);
    void dying.tick();
    await crashed;
    expect(await regbot.job("reminder:acme")).toMatchObject({ state: "running" });

    const reminders = handler("reminder", () => ({ messages: [reminder] }));
    const restarted = regbot.scheduler([reminders]);
    await restarted.tick();
    expect(reminders.runs, "a claimed job is not taken again before recovery").toEqual([]);
    await restarted.start();
    await restarted.tick();
    await restarted.stop();

    expect(reminders.runs).toHaveLength(1);
    expect(await regbot.job("reminder:acme")).toMatchObject({ state: "done", attempts: 2 });
    expect(regbot.outboxRows().map((row) => row.dedupeKey)).toEqual(["reminder:acme:1"]);
  });
});

describe("rescheduling and cancelling", () => {
  it("scheduling the same key again moves the pending job instead of adding one", async () => {
    const regbot = openRegbot("2026-12-01T09:00");
    const reminders = handler("reminder");
    const scheduler = regbot.scheduler([reminders]);
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: madrid("2026-12-01T10:00") });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: madrid("2026-12-01T12:00") });

    now = madrid("2026-12-01T11:00");
    await scheduler.tick();
    expect(reminders.runs).toEqual([]);
    now = madrid("2026-12-01T12:00");
    await scheduler.tick();
    expect(reminders.runs.map((run) => inMadrid(run.at))).toEqual(["2026-12-01 Tue 12:00 +01:00"]);

    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: madrid("2026-12-02T12:00") });
    expect(await regbot.job("reminder:acme"), "a job that already ran is not revived").toMatchObject({
      state: "done",
      dueAt: madrid("2026-12-01T12:00"),
    });
  });

  it("a cancelled job never runs; cancelling a chat's jobs leaves other chats' alone", async () => {
    const regbot = openRegbot("2026-12-01T09:00");
    const acme = regbot.addGroup(-1001);
    const globex = regbot.addGroup(-1002);
    const reminders = handler("reminder");
    const scheduler = regbot.scheduler([reminders]);
    const dueAt = madrid("2026-12-01T10:00");
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme:report", chatId: acme, dueAt });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme:invoice", chatId: acme, dueAt });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:globex:report", chatId: globex, dueAt });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:globex:invoice", chatId: globex, dueAt });

    expect(await regbot.jobs.cancel("reminder:globex:invoice")).toBe(1);
    expect(await regbot.jobs.cancel("reminder:globex:invoice"), "already cancelled").toBe(0);
    expect(await regbot.jobs.cancel("reminder:acme:report", "reminder:acme:invoice")).toBe(2);
    now = dueAt;
    await scheduler.tick();

    expect(reminders.runs.map((run) => run.key)).toEqual(["reminder:globex:report"]);
    expect(await regbot.job("reminder:acme:report")).toMatchObject({ state: "cancelled", attempts: 0 });
  });
});

describe("a chat regbot was removed from", () => {
  it("holds what comes due there until regbot is back, while other chats and work for a person go on", async () => {
    const regbot = openRegbot("2026-12-01T09:00");
    const acme = regbot.addGroup(-1001);
    const globex = regbot.addGroup(-1002);
    const reminders = handler("reminder");
    const exports = { ...handler("export"), runsWhileAway: true };
    const scheduler = regbot.scheduler([reminders, exports]);
    const dueAt = madrid("2026-12-01T10:00");
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", chatId: acme, dueAt });
    await regbot.jobs.schedule({
      kind: "reminder",
      dedupeKey: "reminder:acme:later",
      chatId: acme,
      dueAt: madrid("2026-12-02T10:00"),
    });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:globex", chatId: globex, dueAt });
    await regbot.jobs.schedule({ kind: "export", dedupeKey: "export:acme", chatId: acme, dueAt });
    const chats = new ChatRepository(database!.orm);
    await chats.markRemoved(acme, madrid("2026-12-01T09:30"));

    now = dueAt;
    await scheduler.tick();
    expect(reminders.runs.map((run) => run.key)).toEqual(["reminder:globex"]);
    expect(exports.runs.map((run) => run.key)).toEqual(["export:acme"]);
    expect(await regbot.job("reminder:acme")).toMatchObject({ state: "held", attempts: 0, dueAt });
    expect(await regbot.job("reminder:acme:later"), "not due yet: simply pending").toMatchObject({ state: "pending" });

    await chats.markPresent(acme);
    expect(await regbot.jobs.releaseHeld(acme)).toBe(1);
    expect(await regbot.jobs.releaseHeld(acme), "released once").toBe(0);
    now = madrid("2026-12-01T11:00");
    await scheduler.tick();
    expect(reminders.runs.map((run) => [run.key, run.late])).toEqual([
      ["reminder:globex", false],
      ["reminder:acme", true],
    ]);
  });
});

describe("a job that fails", () => {
  it("does not stop the others in its tick, is retried with growing delays, then recorded as failed", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const started = now;
    const reminders = handler("reminder");
    const digests = handler("digest", () => {
      throw new Error("the regulation has no digest language");
    });
    const scheduler = regbot.scheduler([reminders, digests], { maxAttempts: 3 });
    await regbot.jobs.schedule({ kind: "digest", dedupeKey: "digest:acme", dueAt: now });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: now });

    await scheduler.tick();
    expect(reminders.runs).toHaveLength(1);
    expect(await regbot.job("digest:acme")).toMatchObject({
      state: "pending",
      attempts: 1,
      dueAt: now + 60 * SECOND,
      lastError: "the regulation has no digest language",
    });

    for (let elapsed = 0; elapsed <= 10 * 60 * SECOND; elapsed += 10 * SECOND) {
      now = started + elapsed;
      await scheduler.tick();
    }

    expect(digests.runs.map((run) => (run.at - started) / SECOND)).toEqual([0, 60, 180]);
    expect(await regbot.job("digest:acme")).toMatchObject({
      state: "failed",
      attempts: 3,
      lastError: "the regulation has no digest language",
    });
  });

  it("is recorded as failed when no handler knows its kind", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    await regbot.jobs.schedule({ kind: "retired-kind", dedupeKey: "retired:acme", dueAt: now });

    await regbot.scheduler([handler("reminder")]).tick();

    expect(await regbot.job("retired:acme")).toMatchObject({
      state: "failed",
      lastError: "no handler for job kind retired-kind",
    });
  });
});

describe("work that judges conduct", () => {
  it("waits until the updates that arrived during a downtime are handled; ordinary work does not", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const overdueChecks = handler("reply-overdue");
    const reminders = handler("reminder");
    const scheduler = regbot.scheduler([overdueChecks, reminders]);
    await regbot.jobs.schedule({ kind: "reply-overdue", dedupeKey: "overdue:acme", dueAt: now, judgesConduct: true });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: now });

    await scheduler.tick();
    expect(reminders.runs).toHaveLength(1);
    expect(overdueChecks.runs).toEqual([]);

    scheduler.markCaughtUp();
    await scheduler.tick();
    expect(overdueChecks.runs).toHaveLength(1);
    expect(await regbot.job("overdue:acme")).toMatchObject({ state: "done" });
  });
});

describe("slow work (waiting on another server)", () => {
  /** A slow handler whose runs wait until the test lets them finish, one by one. */
  function slowHandler(kind: string) {
    const waiting: Array<() => void> = [];
    const recording = handler(kind, () => new Promise<JobResult>((resolve) => waiting.push(() => resolve({}))));
    return Object.assign(recording, { slow: true, finishNext: () => waiting.shift()?.() });
  }

  it("runs beside the ticks, one job at a time, so other jobs never wait for it", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const transcriptions = slowHandler("transcription");
    const reminders = handler("reminder");
    const scheduler = regbot.scheduler([transcriptions, reminders]);
    await regbot.jobs.schedule({ kind: "transcription", dedupeKey: "transcription:1", dueAt: now });
    await regbot.jobs.schedule({ kind: "transcription", dedupeKey: "transcription:2", dueAt: now });
    await scheduler.tick();
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", dueAt: now });
    await scheduler.tick();

    expect(reminders.runs).toHaveLength(1);
    expect(transcriptions.runs.map((run) => run.key)).toEqual(["transcription:1"]);
    expect(await regbot.job("transcription:2")).toMatchObject({ state: "running" });
    transcriptions.finishNext();
    while (transcriptions.runs.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(transcriptions.runs.map((run) => run.key)).toEqual(["transcription:1", "transcription:2"]);
    transcriptions.finishNext();
    await scheduler.idle();
    expect(await regbot.job("transcription:1")).toMatchObject({ state: "done" });
    expect(await regbot.job("transcription:2")).toMatchObject({ state: "done" });
  });

  it("still queued at a stop, is left for the next start instead of holding up the stop", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const transcriptions = slowHandler("transcription");
    const scheduler = regbot.scheduler([transcriptions]);
    await regbot.jobs.schedule({ kind: "transcription", dedupeKey: "transcription:1", dueAt: now });
    await regbot.jobs.schedule({ kind: "transcription", dedupeKey: "transcription:2", dueAt: now });
    await scheduler.tick();
    const stopped = scheduler.stop();
    transcriptions.finishNext();
    await stopped;
    expect(transcriptions.runs.map((run) => run.key)).toEqual(["transcription:1"]);

    const restarted = regbot.scheduler([handler("transcription")]);
    await restarted.start();
    await restarted.tick();
    await restarted.stop();
    expect(await regbot.job("transcription:2")).toMatchObject({ state: "done", attempts: 2 });
  });
});

describe("messages a job returns", () => {
  it("are in the outbox once the tick has recorded the job as done, and the sender is woken", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const chatId = regbot.addGroup(-1001);
    const text = "Reminder: the weekly report is due today at 17:00 (Europe/Madrid).";
    const scheduler = regbot.scheduler([
      handler("reminder", () => ({ messages: [{ to: { chatId }, text, dedupeKey: "reminder:acme:1" }] })),
      handler("quiet"),
    ]);
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", chatId, dueAt: now });
    await regbot.jobs.schedule({ kind: "quiet", dedupeKey: "quiet:acme", chatId, dueAt: now + HOUR });

    await scheduler.tick();
    expect(await regbot.job("reminder:acme")).toMatchObject({ state: "done" });
    expect(regbot.outboxRows()).toEqual([
      { dedupeKey: "reminder:acme:1", chatId, state: "pending", payload: expect.stringContaining(text) as string },
    ]);
    expect(regbot.wakeUps()).toBe(1);

    now += HOUR;
    await scheduler.tick();
    expect(regbot.wakeUps(), "a tick that posted nothing does not wake the sender").toBe(1);
  });

  it("are posted with their job's outcome, and one that cannot be stored fails only its own job", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const chatId = regbot.addGroup(-1001);
    const unknownChat = chatId + 1;
    const scheduler = regbot.scheduler([
      handler("reminder", (job) => ({
        messages: [{ to: { chatId: job.chatId ?? unknownChat }, text: "Report due", dedupeKey: job.dedupeKey }],
      })),
    ]);
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:acme", chatId, dueAt: now });
    await regbot.jobs.schedule({ kind: "reminder", dedupeKey: "reminder:nowhere", dueAt: now });

    await scheduler.tick();

    expect(regbot.outboxRows()).toEqual([expect.objectContaining({ dedupeKey: "reminder:acme", chatId })]);
    expect(await regbot.job("reminder:acme")).toMatchObject({ state: "done" });
    expect(await regbot.job("reminder:nowhere")).toMatchObject({
      state: "failed",
      lastError: expect.stringContaining("FOREIGN KEY"),
    });
    expect(regbot.wakeUps()).toBe(1);
  });
});

describe("writes recorded with a job", () => {
  it("run in the tick's transaction that completes it; one that throws is undone and retried, the others recorded", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const chatId = regbot.addGroup(-1001);
    const insertMarker = database!.sqlite.prepare(
      "insert into chats (telegram_chat_id, type, created_at) values (?, 'group', 0)",
    );
    const recorded: boolean[] = [];
    const scheduler = regbot.scheduler([
      handler("checkpoint", (job) => ({
        recordWith: () => {
          recorded.push(database!.sqlite.inTransaction);
          insertMarker.run(-2000 - job.id);
          if (job.dedupeKey === "checkpoint:broken" && job.attempts === 1)
            throw new Error("the frontier is unreadable");
          return [{ to: { chatId }, text: `Checkpoint ${job.dedupeKey}`, dedupeKey: job.dedupeKey }];
        },
      })),
    ]);
    await regbot.jobs.schedule({ kind: "checkpoint", dedupeKey: "checkpoint:acme", chatId, dueAt: now });
    await regbot.jobs.schedule({ kind: "checkpoint", dedupeKey: "checkpoint:broken", chatId, dueAt: now });

    await scheduler.tick();
    expect(recorded).toEqual([true, true]);
    expect(regbot.outboxRows().map((row) => row.dedupeKey)).toEqual(["checkpoint:acme"]);
    expect(regbot.wakeUps(), "the sender is woken for what they posted").toBe(1);
    expect(await regbot.job("checkpoint:acme")).toMatchObject({ state: "done" });
    const broken = await regbot.job("checkpoint:broken");
    expect(broken).toMatchObject({
      state: "pending",
      dueAt: now + 60 * SECOND,
      lastError: "the frontier is unreadable",
    });
    const markers = () =>
      database!.sqlite.prepare("select count(*) as n from chats where telegram_chat_id <= -2000").get();
    expect(markers(), "the failed job's own write was undone").toEqual({ n: 1 });

    now += 60 * SECOND;
    await scheduler.tick();
    expect(await regbot.job("checkpoint:broken")).toMatchObject({ state: "done" });
    expect(regbot.outboxRows().map((row) => row.dedupeKey)).toEqual(["checkpoint:acme", "checkpoint:broken"]);
    expect(markers()).toEqual({ n: 2 });
  });

  it("answer at once on SQLite: one that answers with a promise is refused, undone and retried", async () => {
    const regbot = openRegbot("2026-12-01T10:00");
    const chatId = regbot.addGroup(-1001);
    const scheduler = regbot.scheduler([
      handler("checkpoint", (job) => ({
        recordWith: async () => [{ to: { chatId }, text: "Checkpoint", dedupeKey: job.dedupeKey }],
      })),
    ]);
    await regbot.jobs.schedule({ kind: "checkpoint", dedupeKey: "checkpoint:async", chatId, dueAt: now });

    await scheduler.tick();

    expect(regbot.outboxRows()).toEqual([]);
    expect(await regbot.job("checkpoint:async")).toMatchObject({
      state: "pending",
      lastError: "a job's recordWith answered with a promise: SQLite records jobs in a synchronous transaction",
    });
  });
});

describe("many jobs due at once", () => {
  it("run in one tick, in batches of the configured size", async () => {
    const regbot = openRegbot("2026-12-04T17:00");
    const digests = handler("digest");
    let running = 0;
    let mostAtOnce = 0;
    const counting: JobHandler = {
      kind: "digest",
      async run(job, context) {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return digests.run(job, context);
      },
    };
    for (let chat = 1; chat <= 10; chat += 1)
      await regbot.jobs.schedule({ kind: "digest", dedupeKey: `digest:${chat}`, dueAt: now });

    await regbot.scheduler([counting], { batchSize: 3 }).tick();
    expect(digests.runs.map((run) => run.key).sort()).toEqual(
      Array.from({ length: 10 }, (_, index) => `digest:${index + 1}`).sort(),
    );
    expect(mostAtOnce).toBe(3);
  });

  it("a job that keeps coming due at once does not hold the tick in a loop", async () => {
    const regbot = openRegbot("2026-12-04T17:00");
    const restless = handler("restless", (_job, at) => ({ nextDueAt: at }));
    await regbot.jobs.schedule({ kind: "restless", dedupeKey: "restless:1", dueAt: now });
    const scheduler = regbot.scheduler([restless], { batchSize: 1 });

    await scheduler.tick();
    expect(restless.runs).toHaveLength(2);
    await scheduler.tick();
    expect(restless.runs).toHaveLength(4);
  });
});
