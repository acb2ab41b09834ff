import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EventDraft } from "../../src/domain/correspondence.js";
import { type StoredLink, verifyChain } from "../../src/domain/evidence-chain.js";
import type { NewObligation, Obligation, ObligationRepository } from "../../src/db/obligation-repository.js";
import { PostgresCorrespondenceRepository } from "../../src/db/postgres/correspondence-repository.js";
import { PostgresObligationRepository } from "../../src/db/postgres/obligation-repository.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import { PostgresSession } from "../../src/db/postgres/session.js";
import { PostgresWindowRepository } from "../../src/db/postgres/window-repository.js";
import { createRepositories, type Repositories } from "../../src/db/repositories.js";
import type { RepositoryPort } from "../../src/db/repository-port.js";
import * as sqliteSchema from "../../src/db/schema.js";
import type { NewWindow, WindowRepository } from "../../src/db/window-repository.js";
import {
  openPairedDatabases,
  type PairedDatabases,
  postgresChainTables,
  sqliteChainTables,
} from "../support/paired-databases.js";
import { client, group, specialist } from "../support/updates.js";

/** What the bot calls, whichever database answers. */
interface Side {
  obligations: RepositoryPort<ObligationRepository>;
  windows: RepositoryPort<WindowRepository>;
}

const acme = group(-1001000000001, "Acme × Sofía");
const chatOf = { telegramChatId: acme.id, type: "supergroup" as const };
const T0 = Date.UTC(2026, 10, 2, 9);
const HOUR = 3_600_000;

function draft(kind: "obligation" | "window" | "message", source: string, senderId?: number): EventDraft {
  return { chat: chatOf, kind, source, ...(senderId === undefined ? {} : { senderId }), payload: { source } };
}

function obligationEvent(event: string, by?: number) {
  return (created: Obligation) => draft("obligation", `obligation:${created.id}:${event}`, by);
}

let paired: PairedDatabases;
let sqliteRepositories: Repositories;
let correspondence: PostgresCorrespondenceRepository;
let twins: { sqlite: Side; postgres: Side };
let chatId: number;

/** A process's repositories over `session`, appending through its own chain. */
function postgresSide(session: PostgresSession) {
  const chain = new PostgresCorrespondenceRepository(session);
  return {
    correspondence: chain,
    obligations: new PostgresObligationRepository(session, chain),
    windows: new PostgresWindowRepository(session, chain),
  };
}

beforeEach(async () => {
  paired = await openPairedDatabases();
  sqliteRepositories = createRepositories(paired.sqlite.orm);
  const postgres = postgresSide(paired.session);
  correspondence = postgres.correspondence;
  twins = { sqlite: sqliteRepositories, postgres };
  const [hello] = await sqliteRepositories.correspondence.append([draft("message", "hello", client.id)], T0);
  await correspondence.append([draft("message", "hello", client.id)], T0);
  chatId = hello!.chatId;
});

afterEach(async () => paired?.close());

/** Runs the same call on SQLite's repositories, then on PostgreSQL's, and expects the same answer. */
async function both<T>(call: (side: Side) => T | Promise<T>): Promise<Awaited<T>> {
  const expected = await call(twins.sqlite);
  const actual = await call(twins.postgres);
  expect(actual).toEqual(expected);
  return expected;
}

/** Every stored row of both tables, and the chained log with its events, the same on both. */
async function expectSameRows(): Promise<void> {
  const { sqlite, postgres } = paired;
  const sqliteRows = {
    obligations: sqlite.orm.select().from(sqliteSchema.obligations).orderBy(asc(sqliteSchema.obligations.id)).all(),
    windows: sqlite.orm.select().from(sqliteSchema.responseWindows).orderBy(asc(sqliteSchema.responseWindows.id)).all(),
    chain: sqliteChainTables(sqlite),
  };
  const postgresRows = {
    obligations: await postgres.orm
      .select()
      .from(postgresSchema.obligations)
      .orderBy(asc(postgresSchema.obligations.id)),
    windows: await postgres.orm
      .select()
      .from(postgresSchema.responseWindows)
      .orderBy(asc(postgresSchema.responseWindows.id)),
    chain: await postgresChainTables(postgres),
  };
  expect(postgresRows).toEqual(sqliteRows);
  expect(sqliteRows.chain.events.length).toBeGreaterThan(5);
}

