import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.js";
import { ReadCache } from "../../src/db/read-cache.js";

let database: Database;
afterEach(() => database?.close());

/** A cache of chat titles by Telegram id that counts how often it really read. */
function titles() {
  database = openDatabase(":memory:");
  const select = database.sqlite.prepare<[number], string>("select title from chats where telegram_chat_id = ?").pluck();
  let reads = 0;
  const cache = new ReadCache(database.orm, (telegramChatId: number) => {
    reads += 1;
    return select.get(telegramChatId);
  });
  return { cache, reads: () => reads };
}

const addChat = (telegramChatId: number, title: string) =>
  database.sqlite.prepare("insert into chats (telegram_chat_id, type, title, created_at) values (?, 'supergroup', ?, 0)").run(telegramChatId, title);

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
});
