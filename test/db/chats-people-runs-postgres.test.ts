import { asc } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { CorrespondenceRepository, type IncomingUpdate } from "../../src/db/correspondence-repository.js";
import { PeopleRepository } from "../../src/db/people-repository.js";
import { PostgresChatRepository } from "../../src/db/postgres/chat-repository.js";
import { PostgresCorrespondenceRepository } from "../../src/db/postgres/correspondence-repository.js";
import { PostgresPeopleRepository } from "../../src/db/postgres/people-repository.js";
import { PostgresRunRepository } from "../../src/db/postgres/run-repository.js";
import * as postgresSchema from "../../src/db/postgres/schema.js";
import { RunRepository } from "../../src/db/run-repository.js";
import * as sqliteSchema from "../../src/db/schema.js";
import { describeUpdate } from "../../src/records/describe-update.js";
import {
  openPairedDatabases,
  type PairedDatabases,
  postgresChainTables,
  sqliteChainTables,
} from "../support/paired-databases.js";
import { client, group, message, specialist, withId } from "../support/updates.js";

let pair: PairedDatabases | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

function incoming(updateId: number, update: Parameters<typeof withId>[1]): IncomingUpdate {
  const full = withId(updateId, update);
  return { updateId, payload: full, drafts: describeUpdate(full) };
}

const acme = group(-1001, "Acme");
const globex = group(-1002, "Globex");
const oldGroup = { id: -4001, type: "group" as const, title: "Initech" };
const newGroup = group(-1004001, "Initech");

/** Both databases after the same batch: three chats (one migrated), people renamed and sharing a username. */
async function openWithChats(): Promise<PairedDatabases> {
  pair = await openPairedDatabases();
  const batch = [
    incoming(1, message(acme, client, "one")),
    incoming(2, message(globex, specialist, "two")),
    incoming(3, message(acme, { ...client, first_name: "Iván", username: "Ivan_Acme" }, "three")),
    incoming(4, message(oldGroup, client, "before")),
    incoming(5, message(oldGroup, client, "", { text: undefined, migrate_to_chat_id: newGroup.id })),
    incoming(6, message(newGroup, specialist, "after")),
  ];
  const later = [incoming(7, message(acme, { ...specialist, id: 502, username: "ivan_acme" }, "the name is mine now"))];
  await new CorrespondenceRepository(pair.sqlite.orm).ingest(batch, 1000);
  await new CorrespondenceRepository(pair.sqlite.orm).ingest(later, 2000);
  const correspondence = new PostgresCorrespondenceRepository(pair.session);
  await correspondence.ingest(batch, 1000);
  await correspondence.ingest(later, 2000);
  return pair;
}

type Step<Repository> = (repository: Repository) => Promise<unknown> | unknown;

async function run<Repository>(repository: Repository, steps: readonly Step<Repository>[]): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const step of steps) answers.push(await step(repository));
  return answers;
}

describe("PostgreSQL's chats, people and runs, against SQLite's", () => {
  it("find, mark, migrate and decide joins of chats as SQLite does", async () => {
    const { sqlite, postgres, session } = await openWithChats();
    const steps: Step<ChatRepository | PostgresChatRepository>[] = [
      (chats) => chats.findByTelegramId(acme.id),
      (chats) => chats.findByTelegramId(oldGroup.id),
      (chats) => chats.findByTelegramId(newGroup.id),
      (chats) => chats.findByTelegramId(-5),
      (chats) => chats.findById(2),
      (chats) => chats.findById(99),
      (chats) => chats.markRemoved(1, 5000),
      (chats) => chats.markRemoved(1, 4000),
      (chats) => chats.markRemoved(1, 6000),
      (chats) => chats.activeChats(),
      (chats) => chats.markRemoved(2, 7000),
      (chats) => chats.markPresent(1),
      (chats) => chats.activeChats(),
      (chats) => chats.setLanguage(2, "es"),
      (chats) => chats.languageOf(globex.id),
      (chats) => chats.languageOf(acme.id),
      (chats) => chats.languageOf(-5),
      (chats) => chats.setSeesAllMessages(2, true),
      (chats) => chats.decideJoin({ updateKey: 10, chatId: 1, isReturn: false, awayFrom: null, hadSpecialist: true }),
      (chats) => chats.decideJoin({ updateKey: 10, chatId: 1, isReturn: true, awayFrom: 3000, hadSpecialist: false }),
      (chats) => chats.decideJoin({ updateKey: 11, chatId: 2, isReturn: true, awayFrom: 3000, hadSpecialist: false }),
      (chats) => chats.recordMigration(2, -1002002),
      (chats) => chats.recordMigration(2, -1002002),
      (chats) => chats.findByTelegramId(globex.id),
      (chats) => chats.findByTelegramId(-1002002),
      (chats) => chats.allChats(),
    ];
    const lite = await run(new ChatRepository(sqlite.orm), steps);
    expect(await run(new PostgresChatRepository(session), steps)).toEqual(lite);
    expect(lite[14]).toBe("es");
    const s = sqliteSchema;
    const p = postgresSchema;
    expect(await postgres.orm.select().from(p.chatJoins).orderBy(asc(p.chatJoins.updateKey))).toEqual(
      sqlite.orm.select().from(s.chatJoins).orderBy(asc(s.chatJoins.updateKey)).all(),
    );
    const stored = await postgresChainTables(postgres);
    const expected = sqliteChainTables(sqlite);
    expect([stored.chats, stored.chatTelegramIds]).toEqual([expected.chats, expected.chatTelegramIds]);
  });

  it("find people by id and by @username as SQLite does", async () => {
    const { sqlite, session } = await openWithChats();
    const steps: Step<PeopleRepository | PostgresPeopleRepository>[] = [
      (people) => people.find(1, client.id),
      (people) => people.find(1, 999),
      (people) => people.find(3, specialist.id),
      (people) => people.findByUsername(1, "@IVAN_acme"),
      (people) => people.findByUsername(2, "sofia_smm"),
      (people) => people.findByUsername(1, "@sofia_smm"),
      (people) => people.findByUsername(2, "nobody"),
    ];
    const lite = await run(new PeopleRepository(sqlite.orm), steps);
    expect(await run(new PostgresPeopleRepository(session), steps)).toEqual(lite);
    expect(lite[3]).toMatchObject({ person: { userId: 502 }, sharedBy: 2 });
  });

  it("record runs as SQLite does", async () => {
    pair = await openPairedDatabases();
    const { sqlite, postgres, session } = pair;
    const steps: Step<RunRepository | PostgresRunRepository>[] = [
      (runs) => runs.start(1000),
      (runs) => runs.heartbeat(1, 2000, undefined),
      (runs) => runs.heartbeat(1, 3000, 2500),
      (runs) => runs.heartbeat(1, 3500, undefined),
      (runs) => runs.stop(1, 4000),
      (runs) => runs.start(5000),
      (runs) => runs.heartbeat(2, 6000, 5500),
      (runs) => runs.start(7000),
    ];
    const lite = await run(new RunRepository(sqlite.orm), steps);
    expect(await run(new PostgresRunRepository(session), steps)).toEqual(lite);
    expect(lite[7]).toMatchObject({ previous: { id: 2, lastSeenAt: 6000, lastTelegramContactAt: 5500 } });
    const p = postgresSchema;
    const s = sqliteSchema;
    expect(await postgres.orm.select().from(p.runs).orderBy(asc(p.runs.id))).toEqual(
      sqlite.orm.select().from(s.runs).orderBy(asc(s.runs.id)).all(),
    );
  });
});
