import { afterEach, describe, expect, it } from "vitest";
import { PostgresConversationStateRepository } from "../../src/db/postgres/conversation-state-repository.js";
import { PostgresDirectReplyRepository } from "../../src/db/postgres/direct-reply-repository.js";
import type { SqliteRepositories } from "../../src/db/repositories.js";
import { anotherProcess, rowsOfBoth, type Twins, twins } from "./postgres-twins.js";

const T = Date.parse("2026-11-02T09:00:00Z");
const SOFIA = 42;
const MARTA = 901;

/** Sofía is halfway through the setup; Marta finished hers; a reply to update 10 was journaled. */
async function peopleMidConversation(repositories: SqliteRepositories): Promise<void> {
  await repositories.conversationStates.write(SOFIA, { version: 1, step: "timezone", answers: ["en"] }, 11, T);
  await repositories.conversationStates.close(MARTA, 12, T);
  await repositories.directReplies.record(10, { method: "sendMessage", seq: 1, result: { message_id: 5 } }, T);
}

let opened: Twins[] = [];
afterEach(async () => {
  await Promise.all(opened.map((twin) => twin.close()));
  opened = [];
});

async function both() {
  const twin = await twins(peopleMidConversation);
  opened.push(twin);
  return {
    twin,
    conversationStates: new PostgresConversationStateRepository(twin.session),
    directReplies: new PostgresDirectReplyRepository(twin.session),
  };
}

describe("PostgresConversationStateRepository, beside SQLite's", () => {
  it("reads, writes and closes each person's conversation as SQLite does", async () => {
    const { twin, conversationStates } = await both();
    const sqlite = twin.repositories.conversationStates;
    const answers = async () => {
      const asked = [];
      for (const person of [SOFIA, MARTA, 7]) {
        const onSqlite = [await sqlite.read(person), await sqlite.lastUpdateOf(person)];
        const onPostgres = [await conversationStates.read(person), await conversationStates.lastUpdateOf(person)];
        expect(onPostgres, `person ${person}`).toEqual(onSqlite);
        asked.push(onPostgres);
      }
      const rows = await rowsOfBoth(twin, "conversation_states");
      expect(rows.postgres).toEqual(rows.sqlite);
      return asked;
    };
    expect(await answers()).toEqual([
      [{ version: 1, step: "timezone", answers: ["en"] }, 11],
      [undefined, 12],
      [undefined, undefined],
    ]);
    for (const states of [sqlite, conversationStates]) {
      await states.write(SOFIA, { version: 1, step: "contract", answers: ["en", "Europe/Madrid"] }, 13, T + 1000);
      await states.write(7, { version: 1, step: "language", note: "ü ✓ \u2028" }, 14, T + 2000);
      await states.close(SOFIA, 15, T + 3000);
      await states.write(MARTA, { version: 1, step: "language" }, 16, T + 4000);
    }
    expect(await answers()).toEqual([
      [undefined, 15],
      [{ version: 1, step: "language" }, 16],
      [{ version: 1, step: "language", note: "ü ✓ \u2028" }, 14],
    ]);
  });

  it("keeps one whole state when two processes write a person's at once", async () => {
    const { twin, conversationStates } = await both();
    const other = await anotherProcess(twin);
    try {
      const racing = new PostgresConversationStateRepository(other.session);
      const written = Array.from({ length: 10 }, (_, index) => ({ version: 1, step: `step ${index}`, index }));
      await Promise.all(
        written.map((state, index) =>
          (index % 2 === 0 ? conversationStates : racing).write(7, state, 100 + index, T + index),
        ),
      );
      const state = await conversationStates.read<{ index: number }>(7);
      expect(state).toEqual(written[state!.index]);
      expect(await conversationStates.lastUpdateOf(7)).toBe(100 + state!.index);
    } finally {
      await other.close();
    }
  });
});

describe("PostgresDirectReplyRepository, beside SQLite's", () => {
  it("journals what was said per update, keeping the first of each call", async () => {
    const { twin, directReplies } = await both();
    for (const replies of [twin.repositories.directReplies, directReplies]) {
      await replies.record(20, { method: "sendMessage", seq: 1, result: { message_id: 6, text: "Hi" } }, T + 1000);
      await replies.record(20, { method: "answerCallbackQuery", seq: 1, result: true }, T + 1000);
      await replies.record(20, { method: "sendMessage", seq: 2, result: undefined }, T + 2000);
      await replies.record(20, { method: "sendMessage", seq: 1, result: { message_id: 7 } }, T + 3000);
    }
    for (const update of [10, 20, 30])
      expect(await directReplies.repliesTo(update)).toEqual(await twin.repositories.directReplies.repliesTo(update));
    expect(await directReplies.repliesTo(20)).toEqual([
      { method: "answerCallbackQuery", seq: 1, result: true },
      { method: "sendMessage", seq: 1, result: { message_id: 6, text: "Hi" } },
      { method: "sendMessage", seq: 2, result: null },
    ]);
    const rows = await rowsOfBoth(twin, "direct_replies");
    expect(rows.postgres).toEqual(rows.sqlite);
  });

  it("keeps one reply when two processes handling the same update journal it at once", async () => {
    const { twin, directReplies } = await both();
    const other = await anotherProcess(twin);
    try {
      const racing = new PostgresDirectReplyRepository(other.session);
      await Promise.all(
        [directReplies, racing].map((replies, index) =>
          replies.record(30, { method: "sendMessage", seq: 1, result: { message_id: 40 + index } }, T + index),
        ),
      );
      expect(await directReplies.repliesTo(30)).toEqual([
        { method: "sendMessage", seq: 1, result: { message_id: expect.any(Number) } },
      ]);
    } finally {
      await other.close();
    }
  });
});
