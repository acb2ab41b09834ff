import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { describeUpdate } from "../../src/records/describe-update.js";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { CheckpointRepository } from "../../src/db/checkpoint-repository.js";
import { OutboxRepository } from "../../src/db/outbox-repository.js";
import { verifyChain, type StoredLink } from "../../src/domain/evidence-chain.js";
import { eventLeaf, MerkleAccumulator, merkleRoot } from "../../src/domain/merkle.js";
import { client, edit, group, message, specialist, withId } from "../support/updates.js";

let database: Database;
afterEach(() => database?.close());

function open() {
  database = openDatabase(":memory:");
  return { correspondence: new CorrespondenceRepository(database.orm), chats: new ChatRepository(database.orm) };
}

function incoming(updateId: number, update: Parameters<typeof withId>[1]) {
  const full = withId(updateId, update);
  return { updateId, payload: full, drafts: describeUpdate(full) };
}

async function chainOf(correspondence: CorrespondenceRepository, chatId: number): Promise<StoredLink[]> {
  const links: StoredLink[] = [];
  for await (const link of correspondence.readChain(chatId, 2)) links.push(link);
  return links;
}

describe("the correspondence log", () => {
  it("keeps a message and its edit as two events, the original intact", async () => {
    const { correspondence, chats } = open();
    const original = message(group(), client, "Budget is 500 EUR");
    await correspondence.ingest([incoming(1, original), incoming(2, edit(original, "Budget is 300 EUR"))], 1000);
    const chat = await chats.findByTelegramId(group().id);
    const rows = database.orm.all<{ kind: string; text: string }>(sql`select kind, text from events order by seq`);
    expect(rows).toEqual([
      { kind: "message", text: "Budget is 500 EUR" },
      { kind: "edit", text: "Budget is 300 EUR" },
    ]);
    expect(verifyChain(await chainOf(correspondence, chat!.id))).toMatchObject({ intact: true, count: 2 });
  });

  it("stores an update delivered twice only once", async () => {
    const { correspondence } = open();
    const update = incoming(7, message(group(), specialist, "Report attached"));
    await correspondence.ingest([update], 1000);
    await correspondence.ingest([update], 2000);
    expect(database.orm.get<{ n: number }>(sql`select count(*) as n from events`)!.n).toBe(1);
    expect(database.orm.get<{ n: number }>(sql`select count(*) as n from inbox_updates`)!.n).toBe(1);
  });

  it("chains a batch that interleaves chats and senders, and keeps each person's latest names", async () => {
    const { correspondence, chats } = open();
    const acme = group(-1001, "Acme");
    const globex = group(-1002, "Globex");
    const renamed = { ...client, first_name: "Iván", username: "ivan_acme" };
    await correspondence.ingest(
      [
        incoming(1, message(acme, client, "one")),
        incoming(2, message(globex, client, "two")),
        incoming(3, message(acme, specialist, "three")),
        incoming(4, message(acme, renamed, "four")),
        incoming(5, message(globex, client, "five")),
      ],
      1000,
    );
    await correspondence.ingest([incoming(6, message(globex, client, "six"))], 2000);
    for (const [chat, texts] of [
      [acme, ["one", "three", "four"]],
      [globex, ["two", "five", "six"]],
    ] as const) {
      const chain = await chainOf(correspondence, (await chats.findByTelegramId(chat.id))!.id);
      expect(chain.map((link) => JSON.parse(link.line).payload.message.text)).toEqual(texts);
      expect(verifyChain(chain).intact).toBe(true);
    }
    const people = database.orm.all(
      sql`select c.telegram_chat_id as chat, p.user_id, p.first_name, p.username, p.last_seen_at from people p join chats c on c.id = p.chat_id order by p.chat_id, p.user_id`,
    );
    expect(people).toEqual([
      { chat: acme.id, user_id: specialist.id, first_name: "Sofía", username: "sofia_smm", last_seen_at: 1000 },
      { chat: acme.id, user_id: client.id, first_name: "Iván", username: "ivan_acme", last_seen_at: 1000 },
      { chat: globex.id, user_id: client.id, first_name: "Ivan", username: null, last_seen_at: 2000 },
    ]);
  });

  it("stores a different update under a reused update_id with a key of its own, and each once however often delivered", async () => {
    const { correspondence } = open();
    const first = incoming(7, message(group(), client, "before the week of silence"));
    const reused = incoming(7, message(group(), client, "after it"));
    const next = incoming(8, message(group(), client, "and the one after"));
    expect(await correspondence.ingest([first], 1000)).toEqual([{ key: 7, isNew: true }]);
    expect(await correspondence.ingest([reused, reused], 2000)).toEqual([
      { key: -1, isNew: true },
      { key: -1, isNew: false },
    ]);
    expect(await correspondence.ingest([first, reused, next], 3000)).toEqual([
      { key: 7, isNew: false },
      { key: -1, isNew: false },
      { key: 8, isNew: true },
    ]);
    expect(database.orm.all(sql`select source, text from events order by seq`)).toEqual([
      { source: "update:7", text: "before the week of silence" },
      { source: "update:-1", text: "after it" },
      { source: "update:8", text: "and the one after" },
    ]);
    expect((await correspondence.pendingUpdates()).map((update) => update.key)).toEqual([7, -1, 8]);
  });

  it("says which updates it stored for the first time, and marks earlier ones handled in the same commit", async () => {
    const { correspondence } = open();
    const [a, b, c] = [
      incoming(1, message(group(), client, "a")),
      incoming(2, message(group(), client, "b")),
      incoming(3, message(group(), client, "c")),
    ];
    expect(await correspondence.ingest([a, b], 1000)).toEqual([
      { key: 1, isNew: true },
      { key: 2, isNew: true },
    ]);
    expect(await correspondence.ingest([b, c], 2000, [1])).toEqual([
      { key: 2, isNew: false },
      { key: 3, isNew: true },
    ]);
    const states = database.orm.all(sql`select update_id, state from inbox_updates order by update_id`);
    expect(states).toEqual([
      { update_id: 1, state: "done" },
      { update_id: 2, state: "pending" },
      { update_id: 3, state: "pending" },
    ]);
  });

  it("chains the next batch after events others appended in between, and after a batch that failed", async () => {
    const { correspondence, chats } = open();
    await correspondence.ingest([incoming(1, message(group(), client, "first"))], 1000);
    const chat = await chats.findByTelegramId(group().id);
    await correspondence.append(
      [
        {
          chat: { telegramChatId: group().id, type: "supergroup" },
          kind: "bot_message",
          source: "sent:1",
          payload: { text: "noted" },
        },
      ],
      1500,
    );
    await correspondence.ingest([incoming(2, message(group(), client, "second"))], 2000);
    // The whole batch is refused (a payload with no JSON form), after its first event was sealed.
    const unstorable = incoming(4, message(group(), client, "broken", { date: Number.NaN }));
    await expect(
      correspondence.ingest([incoming(3, message(group(), client, "lost")), unstorable], 3000),
    ).rejects.toThrow();
    await correspondence.ingest([incoming(5, message(group(), client, "third"))], 4000);
    const chain = await chainOf(correspondence, chat!.id);
    expect(chain.map((link) => JSON.parse(link.line).kind)).toEqual(["message", "bot_message", "message", "message"]);
    expect(verifyChain(chain).intact).toBe(true);
  });

  it("refuses to update or delete an event at the database level", async () => {
    const { correspondence } = open();
    await correspondence.ingest([incoming(1, message(group(), client, "I never said that"))], 1000);
    expect(() => database.sqlite.exec("update events set text = 'edited'")).toThrow(/append-only/);
    expect(() => database.sqlite.exec("delete from events")).toThrow(/append-only/);
  });

  it("continues one history when a group becomes a supergroup", async () => {
    const { correspondence, chats } = open();
    const oldGroup = { id: -4001, type: "group" as const, title: "Acme" };
    const newGroup = group(-1004001, "Acme");
    await correspondence.ingest(
      [
        incoming(1, message(oldGroup, client, "before")),
        incoming(2, message(oldGroup, client, "", { text: undefined, migrate_to_chat_id: newGroup.id })),
        incoming(3, message(newGroup, specialist, "", { text: undefined, migrate_from_chat_id: oldGroup.id })),
        incoming(4, message(newGroup, client, "after")),
      ],
      1000,
    );
    const viaOld = await chats.findByTelegramId(oldGroup.id);
    const viaNew = await chats.findByTelegramId(newGroup.id);
    expect(viaNew?.id).toBe(viaOld?.id);
    expect(viaNew).toMatchObject({ telegramChatId: newGroup.id, type: "supergroup" });
    const chain = await chainOf(correspondence, viaOld!.id);
    expect(chain.map((link) => JSON.parse(link.line).kind)).toEqual(["message", "service", "service", "message"]);
    expect(verifyChain(chain).intact).toBe(true);
  });

  it("keeps file references with their metadata", async () => {
    const { correspondence } = open();
    const document = {
      file_id: "BQAC-file",
      file_unique_id: "AgAD-unique",
      file_name: "brief.pdf",
      mime_type: "application/pdf",
      file_size: 52_000,
    };
    await correspondence.ingest(
      [incoming(1, message(group(), client, "", { text: undefined, caption: "the brief", document }))],
      1000,
    );
    const row = database.orm.get(
      sql`select media_type, file_id, file_unique_id, file_name, mime_type, file_size, text from events`,
    );
    expect(row).toEqual({
      media_type: "document",
      file_id: "BQAC-file",
      file_unique_id: "AgAD-unique",
      file_name: "brief.pdf",
      mime_type: "application/pdf",
      file_size: 52_000,
      text: "the brief",
    });
  });

  it("leaves private chats with regbot out of the correspondence log but keeps them in the inbox", async () => {
    const { correspondence } = open();
    await correspondence.ingest(
      [incoming(1, message({ id: client.id, type: "private", first_name: "Ivan" }, client, "/start"))],
      1000,
    );
    expect(database.orm.get<{ n: number }>(sql`select count(*) as n from events`)!.n).toBe(0);
    expect(await correspondence.pendingUpdates()).toHaveLength(1);
  });
});

