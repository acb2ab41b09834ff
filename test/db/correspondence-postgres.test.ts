import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { CorrespondenceRepository, type IncomingUpdate } from "../../src/db/correspondence-repository.js";
import { PostgresCorrespondenceRepository } from "../../src/db/postgres/correspondence-repository.js";
import type { PostgresSession } from "../../src/db/postgres/session.js";
import type { EventDraft } from "../../src/domain/correspondence.js";
import { verifyChain, type StoredLink } from "../../src/domain/evidence-chain.js";
import { eventLeaf, MerkleAccumulator, merkleRoot } from "../../src/domain/merkle.js";
import { describeUpdate } from "../../src/records/describe-update.js";
import {
  openPairedDatabases,
  postgresChainTables,
  sqliteChainTables,
  type PairedDatabases,
} from "../support/paired-databases.js";
import { client, edit, group, message, specialist, withId } from "../support/updates.js";

let pair: PairedDatabases | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

async function open(): Promise<PairedDatabases> {
  pair = await openPairedDatabases();
  return pair;
}

type Correspondence = CorrespondenceRepository | PostgresCorrespondenceRepository;

function incoming(updateId: number, update: Parameters<typeof withId>[1]): IncomingUpdate {
  const full = withId(updateId, update);
  return { updateId, payload: full, drafts: describeUpdate(full) };
}

function botMessage(telegramChatId: number, source: string, text: string): EventDraft {
  return { chat: { telegramChatId, type: "supergroup" }, kind: "bot_message", source, payload: { text } };
}

async function chainOf(correspondence: Correspondence, chatId: number): Promise<StoredLink[]> {
  const links: StoredLink[] = [];
  for await (const link of correspondence.readChain(chatId, 2)) links.push(link);
  return links;
}

const acme = group(-1001, "Acme");
const globex = group(-1002, "Globex");
const oldGroup = { id: -4001, type: "group" as const, title: "Initech" };
const newGroup = group(-1004001, "Initech");

/** One step of a history: the same call on either repository, and what it answered (or that it refused). */
type Step = (correspondence: Correspondence) => Promise<unknown>;

/**
 * Months of a deployment in a few batches: interleaved chats and senders, renames, an edit,
 * redeliveries, a reused update id, bot messages, a failed batch, a migration, a document, a
 * private chat, a frontier lost and regbot's bookkeeping of what it handled.
 */
function aHistory(): Step[] {
  const renamed = { ...client, first_name: "Iván", username: "ivan_acme" };
  const original = message(acme, client, "Budget is 500 EUR");
  const first = incoming(1, message(acme, client, "one"));
  const firstBatch = [
    first,
    incoming(2, message(globex, client, "two")),
    incoming(3, message(acme, specialist, "three")),
    incoming(4, message(acme, renamed, "four")),
    incoming(5, message(globex, client, "five")),
  ];
  const reusedFirst = incoming(100, message(acme, client, "before the week of silence"));
  const reused = incoming(100, message(acme, client, "after it"));
  const document = {
    file_id: "BQAC-file",
    file_unique_id: "AgAD-unique",
    file_name: "brief.pdf",
    mime_type: "application/pdf",
    file_size: 52_000,
  };
  const unstorable = incoming(299, message(acme, client, "broken", { date: Number.NaN }));
  // Built once, before either repository sees them: each message takes the next message id.
  const six = incoming(6, message(globex, client, "six"));
  const editPair = [incoming(7, original), incoming(8, edit(original, "Budget is 300 EUR"))];
  const after = incoming(101, message(acme, client, "and the one after"));
  const lost = incoming(200, message(acme, client, "lost"));
  const migration = [
    incoming(300, message(oldGroup, client, "before")),
    incoming(301, message(oldGroup, client, "", { text: undefined, migrate_to_chat_id: newGroup.id })),
    incoming(302, message(newGroup, specialist, "", { text: undefined, migrate_from_chat_id: oldGroup.id })),
    incoming(303, message(newGroup, client, "after")),
  ];
  const withDocument = incoming(400, message(acme, client, "", { text: undefined, caption: "the brief", document }));
  const privately = incoming(500, message({ id: client.id, type: "private", first_name: "Ivan" }, client, "/start"));
  return [
    (c) => c.ingest(firstBatch, 1000),
    (c) => c.ingest([first, six], 2000, [1, 2]),
    (c) => c.ingest(editPair, 3000),
    (c) => c.ingest([reusedFirst], 4000),
    (c) => c.ingest([reused, reused], 5000),
    (c) => c.ingest([reusedFirst, reused, after], 6000),
    (c) => c.append([botMessage(acme.id, "sent:1", "noted"), botMessage(globex.id, "sent:2", "noted too")], 6500),
    (c) => c.append([botMessage(acme.id, "sent:1", "noted")], 6600),
    (c) => c.append([botMessage(-1009, "sent:3", "a chat regbot writes to first")], 6700),
    (c) => c.ingest([lost, unstorable], 7000),
    (c) => c.ingest(migration, 8000),
    (c) => c.ingest([withDocument], 9000),
    (c) => c.ingest([privately], 9500),
    (c) => c.markDone([3, 100]),
    (c) => c.markFailed(101, "boom"),
    async (c) => [await c.isHandled(3), await c.isHandled(101), await c.isHandled(4), await c.isHandled(999)],
    async (c) => [await c.keyOf(100, reused.payload), await c.keyOf(100, reusedFirst.payload), await c.keyOf(999, {})],
    (c) => c.pendingUpdates(),
    async (c) => Promise.all([1, 2, 3, 4, 5].map((chatId) => c.chainHead(chatId))),
    async (c) => Promise.all([1, 2, 3, 4, 5].map((chatId) => chainOf(c, chatId))),
  ];
}