function request(description: string, at: number, sourceMessageId: number | null = null): NewObligation {
  return {
    chatId,
    kind: "request",
    description,
    createdBy: specialist.id,
    createdAt: at,
    sourceMessageId,
    dueAt: at + 48 * HOUR,
  };
}

function ofKind(kind: Obligation["kind"], description: string, at: number, sourceMessageId: number | null = null) {
  return { ...request(description, at, sourceMessageId), kind };
}

describe("obligations on PostgreSQL, call for call as on SQLite", () => {
  it("numbers, changes, closes and lists requests, revisions, stages and payments", async () => {
    const r1 = await both((side) =>
      side.obligations.create(request("Access to the ad account", T0, 10), obligationEvent("created")),
    );
    const r2 = await both((side) =>
      side.obligations.create(request("Brand book", T0 + HOUR, 11), obligationEvent("created")),
    );
    const s1 = await both((side) =>
      side.obligations.create(ofKind("stage", "Audience", T0, 12), obligationEvent("created")),
    );
    const s2 = await both((side) =>
      side.obligations.create(ofKind("stage", "Creatives", T0, 12), obligationEvent("created")),
    );
    const v1 = await both((side) =>
      side.obligations.create(ofKind("revision", "Logo", T0, 13), obligationEvent("created")),
    );
    const m1 = await both((side) =>
      side.obligations.create(ofKind("payment", "Advance", T0), obligationEvent("created")),
    );
    expect([r1.number, r2.number, s1.number, s2.number, v1.number]).toEqual([1, 2, 1, 2, 1]);

    await both((side) => side.obligations.find(r2.id));
    await both((side) => side.obligations.find(9999));
    await both((side) => side.obligations.byNumber(chatId, "stage", 2));
    await both((side) => side.obligations.bySource(chatId, "stage", 12));
    await both((side) => side.obligations.bySource(chatId, "request", 12));

    const at = T0 + 2 * HOUR;
    await both((side) => side.obligations.rename(r2.id, "Brand book, vector", at, draft("obligation", `r2:renamed`)));
    await both((side) => side.obligations.markOverdueNotified(r2.id, at, draft("obligation", "r2:overdue:1")));
    await both((side) => side.obligations.markOverdueNotified(r2.id, at, draft("obligation", "r2:overdue:2")));
    await both((side) => side.obligations.move(r2.id, at + 24 * HOUR, at, draft("obligation", "r2:moved")));
    await both((side) => side.obligations.markOverdueNotified(r2.id, at + HOUR, draft("obligation", "r2:overdue:3")));
    const closing = { closedAt: at + 3 * HOUR, closedBy: client.id, businessDaysLate: 2 };
    await both((side) =>
      side.obligations.close(r1.id, closing, draft("obligation", `obligation:${r1.id}:provided:u1`)),
    );
    await both((side) => side.obligations.close(r1.id, closing, draft("obligation", "r1:provided:again")));
    await both((side) => side.obligations.rename(r1.id, "Too late", at, draft("obligation", "r1:renamed")));

    // A revision delivered late and reopened is open again with its days late kept: SQLite lists it after one never delivered.
    const delivered = { state: "delivered" as const, deliveredAt: at, deliveredBy: specialist.id, businessDaysLate: 1 };
    await both((side) =>
      side.obligations.changeIn("open", v1.id, delivered, draft("obligation", `obligation:${v1.id}:delivered:u2`), at),
    );
    await both((side) => side.obligations.settledBetween(chatId, T0, at));
    await both((side) =>
      side.obligations.changeIn(
        "delivered",
        v1.id,
        { state: "open" },
        draft("obligation", `obligation:${v1.id}:reopened:u3`),
        at + HOUR,
      ),
    );
    await both((side) =>
      side.obligations.changeIn("delivered", v1.id, { state: "done" }, draft("obligation", "v1:no"), at),
    );
    const logged = [];
    for (const [obligation, event] of [
      [v1, "reopened"],
      [v1, "delivered"],
      [v1, "accepted"],
      [r1, "provided"],
    ] as const)
      logged.push(await both((side) => side.obligations.lastLoggedAt(obligation, event)));
    expect(logged).toEqual([at + HOUR, at, undefined, at + 3 * HOUR]);
    await both((side) => side.obligations.create(ofKind("revision", "Banner", at, 14), obligationEvent("created")));
    const revisions = await both((side) => side.obligations.open(chatId, "revision"));
    expect(revisions.map((revision) => revision.description)).toEqual(["Banner", "Logo"]);
    await both((side) => side.obligations.unsettled(chatId, "revision"));

    await both((side) =>
      side.obligations.changeIn(
        "open",
        s1.id,
        { state: "done", closedAt: at, closedBy: specialist.id, businessDaysLate: 3 },
        draft("obligation", "s1:done"),
        at,
      ),
    );
    await both((side) =>
      side.obligations.changeIn(
        "open",
        s2.id,
        { state: "done", closedAt: at + HOUR, closedBy: specialist.id, businessDaysLate: 0 },
        draft("obligation", "s2:done"),
        at + HOUR,
      ),
    );
    await both((side) => side.obligations.cancel(m1.id, null, at, draft("obligation", "m1:cancelled")));
    await both((side) => side.obligations.cancel(m1.id, client.id, at, draft("obligation", "m1:cancelled:again")));

    for (const kind of ["request", "stage", "revision", "payment", "call"] as const) {
      await both((side) => side.obligations.open(chatId, kind));
      await both((side) => side.obligations.unsettled(chatId, kind));
      await both((side) => side.obligations.ofKind(chatId, kind));
      await both((side) => side.obligations.businessDaysLateWhenDone(chatId, kind));
    }
    await both((side) => side.obligations.settledBetween(chatId, T0, at + HOUR));
    await both((side) => side.obligations.settledBetween(chatId, at + HOUR, at + 5 * HOUR));
    await both((side) => side.obligations.settledBetween(chatId, at + 6 * HOUR, at + 9 * HOUR));
    await expectSameRows();
  });

  it("confirms, replaces, misses and minutes calls", async () => {
    const call = (description: string, at: number, source: number) => ofKind("call", description, at, source);
    const c1 = await both((side) => side.obligations.create(call("Kick-off", T0, 20), obligationEvent("proposed")));
    const at = T0 + HOUR;
    await both((side) => side.obligations.confirmCall(c1.id, client.id, at, draft("obligation", "c1:confirmed")));
    await both((side) => side.obligations.confirmCall(c1.id, client.id, at, draft("obligation", "c1:confirmed:again")));
    const moved = (source: string) => ({
      cancelled: draft("obligation", `${source}:cancelled`),
      created: obligationEvent(`${source}:replacement`),
    });
    const c2 = await both((side) =>
      side.obligations.replace(c1.id, specialist.id, call("Kick-off, later", at, 21), moved("c1")),
    );
    await both((side) =>
      side.obligations.replace(c1.id, specialist.id, call("Kick-off, again", at, 22), moved("c1:again")),
    );
    await both((side) => side.obligations.bySource(chatId, "call", 20));

    const report = {
      missedSide: "client" as const,
      missedReportedBy: specialist.id,
      missedReportedAt: at,
      missedState: "reported" as const,
    };
    await both((side) => side.obligations.changeMissedCall(c2!.id, report, draft("obligation", "c2:missed"), at));
    await both((side) => side.obligations.changeMissedCall(c2!.id, report, draft("obligation", "c2:missed:again"), at));
    const confirmed = { missedState: "confirmed" as const, state: "done" as const, closedAt: at, closedBy: client.id };
    await both((side) =>
      side.obligations.changeMissedCall(c2!.id, confirmed, draft("obligation", "c2:judged"), at, "reported"),
    );
    await both((side) => side.obligations.missedCallCounts(chatId));

    const c3 = await both((side) => side.obligations.create(call("Review", at, 23), obligationEvent("proposed")));
    const minutes = (text: string, by: number) => ({ text, by, at: at + 2 * HOUR });
    await both((side) => side.obligations.judgeMinutes(c3.id, "confirmed", at, draft("obligation", "c3:judged:early")));
    await both((side) =>
      side.obligations.postMinutes(c3.id, minutes("We agreed", specialist.id), draft("obligation", "c3:minutes")),
    );
    await both((side) =>
      side.obligations.postMinutes(c3.id, minutes("Twice", specialist.id), draft("obligation", "c3:minutes:2")),
    );
    await both((side) => side.obligations.judgeMinutes(c3.id, "disputed", at, draft("obligation", "c3:disputed")));
    await both((side) =>
      side.obligations.postMinutes(
        c3.id,
        minutes("We agreed, amended", client.id),
        draft("obligation", "c3:minutes:3"),
      ),
    );
    await both((side) => side.obligations.judgeMinutes(c3.id, "confirmed", at, draft("obligation", "c3:confirmed")));
    await both((side) => side.obligations.settledBetween(chatId, T0, at + 3 * HOUR));
    await both((side) => side.obligations.ofKind(chatId, "call"));
    await expectSameRows();
  });
});

