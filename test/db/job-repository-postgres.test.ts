import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Claim, Job, JobCompletion } from "../../src/db/job-repository.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { ACTIVE_CHAT, LEFT_CHAT, queueTwinsForEachTest, ranked, testClock } from "../support/queue-twins.js";

const LEASE = 60_000;

const { postgres, sqlite } = queueTwinsForEachTest(LEASE);

const claimAt = (now: number, more: Partial<Claim> = {}): Claim => ({
  now,
  includeConductJobs: false,
  limit: 100,
  runWhileAway: ["export"],
  ...more,
});

/** Jobs as both databases can agree on them: by key, without ids (SQLite's `find` shows its unused lease column too). */
const byKey = (jobs: readonly Job[]) =>
  jobs.map(({ id: _id, ...job }) => {
    const { claimedUntil: _lease, ...rest } = job as Job & { claimedUntil?: unknown };
    return rest;
  });

describe("PostgreSQL's jobs, beside SQLite's", () => {
  it("answer and store the same through scheduling, claiming, holding, recording and releasing", async () => {
    const lite = sqlite();
    const pg = await postgres();
    const sqliteJobs = lite.repositories.jobs;
    const pgJobs = pg.jobs;

    const idOf = {
      sqlite: (key: string) =>
        lite.database.orm
          .select()
          .from(sqliteSchema.jobs)
          .all()
          .find((job) => job.dedupeKey === key)!.id,
      postgres: async (key: string) => (await pgJobs.find(key))!.id,
    };
    const both = async <T>(sqliteCall: () => Promise<T>, postgresCall: () => Promise<T>): Promise<T> => {
      const expected = await sqliteCall();
      expect(await postgresCall()).toEqual(expected);
      return expected;
    };

    const jobs = [
      { kind: "reminder", dedupeKey: "a", chatId: ACTIVE_CHAT, dueAt: 1_000, payload: { n: 1 } },
      { kind: "digest", dedupeKey: "b", chatId: ACTIVE_CHAT, dueAt: 2_000, judgesConduct: true },
      { kind: "reminder", dedupeKey: "c", chatId: LEFT_CHAT, dueAt: 1_500 },
      { kind: "export", dedupeKey: "d", chatId: LEFT_CHAT, dueAt: 1_200 },
      { kind: "reminder", dedupeKey: "e", dueAt: 3_000 },
      { kind: "reminder", dedupeKey: "f", chatId: ACTIVE_CHAT, dueAt: 1_100 },
      { kind: "reminder", dedupeKey: "g", chatId: ACTIVE_CHAT, dueAt: 9_000 },
      { kind: "reminder", dedupeKey: "h", chatId: ACTIVE_CHAT, dueAt: 1_100 },
    ];
    for (const job of jobs) {
      await sqliteJobs.schedule(job);
      await pgJobs.schedule(job);
    }
    // Moved, as a pending job with its key is.
    await both(
      () => sqliteJobs.schedule({ ...jobs[0]!, dueAt: 900, payload: { n: 2 } }),
      () => pgJobs.schedule({ ...jobs[0]!, dueAt: 900, payload: { n: 2 } }),
    );
    await both(
      () => sqliteJobs.rearm({ kind: "reminder", dedupeKey: "e", dueAt: 2_400 }),
      () => pgJobs.rearm({ kind: "reminder", dedupeKey: "e", dueAt: 2_400 }),
    );
    await both(
      () => sqliteJobs.cancel("g", "nothing"),
      () => pgJobs.cancel("g", "nothing"),
    );
    await both(
      () => sqliteJobs.cancel(),
      () => pgJobs.cancel(),
    );

    const first = await both(
      async () => byKey(await sqliteJobs.claimDue(claimAt(2_500))),
      async () => byKey(await pgJobs.claimDue(claimAt(2_500))),
    );
    expect(first.map((job) => job.dedupeKey)).toEqual(["a", "d", "e", "f", "h"]);
    // A running job is not moved by a new schedule, nor by a rearm.
    await both(
      () => sqliteJobs.rearm({ kind: "reminder", dedupeKey: "a", dueAt: 5_000 }),
      () => pgJobs.rearm({ kind: "reminder", dedupeKey: "a", dueAt: 5_000 }),
    );

    const outcomes = (
      idOf: (key: string) => number,
      recordFails: () => readonly never[] | Promise<readonly never[]>,
      recorded: () => readonly { text: string; to: { chatId: number }; dedupeKey: string }[],
    ): JobCompletion[] => [
      {
        jobId: idOf("a"),
        outcome: "done",
        late: true,
        nextDueAt: 10_000,
        messages: [{ text: "a ran", to: { chatId: ACTIVE_CHAT }, dedupeKey: "job:a:1" }],
      },
      { jobId: idOf("d"), outcome: "retry", dueAt: 4_000, error: "later" },
      { jobId: idOf("e"), outcome: "failed", error: "broken" },
      {
        jobId: idOf("f"),
        outcome: "done",
        late: false,
        messages: [{ text: "f ran", to: { chatId: ACTIVE_CHAT }, dedupeKey: "job:f" }],
        recordWith: recordFails,
        ifRecordFails: (error) => ({ jobId: idOf("f"), outcome: "retry", dueAt: 2_600, error }),
      },
      { jobId: idOf("h"), outcome: "done", late: false, messages: [], recordWith: recorded },
    ];
    const sqliteIds = new Map(first.map((job) => [job.dedupeKey, idOf.sqlite(job.dedupeKey)]));
    const postgresIds = new Map(
      await Promise.all(first.map(async (job) => [job.dedupeKey, await idOf.postgres(job.dedupeKey)] as const)),
    );
    const recorded = () => [{ text: "h recorded", to: { chatId: ACTIVE_CHAT }, dedupeKey: "job:h" }];
    const sqliteCompleted = await sqliteJobs.complete(
      outcomes(
        (key) => sqliteIds.get(key)!,
        () => {
          sqliteJobs.scheduleWithin(lite.database.orm, { kind: "reminder", dedupeKey: "undone", dueAt: 1 });
          throw new Error("the checkpoint failed");
        },
        recorded,
      ),
      2_500,
      claimAt(2_500, { includeConductJobs: true }),
    );
    const postgresCompleted = await pgJobs.complete(
      outcomes(
        (key) => postgresIds.get(key)!,
        async () => {
          await pgJobs.scheduleInTransaction({ kind: "reminder", dedupeKey: "undone", dueAt: 1 });
          throw new Error("the checkpoint failed");
        },
        recorded,
      ),
      2_500,
      claimAt(2_500, { includeConductJobs: true }),
    );
    expect(byKey(postgresCompleted.claimed)).toEqual(byKey(sqliteCompleted.claimed));
    expect(postgresCompleted.claimed.map((job) => job.dedupeKey)).toEqual(["b"]);
    expect(postgresCompleted.failedWrites.map(({ error }) => String(error))).toEqual(
      sqliteCompleted.failedWrites.map(({ error }) => String(error)),
    );

    await both(
      () => sqliteJobs.releaseHeld(LEFT_CHAT),
      () => pgJobs.releaseHeld(LEFT_CHAT),
    );
    for (const key of ["a", "b", "c", "d", "e", "f", "g", "h", "undone"])
      await both(
        async () => (await sqliteJobs.find(key)) && byKey([(await sqliteJobs.find(key))!])[0],
        async () => (await pgJobs.find(key)) && byKey([(await pgJobs.find(key))!])[0],
      );
    expect(await pgJobs.find("undone")).toBeUndefined();

    const sqliteRows = {
      jobs: ranked(lite.database.orm.select().from(sqliteSchema.jobs).all()),
      outbox: ranked(lite.database.orm.select().from(sqliteSchema.outbox).all(), ["editOf"]),
    };
    const postgresRows = {
      jobs: ranked(await pg.database.orm.select().from(postgresSchema.jobs)),
      outbox: ranked(await pg.database.orm.select().from(postgresSchema.outbox), ["editOf"]),
    };
    expect(postgresRows).toEqual(sqliteRows);
    expect(sqliteRows.outbox.map((row) => row.dedupeKey)).toEqual(["job:a:1", "job:h"]);
  });
});