/** Runs the steps in order, each answer or refusal recorded. */
async function run(correspondence: Correspondence, steps: readonly Step[], between?: (index: number) => Promise<void>) {
  const answers: unknown[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      answers.push(await step(correspondence));
    } catch {
      answers.push("refused");
    }
    await between?.(index);
  }
  return answers;
}

describe("PostgreSQL's correspondence log, against SQLite's", () => {
  it("answers a whole history as SQLite does and stores the same rows: events, chats, people, frontiers, inbox", async () => {
    const { sqlite, postgres, session } = await open();
    const steps = aHistory();
    const lite = await run(new CorrespondenceRepository(sqlite.orm), steps);
    const pg = await run(new PostgresCorrespondenceRepository(session), steps);
    expect(pg).toEqual(lite);
    expect(lite[9], "the failed batch").toBe("refused");
    expect(lite[8]).toEqual([{ chatId: 3, seq: 1, kind: "bot_message" }]);
    const stored = await postgresChainTables(postgres);
    expect(stored).toEqual(sqliteChainTables(sqlite));
    expect(stored.events.length).toBeGreaterThan(15);
    expect(stored.frontiers).toHaveLength(4);
    for (const chatId of [1, 2, 3, 4])
      expect(verifyChain(await chainOf(new PostgresCorrespondenceRepository(session), chatId)).intact).toBe(true);
  });

  it("leaves a frontier that lags behind the log for the next checkpoint, as SQLite does", async () => {
    const { sqlite, postgres, session } = await open();
    const steps = aHistory().slice(0, 3);
    const upgraded = incoming(900, message(acme, client, "after the upgrade"));
    const later = [(c: Correspondence) => c.ingest([upgraded], 20_000)];
    await run(new CorrespondenceRepository(sqlite.orm), steps);
    await run(new PostgresCorrespondenceRepository(session), steps);
    sqlite.sqlite.exec("delete from chain_frontiers where chat_id = 1");
    await postgres.orm.execute(sql`delete from chain_frontiers where chat_id = 1`);
    await run(new CorrespondenceRepository(sqlite.orm), later);
    await run(new PostgresCorrespondenceRepository(session), later);
    const stored = await postgresChainTables(postgres);
    expect(stored).toEqual(sqliteChainTables(sqlite));
    expect(stored.frontiers.map((frontier) => frontier.chatId)).toEqual([2]);
  });

  it("changes nothing when a batch is delivered again", async () => {
    const { postgres, session } = await open();
    const correspondence = new PostgresCorrespondenceRepository(session);
    const batch = [incoming(1, message(acme, client, "one")), incoming(2, message(globex, specialist, "two"))];
    await correspondence.ingest(batch, 1000);
    const before = await postgresChainTables(postgres);
    expect(await correspondence.ingest(batch, 2000)).toEqual([
      { key: 1, isNew: false },
      { key: 2, isNew: false },
    ]);
    expect(await postgresChainTables(postgres)).toEqual(before);
  });

  it("appends within the caller's transaction only, and nothing of a transaction rolled back", async () => {
    const { postgres, session } = await open();
    const correspondence = new PostgresCorrespondenceRepository(session);
    await expect(correspondence.appendInTransaction([botMessage(acme.id, "sent:1", "x")], 1000)).rejects.toThrow(
      /transaction/,
    );
    await expect(
      session.transaction(async () => {
        await correspondence.appendInTransaction([botMessage(acme.id, "sent:1", "x")], 1000);
        throw new Error("the caller's own change failed");
      }),
    ).rejects.toThrow(/caller/);
    const empty = await postgresChainTables(postgres);
    expect([empty.events, empty.chats, empty.frontiers]).toEqual([[], [], []]);
    const appended = await session.transaction(() =>
      correspondence.appendInTransaction(
        [botMessage(acme.id, "sent:1", "x"), botMessage(acme.id, "sent:2", "y")],
        1000,
      ),
    );
    // Unlike SQLite's rowid, a sequence does not roll back: the chat registered in vain took id 1.
    expect(appended).toEqual([
      { chatId: 2, seq: 1, kind: "bot_message" },
      { chatId: 2, seq: 2, kind: "bot_message" },
    ]);
  });
});

