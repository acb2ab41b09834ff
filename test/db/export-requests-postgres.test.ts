import { afterEach, describe, expect, it } from "vitest";
import type { NewJob } from "../../src/db/job-repository.js";
import { PostgresExportRequestRepository } from "../../src/db/postgres/export-request-repository.js";
import { jobs } from "../../src/db/postgres/schema.js";
import type { PostgresSession } from "../../src/db/postgres/session.js";
import type { SqliteRepositories } from "../../src/db/repositories.js";
import type { EventDraft } from "../../src/domain/correspondence.js";
import { anotherProcess, expectSameLog, type Twins, twins, writersOf } from "./postgres-twins.js";

const T = Date.parse("2026-11-02T09:00:00Z");
const acme = { telegramChatId: -1001234567001, type: "supergroup" as const, title: "Acme × Sofía" };
const SPECIALIST = 42;

const exportJob = (update: number): NewJob => ({
  kind: "export",
  dedupeKey: `export:${update}`,
  chatId: 1,
  dueAt: T,
  payload: { chatId: 1, requestedBy: SPECIALIST },
});
const requested = (update: number): EventDraft => ({
  chat: acme,
  kind: "action",
  source: `update:${update}:export`,
  senderId: SPECIALIST,
  payload: { action: "export" },
});
const outcome = { chat: acme, kind: "action" as const, payload: { outcome: "delivered" } };
const told = (key: string) => [{ to: { chatId: 1 }, text: "The export is ready", dedupeKey: `${key}:told` }];

/** A group where an export was asked for at update 5 and delivered. */
async function aChatWithAnExport(repositories: SqliteRepositories): Promise<void> {
  await repositories.correspondence.append(
    [{ chat: acme, kind: "message", source: "update:1", senderId: SPECIALIST, messageId: 1, text: "Hi", payload: {} }],
    T,
  );
  await repositories.exportRequests.request(exportJob(5), requested(5), T);
  await repositories.exportRequests.settle("export:5", outcome, told("export:5"), T);
}

let opened: Twins[] = [];
afterEach(async () => {
  await Promise.all(opened.map((twin) => twin.close()));
  opened = [];
});

async function both() {
  const twin = await twins(aChatWithAnExport);
  opened.push(twin);
  return { twin, exportRequests: exportRequestsOf(twin.session) };
}

function exportRequestsOf(session: PostgresSession): PostgresExportRequestRepository {
  const { chain, outbox, jobs } = writersOf(session);
  return new PostgresExportRequestRepository(session, chain, jobs, outbox);
}

describe("PostgresExportRequestRepository, beside SQLite's", () => {
  it("knows which attempts have ended", async () => {
    const { twin, exportRequests } = await both();
    for (const [chatId, key] of [
      [1, "export:5"],
      [1, "export:6"],
      [2, "export:5"],
    ] as const)
      expect(await exportRequests.hasOutcome(chatId, key)).toBe(
        await twin.repositories.exportRequests.hasOutcome(chatId, key),
      );
    expect(await exportRequests.hasOutcome(1, "export:5")).toBe(true);
  });

  it("schedules a request once and settles an attempt once, saying its outcome once", async () => {
    const { twin, exportRequests } = await both();
    for (const repository of [twin.repositories.exportRequests, exportRequests]) {
      expect(await repository.request(exportJob(7), requested(7), T + 1000)).toBe(true);
      expect(await repository.request(exportJob(7), requested(7), T + 2000)).toBe(false);
      expect(await repository.settle("export:7", outcome, told("export:7"), T + 3000)).toBe(true);
      expect(await repository.settle("export:7", outcome, told("export:7"), T + 4000)).toBe(false);
    }
    await expectSameLog(twin);
  });

  it("takes a request asked twice at once, in two processes, once", async () => {
    const { twin, exportRequests } = await both();
    const other = await anotherProcess(twin);
    try {
      const racing = exportRequestsOf(other.session);
      const answers = await Promise.all([
        exportRequests.request(exportJob(9), requested(9), T),
        racing.request(exportJob(9), requested(9), T),
      ]);
      expect(answers.sort()).toEqual([false, true]);
      expect(await twin.session.queries.select().from(jobs)).toHaveLength(2);
    } finally {
      await other.close();
    }
  });
});