describe("response windows on PostgreSQL, call for call as on SQLite", () => {
  it("opens one at a time, answers, breaches and dismisses each once", async () => {
    const window = (openedAt: number, openedByMessageId: number): NewWindow => ({
      chatId,
      openedAt,
      openedByMessageId,
      regulationVersion: 1,
      dueAt: openedAt + HOUR,
      warnAt: openedAt + HOUR / 2,
    });
    const opened = (event: string) => (id: number) => draft("window", `window:${id}:${event}`);
    const answer = (at: number, onTime: boolean) => ({
      answeredAt: at,
      answeredBy: specialist.id,
      answerMessageId: 99,
      businessMinutes: 12.5,
      onTime,
    });
    const w1 = await both((side) => side.windows.open(window(T0, 1), opened("opened"), T0));
    await both((side) => side.windows.open(window(T0 + 60_000, 2), opened("opened:2"), T0 + 60_000));
    await both((side) => side.windows.awaitingAnswer(chatId));
    await both((side) =>
      side.windows.answer(w1.window.id, answer(T0 + HOUR / 4, true), draft("window", "w1:answered"), T0),
    );
    await both((side) =>
      side.windows.answer(w1.window.id, answer(T0 + HOUR / 3, true), draft("window", "w1:again"), T0),
    );
    await both((side) => side.windows.markBreached(w1.window.id, draft("window", "w1:breached"), T0 + 2 * HOUR));
    await both((side) => side.windows.awaitingAnswer(chatId));

    const w2 = await both((side) => side.windows.open(window(T0 + 2 * HOUR, 3), opened("opened"), T0 + 2 * HOUR));
    await both((side) => side.windows.markBreached(w2.window.id, draft("window", "w2:breached"), T0 + 3 * HOUR));
    await both((side) => side.windows.markBreached(w2.window.id, draft("window", "w2:breached:again"), T0 + 3 * HOUR));
    await both((side) =>
      side.windows.dismiss(w2.window.id, { at: T0, by: specialist.id, reason: "thanks" }, draft("window", "w2:no")),
    );
    await both((side) =>
      side.windows.answer(w2.window.id, answer(T0 + 4 * HOUR, false), draft("window", "w2:late"), T0),
    );

    const w3 = await both((side) => side.windows.open(window(T0 + 5 * HOUR, 4), opened("opened"), T0 + 5 * HOUR));
    const dismissal = { at: T0 + 5 * HOUR, by: specialist.id, reason: "not-request" as const };
    await both((side) => side.windows.dismiss(w3.window.id, dismissal, draft("window", "w3:dismissed")));
    await both((side) => side.windows.dismiss(w3.window.id, dismissal, draft("window", "w3:dismissed:again")));
    await both((side) => side.windows.markBreached(w3.window.id, draft("window", "w3:breached"), T0 + 6 * HOUR));
    await both((side) =>
      side.windows.answer(w3.window.id, answer(T0 + 6 * HOUR, true), draft("window", "w3:answered"), T0),
    );
    await both((side) => side.windows.open(window(T0 + 7 * HOUR, 5), opened("opened"), T0 + 7 * HOUR));
    await both((side) => side.windows.open(window(T0 + 7 * HOUR, 6), opened("opened:6"), T0 + 7 * HOUR));

    await both((side) => side.windows.find(w2.window.id));
    await both((side) => side.windows.find(9999));
    await both((side) => side.windows.awaitingAnswer(chatId));
    await both((side) => side.windows.awaitingAnswer(chatId + 1));
    await both((side) => side.windows.questionsBetween(chatId, T0, T0 + 8 * HOUR));
    await both((side) => side.windows.questionsBetween(chatId, T0 + HOUR, T0 + 5 * HOUR));
    for (const escalated of [w1, w2]) {
      const escalation = [draft("window", `window:${escalated.window.id}:escalated`)];
      await sqliteRepositories.correspondence.append(escalation, T0 + 8 * HOUR);
      await correspondence.append(escalation, T0 + 8 * HOUR);
    }
    expect(await both((side) => side.windows.escalatedBetween(chatId, T0, T0 + 8 * HOUR))).toBe(2);
    expect(await both((side) => side.windows.escalatedBetween(chatId, T0 + HOUR, T0 + 8 * HOUR))).toBe(1);
    await expectSameRows();
  });
});