describe("PostgreSQL's job leases", () => {
  it("leave a job running in a live process alone and take over one whose process died", async () => {
    const first = await postgres();
    const second = await postgres();
    await first.jobs.schedule({ kind: "reminder", dedupeKey: "r", chatId: ACTIVE_CHAT, dueAt: 1_000 });
    expect((await first.jobs.claimDue(claimAt(1_000))).map((job) => job.attempts)).toEqual([1]);

    expect(await second.jobs.claimDue(claimAt(1_000 + LEASE - 1))).toEqual([]);

    const [taken] = await second.jobs.claimDue(claimAt(1_000 + LEASE));
    expect(taken).toMatchObject({ dedupeKey: "r", state: "running", attempts: 2, lastRunAt: 1_000 + LEASE });
    expect(await second.jobs.claimDue(claimAt(1_000 + LEASE + 1))).toEqual([]);

    await second.jobs.complete([{ jobId: taken!.id, outcome: "done", late: false, messages: [] }], 1_000 + LEASE);
    const [row] = await first.database.orm.select().from(postgresSchema.jobs);
    expect(row).toMatchObject({ state: "done", claimedUntil: null });
  });

  it("put jobs whose lease ran out back to pending at start, and no others", async () => {
    const clock = testClock();
    const pg = await postgres(clock);
    await pg.jobs.schedule({ kind: "reminder", dedupeKey: "early", dueAt: 1_000 });
    await pg.jobs.claimDue(claimAt(1_000));
    await pg.jobs.schedule({ kind: "reminder", dedupeKey: "late", dueAt: 2_000 });
    await pg.jobs.claimDue(claimAt(2_000));

    clock.set(1_000 + LEASE - 1);
    expect(await pg.jobs.recoverInterrupted()).toBe(0);
    clock.set(1_000 + LEASE);
    expect(await pg.jobs.recoverInterrupted()).toBe(1);
    expect(await pg.jobs.find("early")).toMatchObject({ state: "pending", attempts: 1 });
    expect(await pg.jobs.find("late")).toMatchObject({ state: "running", attempts: 1 });
  });

  it("holds a job whose process died in a chat regbot left, as SQLite's recovery and claim do", async () => {
    const pg = await postgres();
    await pg.jobs.schedule({ kind: "reminder", dedupeKey: "r", chatId: LEFT_CHAT, dueAt: 1_000 });
    await pg.session.transaction(async () => {
      await pg.database.orm.update(postgresSchema.jobs).set({ state: "running", claimedUntil: 1_500 });
    });
    expect(await pg.jobs.claimDue(claimAt(1_500))).toEqual([]);
    expect(await pg.jobs.find("r")).toMatchObject({ state: "held" });
  });
});

