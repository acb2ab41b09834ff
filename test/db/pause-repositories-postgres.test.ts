import { afterEach, describe, expect, it } from "vitest";
import type { EventDraft } from "../../src/domain/correspondence.js";
import type { PauseStart } from "../../src/db/cooling-pause-repository.js";
import type { Obligation } from "../../src/db/obligation-repository.js";
import type { OutboxRow } from "../../src/db/outbox-repository.js";
import { PostgresCoolingPauseRepository } from "../../src/db/postgres/cooling-pause-repository.js";
import { chatChainLock } from "../../src/db/postgres/correspondence-repository.js";
import type { PostgresJobRepository } from "../../src/db/postgres/job-repository.js";
import { events as postgresEvents, outbox as postgresOutbox } from "../../src/db/postgres/schema.js";
import type { PostgresSession } from "../../src/db/postgres/session.js";
import { PostgresWorkPauseRepository } from "../../src/db/postgres/work-pause-repository.js";
import type { SqliteRepositories } from "../../src/db/repositories.js";
import { whenAnswered } from "../../src/now-or-later.js";
import * as sqliteSchema from "../../src/db/schema.js";
import type { ResponseWindow } from "../../src/db/window-repository.js";
import type { NewWorkPause, PauseOutcome, WorkPause } from "../../src/db/work-pause-repository.js";
import { anotherProcess, expectSameLog, rowsOfBoth, type Twins, twins, writersOf } from "./postgres-twins.js";

const T = Date.parse("2026-11-02T09:00:00Z");
const HOUR = 3_600_000;
const acme = { telegramChatId: -1001234567001, type: "supergroup" as const, title: "Acme × Sofía" };
const SPECIALIST = 42;
const CLIENT = 77;

/**
 * A group with deadlines of every kind, three of them due at the same instant (inserted out of
 * their kinds' order), an earlier work pause, three pause proposals, a response window waiting,
 * and the message that carries the third proposal's buttons.
 */
async function aChatWithDeadlines(repositories: SqliteRepositories, sqlite: Twins["sqlite"]): Promise<void> {
  await repositories.correspondence.append(
    [{ chat: acme, kind: "message", source: "update:1", senderId: CLIENT, messageId: 1, text: "Hello", payload: {} }],
    T,
  );
  const owed = (kind: Obligation["kind"], number: number, dueAt: number, extra: Partial<Obligation> = {}) => ({
    chatId: 1,
    kind,
    number,
    description: `${kind} ${number}`,
    createdBy: SPECIALIST,
    createdAt: T,
    dueAt,
    ...extra,
  });
  sqlite.orm
    .insert(sqliteSchema.obligations)
    .values([
      owed("request", 1, T + 10 * HOUR),
      owed("stage", 1, T + 30 * HOUR),
      owed("request", 2, T + 30 * HOUR),
      owed("revision", 1, T + 30 * HOUR, { overdueNotifiedAt: T + HOUR }),
      owed("payment", 1, T + 50 * HOUR),
      owed("call", 1, T + 5 * HOUR),
      owed("pause", 1, T + 2 * HOUR),
      owed("pause", 2, T + 2 * HOUR),
      owed("pause", 3, T + 2 * HOUR),
      owed("request", 3, T + 20 * HOUR, {
        state: "done",
        closedAt: T + HOUR,
        closedBy: CLIENT,
        shiftedAt: T + 2 * HOUR,
      }),
      owed("stage", 2, T + 40 * HOUR, { overdueNotifiedAt: T + 3 * HOUR }),
    ])
    .run();
  sqlite.orm
    .insert(sqliteSchema.workPauses)
    .values({
      chatId: 1,
      startAt: T + HOUR,
      endAt: T + 2 * HOUR,
      causeObligationId: 10,
      createdBy: CLIENT,
      createdAt: T,
    })
    .run();
  sqlite.orm
    .insert(sqliteSchema.responseWindows)
    .values({
      chatId: 1,
      openedAt: T,
      openedByMessageId: 1,
      regulationVersion: 1,
      dueAt: T + 8 * HOUR,
      warnAt: T + 7 * HOUR,
    })
    .run();
  await repositories.outbox.enqueue(
    [{ to: { chatId: 1 }, text: "Pause until Friday?", dedupeKey: "pause:9:proposal" }],
    T,
  );
}