describe("two processes on one PostgreSQL database", () => {
  function newWindow(openedAt: number, openedByMessageId: number): NewWindow {
    return { chatId, openedAt, openedByMessageId, regulationVersion: 1, dueAt: openedAt + HOUR, warnAt: null };
  }

  /** The chat's log in PostgreSQL, checked link by link. */
  async function chainOfChat() {
    const links: StoredLink[] = [];
    for await (const link of correspondence.readChain(chatId)) links.push(link);
    return verifyChain(links);
  }

  it("number what both create in one chat 1…n, none twice, one chain", async () => {
    const other = postgresSide(await paired.anotherProcess());
    const creating = [twins.postgres, other].flatMap((side) =>
      Array.from({ length: 8 }, (_, index) =>
        side.obligations.create(request(`Item ${index}`, T0 + index), obligationEvent("created")),
      ),
    );
    const created = await Promise.all(creating);
    expect(created.map((each) => each.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 16 }, (_, index) => index + 1),
    );
    expect(await chainOfChat()).toMatchObject({ intact: true, count: 17 });
  });

  it("close an obligation once, with one event, when both close it at once", async () => {
    const other = postgresSide(await paired.anotherProcess());
    const created = await twins.postgres.obligations.create(request("Brand book", T0), obligationEvent("created"));
    const closing = { closedAt: T0 + HOUR, closedBy: client.id, businessDaysLate: 0 };
    const closed = await Promise.all(
      [twins.postgres, other, twins.postgres, other].map((side, index) =>
        side.obligations.close(created.id, closing, draft("obligation", `obligation:${created.id}:provided:${index}`)),
      ),
    );
    expect(closed.filter(Boolean)).toHaveLength(1);
    expect(await chainOfChat()).toMatchObject({ intact: true, count: 3 });
  });

  it("open one window when both open one for a chat at once", async () => {
    const other = postgresSide(await paired.anotherProcess());
    const opening = [twins.postgres, other].flatMap((side) =>
      Array.from({ length: 4 }, (_, index) =>
        side.windows.open(newWindow(T0, index), (id) => draft("window", `window:${id}:opened:${index}`), T0),
      ),
    );
    const results = await Promise.all(opening);
    expect(results.filter((result) => result.opened)).toHaveLength(1);
    expect(new Set(results.map((result) => result.window.id)).size).toBe(1);
    expect(await chainOfChat()).toMatchObject({ intact: true, count: 2 });
  });

  it("a breach waits for the chat whose handling answers the window, then finds it answered", async () => {
    const breaching = postgresSide(await paired.anotherProcess());
    const { window } = await twins.postgres.windows.open(newWindow(T0, 1), (id) => draft("window", `w:${id}`), T0);
    const answer = { answeredAt: T0, answeredBy: specialist.id, answerMessageId: 2, businessMinutes: 5, onTime: true };
    const handlingSession = new PostgresSession(paired.postgres.orm);
    const handling = postgresSide(handlingSession);
    let breached: boolean | undefined;
    await handlingSession.transaction(async () => {
      // The specialist's message is logged first, so the handling holds the chat before it answers.
      await handling.correspondence.appendInTransaction([draft("message", "answer", specialist.id)], T0);
      void breaching.windows.markBreached(window.id, draft("window", "breached"), T0 + HOUR).then((result) => {
        breached = result;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(breached).toBeUndefined();
      expect(await handling.windows.answer(window.id, answer, draft("window", "answered"), T0)).toBe(true);
    });
    await expect.poll(() => breached).toBe(false);
    expect(await twins.postgres.windows.find(window.id)).toMatchObject({ state: "answered", breachedAt: null });
    expect(await chainOfChat()).toMatchObject({ intact: true, count: 4 });
  });
});