/** The chain of the chat with that Telegram id, checked, and its stored frontier against the log's root. */
async function checkedChain(session: PostgresSession, pair: PairedDatabases, telegramChatId: number) {
  const [link] = (
    await pair.postgres.orm.execute<{ chat_id: string }>(
      sql`select chat_id from chat_telegram_ids where telegram_chat_id = ${telegramChatId}`,
    )
  ).rows;
  const chatId = Number(link!.chat_id);
  const chain = await chainOf(new PostgresCorrespondenceRepository(session), chatId);
  const [frontier] = (
    await pair.postgres.orm.execute<{ size: string; subtrees: Buffer }>(
      sql`select size, subtrees from chain_frontiers where chat_id = ${chatId}`,
    )
  ).rows;
  const stored = MerkleAccumulator.resume({ size: Number(frontier!.size), subtrees: frontier!.subtrees });
  expect(stored.size).toBe(chain.length);
  expect(stored.root()).toEqual(merkleRoot(chain.map((one) => eventLeaf(one.hash))));
  expect(verifyChain(chain)).toMatchObject({ intact: true, count: chain.length });
  return chain;
}

async function count(pair: PairedDatabases, table: string): Promise<number> {
  const { rows } = await pair.postgres.orm.execute<{ n: string }>(
    sql`select count(*) as n from ${sql.identifier(table)}`,
  );
  return Number(rows[0]!.n);
}