function shiftEvent(obligation: Obligation, event: string): EventDraft {
  return { chat: acme, kind: "obligation", source: `obligation:${obligation.id}:${event}`, payload: { event } };
}

interface Both {
  twin: Twins;
  jobs: PostgresJobRepository;
  pauses: PostgresWorkPauseRepository;
  coolingPauses: PostgresCoolingPauseRepository;
}

let opened: Twins[] = [];
afterEach(async () => {
  await Promise.all(opened.map((twin) => twin.close()));
  opened = [];
});

async function both(): Promise<Both> {
  const twin = await twins(aChatWithDeadlines);
  opened.push(twin);
  return { twin, ...repositoriesOf(twin.session) };
}

/** PostgreSQL's pause repositories over one process's session. */
function repositoriesOf(session: PostgresSession) {
  const { chain, outbox, jobs } = writersOf(session);
  return {
    jobs,
    pauses: new PostgresWorkPauseRepository(session, chain, outbox),
    coolingPauses: new PostgresCoolingPauseRepository(session, chain, outbox, jobs),
  };
}

async function expectSameRows(twin: Twins, tables: string[]): Promise<void> {
  for (const table of tables) {
    const rows = await rowsOfBoth(twin, table);
    expect(rows.postgres, table).toEqual(rows.sqlite);
  }
}

/** Runs `work` while another process holds the chat, and lets go half a second after. */
async function holdingChat<T>(twin: Twins, chatId: number, work: () => Promise<T>): Promise<T> {
  const holder = await anotherProcess(twin);
  try {
    return await holder.session.transaction(async () => {
      await holder.session.lockUntilCommit(chatChainLock(chatId));
      const started = await work();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return started;
    });
  } finally {
    await holder.close();
  }
}

/** What `decide` was given, and a decision that moves every deadline after the start by two hours. */
function workShift() {
  const given: Array<{ earlier: WorkPause[]; dueAfterStart: Obligation[] }> = [];
  const decide = (earlier: WorkPause[], dueAfterStart: Obligation[]): PauseOutcome => {
    given.push({ earlier, dueAfterStart });
    const moves = dueAfterStart.map((obligation) => ({ obligation, dueAt: obligation.dueAt + 2 * HOUR }));
    return {
      moves,
      records: moves.map(({ obligation }) => shiftEvent(obligation, "shifted")),
      announcement: { to: { chatId: 1 }, text: "Deadlines moved by 2 h", dedupeKey: "shift:1" },
    };
  };
  return { given, decide };
}

const waiting: NewWorkPause = {
  chatId: 1,
  startAt: T + 3 * HOUR,
  endAt: T + 5 * HOUR,
  causeObligationId: 1,
  createdBy: SPECIALIST,
  createdAt: T + 35 * HOUR,
};

