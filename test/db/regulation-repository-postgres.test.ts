import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/db/outbox-repository.js";
import { PostgresRegulationRepository } from "../../src/db/postgres/regulation-repository.js";
import type { RegulationChange, RegulationRepository } from "../../src/db/regulation-repository.js";
import type { RepositoryPort } from "../../src/db/repository-port.js";
import { applySetting, defaultRegulation, type Regulation } from "../../src/domain/regulation/regulation.js";
import { storedRows, type RepositoryPair, repositoryPair } from "../support/repository-pairs.js";

type Regulations = RepositoryPort<RegulationRepository>;

const chat = { telegramChatId: -1001234567890, type: "supergroup" as const };
const start = 1_790_000_000_000;
const hour = 3_600_000;
const specialist = 401;
const first = defaultRegulation({ timezone: "Europe/Madrid", language: "en" });

let twin: RepositoryPair;
let regulations: PostgresRegulationRepository;

beforeEach(async () => {
  twin = await repositoryPair();
  regulations = new PostgresRegulationRepository(twin.session, twin.chain, twin.outbox);
  await twin.append([{ chat, kind: "message", source: "update:1", payload: { text: "hi" } }], start);
});

afterEach(() => twin.close());

async function both<T>(call: (repository: Regulations) => Promise<T>): Promise<T> {
  const fromSqlite = await call(twin.repositories.regulations);
  const fromPostgres = await call(regulations);
  expect(fromPostgres).toEqual(fromSqlite);
  return fromPostgres;
}

async function expectSameRows(): Promise<void> {
  for (const table of ["regulationVersions", "events", "chats", "outbox"] as const) {
    const { sqlite, postgres } = await storedRows(twin, table);
    expect(postgres, table).toEqual(sqlite);
  }
}

/** A change as `/set` makes it: logged with what it changed and confirmed, announced in the group. */
function change(
  regulation: Regulation,
  at: number,
  update: number,
  logged: { changes?: Array<{ key: string }>; confirmed?: string[] },
  announced = true,
): RegulationChange {
  return {
    chatId: 1,
    regulation,
    changedBy: specialist,
    at,
    record: (version) => ({
      chat,
      kind: "regulation",
      source: `update:${update}:regulation`,
      senderId: specialist,
      payload: { version, changedBy: specialist, ...logged, regulation },
    }),
    ...(announced
      ? {
          announcement: (version): OutgoingMessage => ({
            to: { chatId: 1 },
            text: `The rules changed (version ${version}).`,
            dedupeKey: `update:${update}:regulation`,
          }),
        }
      : {}),
  };
}

describe("PostgresRegulationRepository answers and stores as SQLite's", () => {
  it("numbers versions, finds the one in force at a moment, and the settings someone chose", async () => {
    expect(await both((repository) => repository.current(1))).toBeUndefined();
    expect(await both((repository) => repository.chosenSettings(1))).toEqual(new Set());
    const second = applySetting(applySetting(first, "language", "es"), "voice", "off");
    const third = applySetting(second, "timezone", "Europe/Lisbon");

    expect(
      await both((repository) => repository.save(change(first, start + hour, 2, { confirmed: ["timezone"] }))),
    ).toBe(1);
    expect(
      await both((repository) =>
        repository.save(
          change(second, start + 2 * hour, 3, { changes: [{ key: "language" }, { key: "voice" }] }, false),
        ),
      ),
    ).toBe(2);
    expect(
      await both((repository) =>
        repository.save(change(third, start + 3 * hour, 4, { changes: [{ key: "timezone" }] })),
      ),
    ).toBe(3);

    expect((await both((repository) => repository.current(1)))?.version).toBe(3);
    expect(await both((repository) => repository.inForceAt(1, start))).toBeUndefined();
    expect((await both((repository) => repository.inForceAt(1, start + hour)))?.version).toBe(1);
    expect((await both((repository) => repository.inForceAt(1, start + 2 * hour + 1)))?.regulation.language).toBe("es");
    expect(await both((repository) => repository.current(2))).toBeUndefined();
    expect(await both((repository) => repository.chosenSettings(1))).toEqual(
      new Set(["timezone", "language", "voice"]),
    );
    await expectSameRows();
  });

  it("queues each announcement in the version's transaction", async () => {
    await both((repository) => repository.save(change(first, start + hour, 2, { confirmed: ["timezone"] })));
    await both((repository) => repository.save(change(first, start + 2 * hour, 3, {}, false)));
    const { sqlite, postgres } = await storedRows(twin, "outbox");
    expect(sqlite).toHaveLength(1);
    expect(postgres).toEqual(sqlite);
  });
});

describe("PostgresRegulationRepository with two processes", () => {
  it("numbers two versions saved at the same moment one after the other", async () => {
    const other = await twin.another();
    const elsewhere = new PostgresRegulationRepository(other.session, other.chain, other.outbox);
    const versions = await Promise.all([
      regulations.save(change(first, start + hour, 2, {})),
      elsewhere.save(change(applySetting(first, "language", "es"), start + hour, 3, {})),
    ]);
    expect(versions.sort()).toEqual([1, 2]);
    expect((await regulations.current(1))?.version).toBe(2);
  });
});