describe("each chat's Merkle frontier", () => {
  /** The root the stored frontier gives, and the root of the whole log recomputed from its events. */
  async function roots(correspondence: CorrespondenceRepository, chatId: number) {
    const stored = database.orm.get<{ size: number; subtrees: Buffer }>(
      sql`select size, subtrees from chain_frontiers where chat_id = ${chatId}`,
    );
    const chain = await chainOf(correspondence, chatId);
    return {
      stored: stored && { size: stored.size, root: MerkleAccumulator.resume(stored).root().toString("hex") },
      recomputed: { size: chain.length, root: merkleRoot(chain.map((link) => eventLeaf(link.hash))).toString("hex") },
    };
  }

  function checkpoints(correspondence: CorrespondenceRepository) {
    return new CheckpointRepository(database.orm, correspondence, new OutboxRepository(database.orm, correspondence));
  }

  it("is kept equal to the whole log's root through batches, appends, redeliveries and a failed batch", async () => {
    const { correspondence, chats } = open();
    const acme = group(-1001, "Acme");
    const globex = group(-1002, "Globex");
    let updateId = 0;
    const next = (chat: typeof acme, text: string) => {
      updateId += 1;
      return incoming(updateId, message(chat, client, text));
    };
    for (let batch = 0; batch < 7; batch += 1)
      await correspondence.ingest(
        Array.from({ length: batch + 1 }, (_, index) => next(index % 3 === 0 ? globex : acme, `${batch}.${index}`)),
        1000 * batch,
      );
    await correspondence.append(
      [{ chat: { telegramChatId: acme.id, type: "supergroup" }, kind: "bot_message", source: "sent:1", payload: {} }],
      9000,
    );
    await correspondence.ingest([incoming(1, message(acme, client, "0.0"))], 9500);
    await expect(
      correspondence.ingest(
        [next(acme, "lost"), incoming(999, message(acme, client, "x", { date: Number.NaN }))],
        9800,
      ),
    ).rejects.toThrow();
    await correspondence.ingest([next(acme, "after the failure")], 10_000);

    for (const chat of [acme, globex]) {
      const { stored, recomputed } = await roots(correspondence, (await chats.findByTelegramId(chat.id))!.id);
      expect(recomputed.size).toBeGreaterThan(5);
      expect(stored).toEqual(recomputed);
    }
  });

  it("gives each checkpoint the log's root, and is brought up to date once for a chat logged before it was kept", async () => {
    const before = open();
    await before.correspondence.ingest(
      [incoming(1, message(group(), client, "one")), incoming(2, message(group(), client, "two"))],
      1000,
    );
    const chat = (await before.chats.findByTelegramId(group().id))!;
    const beforeFirst = (await roots(before.correspondence, chat.id)).recomputed;
    const first = await checkpoints(before.correspondence).take({ chat, messageKey: "checkpoint:1", at: 2000 });
    expect(first).toMatchObject({ ...beforeFirst, size: 2 });

    // As a database from before the frontier, opened by a newer regbot: the events are there, the frontier is not.
    database.sqlite.exec("delete from chain_frontiers");
    const correspondence = new CorrespondenceRepository(database.orm);
    await correspondence.ingest([incoming(3, message(group(), client, "three"))], 3000);
    expect((await roots(correspondence, chat.id)).stored, "appends leave a missing frontier alone").toBeUndefined();
    const beforeCatchUp = (await roots(correspondence, chat.id)).recomputed;
    const caughtUp = await checkpoints(correspondence).take({ chat, messageKey: "checkpoint:2", at: 4000 });
    expect(caughtUp).toMatchObject({ ...beforeCatchUp, size: 4 });
    const afterCatchUp = await roots(correspondence, chat.id);
    expect(afterCatchUp.stored).toEqual(afterCatchUp.recomputed);

    await correspondence.ingest([incoming(4, message(group(), client, "four"))], 5000);
    const kept = await roots(correspondence, chat.id);
    expect(kept.stored).toEqual({ ...kept.recomputed, size: 6 });
    const third = await checkpoints(correspondence).take({ chat, messageKey: "checkpoint:3", at: 6000 });
    expect(third).toMatchObject(kept.recomputed);
  });
});