describe("several processes on one PostgreSQL database", () => {
  it("append to one new chat at once and leave one chat with one contiguous chain", async () => {
    const both = await open();
    const one = new PostgresCorrespondenceRepository(both.session);
    const other = new PostgresCorrespondenceRepository(await both.anotherProcess());
    const otherSession = await both.anotherProcess();
    const inTransaction = new PostgresCorrespondenceRepository(otherSession);
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => [
        one.append([botMessage(acme.id, `sent:a${index}`, "a")], 1000 + index),
        other.append([botMessage(acme.id, `sent:b${index}`, "b"), botMessage(globex.id, `sent:b${index}`, "b")], 1000),
        otherSession.transaction(() =>
          inTransaction.appendInTransaction(
            [botMessage(globex.id, `sent:c${index}`, "c"), botMessage(acme.id, `sent:c${index}`, "c")],
            1000,
          ),
        ),
      ]).flat(),
    );
    expect(await count(both, "chats")).toBe(2);
    expect(await checkedChain(both.session, both, acme.id)).toHaveLength(60);
    expect(await checkedChain(both.session, both, globex.id)).toHaveLength(40);
  });

  it("ingest batches of the same chats at once, each update once, in unbroken chains", async () => {
    const both = await open();
    const one = new PostgresCorrespondenceRepository(both.session);
    const other = new PostgresCorrespondenceRepository(await both.anotherProcess());
    const pair = (updateId: number, first: typeof acme, second: typeof acme) => [
      incoming(updateId, message(first, client, `${updateId}`)),
      incoming(updateId + 1, message(second, specialist, `${updateId + 1}`)),
    ];
    const shared = Array.from({ length: 5 }, (_, index) => pair(1000 + 2 * index, acme, globex));
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, index) => one.ingest(pair(1 + 2 * index, acme, globex), 1000)),
      ...Array.from({ length: 10 }, (_, index) => other.ingest(pair(101 + 2 * index, globex, acme), 1000)),
      ...shared.flatMap((batch) => [one.ingest(batch, 2000), other.ingest(batch, 2000)]),
    ]);
    const sharedAnswers = answers.slice(20);
    for (let index = 0; index < sharedAnswers.length; index += 2)
      expect(
        [sharedAnswers[index], sharedAnswers[index + 1]].map((stored) => stored!.map((update) => update.isNew)),
      ).toContainEqual([true, true]);
    expect(sharedAnswers.flat().filter((update) => update.isNew)).toHaveLength(10);
    expect(await count(both, "chats")).toBe(2);
    expect(await count(both, "inbox_updates")).toBe(50);
    expect(await checkedChain(both.session, both, acme.id)).toHaveLength(25);
    expect(await checkedChain(both.session, both, globex.id)).toHaveLength(25);
  });

  it("see a group become a supergroup from both sides at once and keep one chat for both ids", async () => {
    const both = await open();
    const one = new PostgresCorrespondenceRepository(both.session);
    const other = new PostgresCorrespondenceRepository(await both.anotherProcess());
    const groups = Array.from({ length: 5 }, (_, index) => ({
      old: { id: -4000 - index, type: "group" as const, title: `Group ${index}` },
      upgraded: group(-1_004_000 - index, `Group ${index}`),
    }));
    await Promise.all(
      groups.flatMap(({ old, upgraded }, index) => [
        one.ingest(
          [
            incoming(10 * index + 1, message(old, client, "before")),
            incoming(10 * index + 2, message(old, client, "", { text: undefined, migrate_to_chat_id: upgraded.id })),
          ],
          1000,
        ),
        other.ingest(
          [
            incoming(
              10 * index + 3,
              message(upgraded, specialist, "", { text: undefined, migrate_from_chat_id: old.id }),
            ),
            incoming(10 * index + 4, message(upgraded, client, "after")),
          ],
          1000,
        ),
      ]),
    );
    expect(await count(both, "chats")).toBe(5);
    for (const { old, upgraded } of groups) {
      const viaOld = await checkedChain(both.session, both, old.id);
      expect(await checkedChain(both.session, both, upgraded.id)).toEqual(viaOld);
      expect(viaOld).toHaveLength(4);
    }
    const { rows } = await both.postgres.orm.execute<{ type: string }>(sql`select distinct type from chats`);
    expect(rows).toEqual([{ type: "supergroup" }]);
  });

  it("give every reused update id a key of its own, and one update one key", async () => {
    const both = await open();
    const one = new PostgresCorrespondenceRepository(both.session);
    const other = new PostgresCorrespondenceRepository(await both.anotherProcess());
    await one.ingest([incoming(7, message(acme, client, "the first update 7"))], 1000);
    const shared = incoming(7, message(acme, client, "seen by both"));
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, (_, index) =>
        one.ingest([incoming(7, message(acme, client, `one ${index}`))], 2000),
      ),
      ...Array.from({ length: 5 }, (_, index) =>
        other.ingest([incoming(7, message(globex, client, `other ${index}`))], 2000),
      ),
      one.ingest([shared], 2000),
      other.ingest([shared], 2000),
    ]);
    const keys = answers.slice(0, 10).map((stored) => stored[0]!.key);
    const [sharedByOne, sharedByOther] = answers.slice(10).map((stored) => stored[0]!);
    expect(sharedByOne!.key).toBe(sharedByOther!.key);
    expect([sharedByOne!.isNew, sharedByOther!.isNew].sort()).toEqual([false, true]);
    expect([...keys, sharedByOne!.key].sort((a, b) => a - b)).toEqual([-11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1]);
    expect(await count(both, "inbox_updates")).toBe(12);
    expect(await checkedChain(both.session, both, acme.id)).toHaveLength(7);
    expect(await checkedChain(both.session, both, globex.id)).toHaveLength(5);
  });

  it("run an ingest again that PostgreSQL rolled back to break a deadlock", async () => {
    const both = await open();
    const correspondence = new PostgresCorrespondenceRepository(both.session);
    const outsider = await both.anotherProcess();
    await correspondence.ingest([incoming(7, message(acme, client, "the first update 7"))], 1000);
    const batch = [incoming(7, message(acme, client, "update 7 again")), incoming(9, message(acme, client, "nine"))];
    const waiting = async () =>
      (await both.postgres.orm.execute<{ n: string }>(sql`select count(*) as n from pg_locks where not granted`))
        .rows[0]!.n !== "0";
    let ingesting: Promise<unknown> | undefined;
    // Another transaction stores update 9 first, then wants the key lock the ingest holds while it waits on 9.
    const crossing = outsider.transaction(async () => {
      await outsider.queries.execute(
        sql`insert into inbox_updates (key, update_id, payload, received_at) values (9, 9, '{}', 1500)`,
      );
      ingesting = correspondence.ingest(batch, 2000);
      while (!(await waiting())) await new Promise((resolve) => setTimeout(resolve, 20));
      await outsider.lockUntilCommit("regbot:inbox-keys");
      throw new Error("the other transaction gives up");
    });
    await expect(crossing).rejects.toThrow(/gives up/);
    expect(await ingesting).toEqual([
      { key: -1, isNew: true },
      { key: 9, isNew: true },
    ]);
    expect(await checkedChain(both.session, both, acme.id)).toHaveLength(3);
  });
});