describe("recording a tick on PostgreSQL", () => {
  it("undoes only the writes of a job whose recordWith the database refused, and records the rest", async () => {
    const pg = await postgres();
    for (const key of ["one", "two"]) await pg.jobs.schedule({ kind: "reminder", dedupeKey: key, dueAt: 1_000 });
    const [one, two] = await pg.jobs.claimDue(claimAt(1_000));
    const { failedWrites } = await pg.jobs.complete(
      [
        {
          jobId: one!.id,
          outcome: "done",
          late: false,
          messages: [],
          recordWith: async () => {
            await pg.jobs.scheduleInTransaction({ kind: "reminder", dedupeKey: "undone", dueAt: 1 });
            await pg.session.queries.execute(sql`select 1 / 0`);
            return [];
          },
          ifRecordFails: (error) => ({ jobId: one!.id, outcome: "retry", dueAt: 5_000, error }),
        },
        {
          jobId: two!.id,
          outcome: "done",
          late: false,
          messages: [],
          recordWith: async () => {
            await pg.jobs.scheduleInTransaction({ kind: "reminder", dedupeKey: "kept", dueAt: 1 });
            return [{ text: "two", to: { chatId: ACTIVE_CHAT }, dedupeKey: "two" }];
          },
        },
      ],
      1_000,
    );
    expect(failedWrites.map(({ error }) => String(error))).toEqual([expect.stringContaining("select 1 / 0")]);
    expect(await pg.jobs.find("one")).toMatchObject({
      state: "pending",
      dueAt: 5_000,
      lastError: expect.stringContaining("select 1 / 0"),
    });
    expect(await pg.jobs.find("two")).toMatchObject({ state: "done" });
    expect(await pg.jobs.find("undone")).toBeUndefined();
    expect(await pg.jobs.find("kept")).toMatchObject({ state: "pending" });
    expect((await pg.database.orm.select().from(postgresSchema.outbox)).map((row) => row.dedupeKey)).toEqual(["two"]);
  });
});

describe("two processes claiming jobs at once", () => {
  it("run each due job exactly once", async () => {
    const clock = testClock();
    const [one, other] = [await postgres(clock), await postgres(clock)];
    for (let index = 0; index < 300; index++)
      await one.jobs.schedule({ kind: "reminder", dedupeKey: `job:${index}`, chatId: ACTIVE_CHAT, dueAt: index % 7 });

    const work = async (process: typeof one): Promise<number[]> => {
      const ran: number[] = [];
      let claimed = await process.jobs.claimDue(claimAt(100, { limit: 9 }));
      while (claimed.length > 0) {
        ran.push(...claimed.map((job) => job.id));
        ({ claimed } = await process.jobs.complete(
          claimed.map((job) => ({ jobId: job.id, outcome: "done", late: false, messages: [] })),
          100,
          claimAt(100, { limit: 9 }),
        ));
      }
      return ran;
    };
    const [byOne, byOther] = await Promise.all([work(one), work(other)]);

    expect(byOne.length).toBeGreaterThan(0);
    expect(byOther.length).toBeGreaterThan(0);
    expect(byOne.filter((id) => byOther.includes(id))).toEqual([]);
    expect(new Set([...byOne, ...byOther]).size).toBe(300);
    expect(byOne.length + byOther.length).toBe(300);
    const rows = await one.database.orm.select().from(postgresSchema.jobs);
    expect(rows.every((row) => row.state === "done" && row.attempts === 1 && row.claimedUntil === null)).toBe(true);
  });
});
