import { afterEach, describe, expect, it } from "vitest";
import { describeUpdate } from "../../src/records/describe-update.js";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { ReadCache, reportWrite } from "../../src/db/read-cache.js";
import { chats, runs } from "../../src/db/schema.js";
import { client, group, message, withId } from "../support/updates.js";

let database: Database;
afterEach(() => database?.close());

/** A cache of chat titles by Telegram id that counts how often it really read. */
function titles() {
  database = openDatabase(":memory:");
  const select = database.sqlite
    .prepare<[number], string>("select title from chats where telegram_chat_id = ?")
    .pluck();
  let reads = 0;
  const cache = new ReadCache(database.orm, [chats], (telegramChatId: number) => {
    reads += 1;
    return select.get(telegramChatId);
  });
  return { cache, reads: () => reads };
}

const addChat = (telegramChatId: number, title: string) =>
  database.sqlite
    .prepare("insert into chats (telegram_chat_id, type, title, created_at) values (?, 'supergroup', ?, 0)")
    .run(telegramChatId, title);

describe("a read cache", () => {
  it("answers from memory until anything is written, then reads again", () => {
    const { cache, reads } = titles();
    addChat(-1, "Acme");
    expect([cache.get(-1), cache.get(-1), cache.get(-2)]).toEqual(["Acme", "Acme", undefined]);
    expect(reads()).toBe(2);
    // A write to another table, by any code on the connection, is enough.
    database.sqlite.prepare("insert into runs (started_at, last_seen_at) values (1, 1)").run();
    addChat(-2, "Globex");
    database.sqlite.prepare("update chats set title = 'Acme Inc' where telegram_chat_id = -1").run();
    expect([cache.get(-1), cache.get(-2)]).toEqual(["Acme Inc", "Globex"]);
    expect(reads()).toBe(4);
  });

  it("forgets what it read when a write is rolled back, and never remembers a read made inside a transaction", () => {
    const { cache, reads } = titles();
    addChat(-1, "Acme");
    const renameThenFail = database.sqlite.transaction(() => {
      database.sqlite.prepare("update chats set title = 'Uncommitted' where telegram_chat_id = -1").run();
      expect(cache.get(-1)).toBe("Uncommitted");
      throw new Error("rolled back");
    });
    expect(renameThenFail).toThrow("rolled back");
    expect(cache.get(-1)).toBe("Acme");
    expect(cache.get(-1)).toBe("Acme");
    expect(reads()).toBe(2);
  });

  it("keeps its answers through a write that reports changing only other tables, not through one that names its table", () => {
    const { cache, reads } = titles();
    addChat(-1, "Acme");
    expect(cache.get(-1)).toBe("Acme");
    reportWrite(
      database.orm,
      () => database.sqlite.prepare("insert into runs (started_at, last_seen_at) values (1, 1)").run(),
      () => [runs],
    );
    expect(cache.get(-1)).toBe("Acme");
    expect(reads()).toBe(1);
    reportWrite(
      database.orm,
      () => database.sqlite.prepare("update chats set title = 'Acme Inc' where telegram_chat_id = -1").run(),
      () => [chats],
    );
    expect(cache.get(-1)).toBe("Acme Inc");
    expect(reads()).toBe(2);
  });

  it("forgets what it read when a write reported inside another names its table", () => {
    const { cache, reads } = titles();
    addChat(-1, "Acme");
    expect(cache.get(-1)).toBe("Acme");
    reportWrite(
      database.orm,
      () => {
        database.sqlite.prepare("insert into runs (started_at, last_seen_at) values (1, 1)").run();
        reportWrite(
          database.orm,
          () => database.sqlite.prepare("update chats set title = 'Acme Inc' where telegram_chat_id = -1").run(),
          () => [chats],
        );
      },
      () => [runs],
    );
    expect(cache.get(-1)).toBe("Acme Inc");
    reportWrite(
      database.orm,
      () => database.sqlite.prepare("insert into runs (started_at, last_seen_at) values (2, 2)").run(),
      () => [runs],
    );
    expect(cache.get(-1)).toBe("Acme Inc");
    expect(reads()).toBe(2);
  });

  it("sees a chat the inbox registers, and one it moves to a new id", async () => {
    database = openDatabase(":memory:");
    const correspondence = new CorrespondenceRepository(database.orm);
    const chatRepository = new ChatRepository(database.orm);
    const incoming = (updateId: number, update: Parameters<typeof withId>[1]) => {
      const full = withId(updateId, update);
      return { updateId, payload: full, drafts: describeUpdate(full) };
    };
    const acme = group(-1001, "Acme");
    expect(await chatRepository.findByTelegramId(acme.id)).toBeUndefined();
    await correspondence.ingest([incoming(1, message(acme, client, "Hello"))], 1000);
    const registered = await chatRepository.findByTelegramId(acme.id);
    expect(registered).toMatchObject({ title: "Acme" });
    const basic = { id: -1002, type: "group", title: "Globex" } as const;
    await correspondence.ingest([incoming(2, message(basic, client, "Hello"))], 2000);
    expect(await chatRepository.findByTelegramId(-1003)).toBeUndefined();
    await correspondence.ingest([incoming(3, message(basic, client, "", { migrate_to_chat_id: -1003 }))], 3000);
    expect(await chatRepository.findByTelegramId(-1003)).toMatchObject({ title: "Globex" });
  });
});