describe("PostgresWorkPauseRepository, beside SQLite's", () => {
  it("records a client's delay once, moving the same deadlines in the same order", async () => {
    const { twin, pauses } = await both();
    const onSqlite = workShift();
    const onPostgres = workShift();
    const sqliteOutcome = await twin.repositories.pauses.record(waiting, onSqlite.decide);
    const postgresOutcome = await pauses.record(waiting, onPostgres.decide);
    expect(postgresOutcome).toEqual(sqliteOutcome);
    expect(onPostgres.given).toEqual(onSqlite.given);
    expect(onSqlite.given[0]!.dueAfterStart.map((obligation) => obligation.id)).toHaveLength(7);
    await expectSameRows(twin, ["obligations", "work_pauses"]);
    await expectSameLog(twin);

    const again = workShift();
    expect(await pauses.record({ ...waiting, createdAt: T + 40 * HOUR }, again.decide)).toBeUndefined();
    expect(
      await twin.repositories.pauses.record({ ...waiting, createdAt: T + 40 * HOUR }, again.decide),
    ).toBeUndefined();
    expect(again.given).toEqual([]);
    await expectSameRows(twin, ["obligations", "work_pauses"]);
    expect(await pauses.forChat(1)).toEqual(await twin.repositories.pauses.forChat(1));
    expect(await pauses.forChat(2)).toEqual([]);
  });

  it("records a delay once when two processes record it at the same moment", async () => {
    const { twin, pauses } = await both();
    const other = await anotherProcess(twin);
    try {
      const racing = repositoriesOf(other.session).pauses;
      const outcomes = await Promise.all([
        pauses.record(waiting, workShift().decide),
        racing.record(waiting, workShift().decide),
      ]);
      expect(outcomes.filter((outcome) => outcome !== undefined)).toHaveLength(1);
      expect(await pauses.forChat(1)).toHaveLength(2);
      expect(await twin.session.queries.select().from(postgresOutbox)).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it("of two delays recorded at once in one chat, the second sees the first and its moves", async () => {
    const { twin, pauses } = await both();
    const other = await anotherProcess(twin);
    try {
      const racing = repositoriesOf(other.session).pauses;
      const [first, second] = [workShift(), workShift()];
      await Promise.all([pauses.forChat(1), racing.forChat(1)]);
      // Both start while a third process holds the chat: they go on together once it lets go.
      const recorded = await holdingChat(twin, 1, async () => [
        pauses.record(waiting, first.decide),
        racing.record({ ...waiting, causeObligationId: 3, startAt: T + 4 * HOUR }, second.decide),
      ]);
      await Promise.all(recorded);
      const given = [...first.given, ...second.given].sort((one, other) => one.earlier.length - other.earlier.length);
      expect(given.map(({ earlier }) => earlier.length)).toEqual([1, 2]);
      const moved = new Map(given[0]!.dueAfterStart.map((obligation) => [obligation.id, obligation.dueAt + 2 * HOUR]));
      for (const obligation of given[1]!.dueAfterStart) expect(obligation.dueAt).toBe(moved.get(obligation.id));
    } finally {
      await other.close();
    }
  });
});

/** Accepting: the waiting window and the open requests, revisions and stages move by the pause's length. */
function coolingOff() {
  const given: Array<{ waiting: ResponseWindow | undefined; dueAfterStart: Obligation[] }> = [];
  const decide = (window: ResponseWindow | undefined, dueAfterStart: Obligation[]): PauseStart => {
    given.push({ waiting: window, dueAfterStart });
    const moves = dueAfterStart.map((obligation) => ({ obligation, dueAt: obligation.dueAt + 24 * HOUR }));
    return {
      ...(window === undefined
        ? {}
        : { window: { window, dueAt: window.dueAt + 24 * HOUR, warnAt: (window.warnAt ?? 0) + 24 * HOUR } }),
      moves,
      records: [
        { chat: acme, kind: "obligation", source: "obligation:7:accepted", payload: { by: CLIENT } },
        ...moves.map(({ obligation }) => shiftEvent(obligation, "paused")),
      ],
      announcement: { to: { chatId: 1 }, text: "Paused for a day", dedupeKey: "pause:7:started" },
      end: {
        kind: "pause-end",
        dedupeKey: "pause:7:end",
        chatId: 1,
        dueAt: T + 28 * HOUR,
        payload: { obligationId: 7 },
      },
    };
  };
  return { given, decide };
}

const accepted = { acceptedAt: T + 4 * HOUR, acceptedBy: CLIENT, endsAt: T + 28 * HOUR };
const declined = (id: number, event: string): EventDraft => ({
  chat: acme,
  kind: "obligation",
  source: `obligation:${id}:${event}`,
  senderId: CLIENT,
  payload: { event },
});

describe("PostgresCoolingPauseRepository, beside SQLite's", () => {
  it("starts an accepted pause once, moving the waiting window and the paused kinds", async () => {
    const { twin, coolingPauses } = await both();
    const proposal = (await twin.repositories.obligations.find(7))!;
    const onSqlite = coolingOff();
    const onPostgres = coolingOff();
    const sqliteStart = await twin.repositories.coolingPauses.start(proposal, accepted, onSqlite.decide);
    const postgresStart = await coolingPauses.start(proposal, accepted, onPostgres.decide);
    expect(postgresStart).toEqual(sqliteStart);
    expect(onPostgres.given).toEqual(onSqlite.given);
    expect(onSqlite.given[0]!.waiting?.id).toBe(1);
    await expectSameRows(twin, ["obligations", "response_windows"]);
    await expectSameLog(twin);

    expect(await coolingPauses.start(proposal, accepted, coolingOff().decide)).toBeUndefined();
    expect(await coolingPauses.decline(7, CLIENT, T + 5 * HOUR, declined(7, "declined"))).toBe(false);
    expect(await twin.repositories.coolingPauses.decline(7, CLIENT, T + 5 * HOUR, declined(7, "declined"))).toBe(false);
    await expectSameRows(twin, ["obligations", "response_windows"]);
    await expectSameLog(twin);
  });

  it("declines a proposal once, and then it can be neither accepted nor declined", async () => {
    const { twin, coolingPauses } = await both();
    const proposal = (await twin.repositories.obligations.find(8))!;
    for (const pauses of [twin.repositories.coolingPauses, coolingPauses]) {
      expect(await pauses.decline(8, CLIENT, T + 5 * HOUR, declined(8, "declined"))).toBe(true);
      expect(await pauses.decline(8, SPECIALIST, T + 6 * HOUR, declined(8, "withdrawn"))).toBe(false);
      expect(await pauses.start(proposal, accepted, coolingOff().decide)).toBeUndefined();
      expect(await pauses.decline(404, CLIENT, T + 5 * HOUR, declined(404, "declined"))).toBe(false);
    }
    await expectSameRows(twin, ["obligations", "response_windows"]);
    await expectSameLog(twin);
  });

  it("lets a proposal nobody answered lapse once, inside the job's transaction", async () => {
    const { twin, coolingPauses } = await both();
    const lapsedAt = T + 3 * HOUR;
    const record = { ...declined(9, "lapsed"), senderId: undefined };
    const edits = (of: OutboxRow) => [{ of, dedupeKey: "pause-lapse:9:edit", note: "Lapsed at 12:00" }];
    const sqliteMessage = (await twin.repositories.outbox.deliverableUnder("pause:9:proposal"))[0]!;
    const [postgresMessage] = await twin.session.queries.select().from(postgresOutbox);
    expect(postgresMessage).toEqual(sqliteMessage);

    expect(twin.repositories.coolingPauses.lapseWithin(9, lapsedAt, T + 4 * HOUR, record, edits(sqliteMessage))).toBe(
      true,
    );
    await expect(coolingPauses.lapseWithin(9, lapsedAt, T + 4 * HOUR, record, edits(postgresMessage!))).rejects.toThrow(
      /transaction/,
    );
    const lapse = () => coolingPauses.lapseWithin(9, lapsedAt, T + 4 * HOUR, record, edits(postgresMessage!));
    expect(await twin.session.transaction(lapse)).toBe(true);
    expect(await twin.session.transaction(lapse)).toBe(false);
    expect(twin.repositories.coolingPauses.lapseWithin(9, lapsedAt, T + 4 * HOUR, record, edits(sqliteMessage))).toBe(
      false,
    );
    await expectSameRows(twin, ["obligations"]);
    await expectSameLog(twin);
  });

  it("records a lapse with its job, and undoes it with the job's other writes when they fail", async () => {
    const { twin, jobs, coolingPauses } = await both();
    const lapsedAt = T + 3 * HOUR;
    const record = { ...declined(9, "lapsed"), senderId: undefined };
    const now = T + 4 * HOUR;
    const claim = { now, includeConductJobs: true, limit: 10, runWhileAway: [] };
    const lapseJob = (id: number) => ({
      kind: "pause-lapse",
      dedupeKey: `pause:${id}:lapse`,
      chatId: 1,
      dueAt: lapsedAt,
    });
    const sqlite = twin.repositories;
    for (const id of [8, 9]) {
      await sqlite.jobs.schedule(lapseJob(id));
      await jobs.schedule(lapseJob(id));
    }
    const [sqliteClaimed, postgresClaimed] = [await sqlite.jobs.claimDue(claim), await jobs.claimDue(claim)];
    expect(postgresClaimed.map(({ dedupeKey }) => dedupeKey)).toEqual(sqliteClaimed.map(({ dedupeKey }) => dedupeKey));
    const completions = <Answer>(
      lapse: (id: number) => Answer,
      claimed: ReadonlyArray<{ id: number; dedupeKey: string }>,
    ) =>
      claimed.map(({ id: jobId, dedupeKey }) => {
        const pauseId = Number(dedupeKey.split(":")[1]);
        return {
          jobId,
          outcome: "done" as const,
          messages: [],
          late: false,
          // The second proposal's lapse is written, then the job's other writes fail: both are undone.
          recordWith: () =>
            whenAnswered(lapse(pauseId), () => {
              if (pauseId === 8) throw new Error("the job's notice could not be written");
              return [];
            }),
          ifRecordFails: (error: string) => ({ jobId, outcome: "failed" as const, error }),
        };
      });
    const sqliteCompleted = await sqlite.jobs.complete(
      completions(
        (id) =>
          sqlite.coolingPauses.lapseWithin(id, lapsedAt, now, { ...record, source: `obligation:${id}:lapsed` }, []),
        sqliteClaimed,
      ),
      now,
    );
    const postgresCompleted = await jobs.complete(
      completions(
        (id) => coolingPauses.lapseWithin(id, lapsedAt, now, { ...record, source: `obligation:${id}:lapsed` }, []),
        postgresClaimed,
      ),
      now,
    );
    expect(postgresCompleted.failedWrites.length).toBe(1);
    expect(postgresCompleted.failedWrites.length).toBe(sqliteCompleted.failedWrites.length);
    await expectSameRows(twin, ["obligations"]);
    await expectSameLog(twin);
    expect((await twin.repositories.obligations.find(8))?.state).toBe("open");
    expect((await twin.repositories.obligations.find(9))?.state).toBe("cancelled");
  });

  it("of an acceptance, a refusal and a lapse racing in three processes, one wins", async () => {
    const { twin, coolingPauses } = await both();
    const proposal = (await twin.repositories.obligations.find(7))!;
    const others = [await anotherProcess(twin), await anotherProcess(twin)];
    try {
      const [declining, lapsing] = others.map((other) => repositoriesOf(other.session).coolingPauses) as [
        PostgresCoolingPauseRepository,
        PostgresCoolingPauseRepository,
      ];
      const lapse = () => lapsing.lapseWithin(7, T + 3 * HOUR, T + 3 * HOUR, declined(7, "lapsed"), []);
      const racing = await holdingChat(twin, 1, async () => [
        coolingPauses.start(proposal, accepted, coolingOff().decide),
        declining.decline(7, CLIENT, accepted.acceptedAt, declined(7, "declined")),
        others[1]!.session.transaction(lapse),
      ]);
      const answers = await Promise.all(racing);
      expect(answers.filter((answer) => answer !== undefined && answer !== false)).toHaveLength(1);
      const logged = await twin.session.queries.select({ source: postgresEvents.source }).from(postgresEvents);
      expect(logged.filter(({ source }) => source.startsWith("obligation:7:"))).toHaveLength(1);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });
});
