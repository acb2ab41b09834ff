import Database from "better-sqlite3";
import type { Chat, Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { verifyChain, type StoredLink } from "../../src/domain/evidence-chain.js";
import type { Fault, RecordedCall } from "../support/fake-bot-api.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const command = (length: number) => ({ entities: [{ type: "bot_command" as const, offset: 0, length }] });

function privateChat(user: { id: number; first_name: string }): Chat.PrivateChat {
  return { id: user.id, type: "private", first_name: user.first_name };
}

function inboxRow(updateId: number) {
  return harness.query<{ state: string; error: string | null }>(
    "select state, error from inbox_updates where update_id = ?",
    updateId,
  )[0];
}

function chainOf(chatId: number): StoredLink[] {
  return harness.query<StoredLink>("select seq, line, hash from events where chat_id = ? order by seq", chatId);
}

/** Every update the fake delivered is stored exactly once and handled; no event is doubled. */
function expectEachStoredOnceAndHandled(pushed: readonly Update[]): void {
  const rows = harness.query<{ update_id: number; state: string }>(
    "select update_id, state from inbox_updates order by update_id",
  );
  expect(rows).toEqual(pushed.map((update) => ({ update_id: update.update_id, state: "done" })));
  expect(harness.query("select source, count(*) as n from events group by chat_id, source having n > 1")).toEqual([]);
  expect(harness.telegram.droppedUpdates).toEqual([]);
  expect(harness.telegram.pendingUpdates()).toBe(0);
}

describe("a handler that fails", () => {
  it("keeps the update, marks it failed once, tells the person, and polling goes on", async () => {
    harness = await startHarness();
    const chat = group();
    const anonymousAdmin = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    harness.telegram.pushUpdate(botAdded(chat, anonymousAdmin, "administrator"));
    await settled(harness);

    // /claim asks Telegram who the sender is; the connection breaks, so the handler throws.
    harness.telegram.failNext("getChatMember", { kind: "reset-before" });
    const claim = harness.telegram.pushUpdate(message(chat, specialist, "/claim", command(6)));
    const failed = await harness.telegram.waitFor(
      () => inboxRow(claim.update_id)?.state === "failed" && inboxRow(claim.update_id),
    );
    expect(failed.error).toMatch(/getChatMember/);
    expect(
      harness.query("select kind, text, sender_id from events where source = ?", `update:${claim.update_id}`),
    ).toEqual([{ kind: "message", text: "/claim", sender_id: specialist.id }]);
    await settled(harness);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      "Sorry, something went wrong while handling that. It has been recorded; please try again in a minute.",
    );

    // Later updates are still stored and handled, and a restart does not pick the failed one up again.
    const later = harness.telegram.pushUpdate(message(privateChat(client), client, "/start", command(6)));
    await settled(harness);
    expect(harness.telegram.sentTo(client.id)).toHaveLength(1);
    expect(inboxRow(later.update_id)!.state).toBe("done");
    const getChatMemberCalls = harness.telegram.callsTo("getChatMember").length;
    await harness.restart();
    harness.telegram.pushUpdate(message(privateChat(bystander), bystander, "/start", command(6)));
    await settled(harness);
    expect(harness.telegram.sentTo(bystander.id)).toHaveLength(1);
    expect(harness.telegram.callsTo("getChatMember")).toHaveLength(getChatMemberCalls);
    expect(inboxRow(claim.update_id)!.state).toBe("failed");
    expect(harness.logs.join("")).toContain("handler failed");
  });
});

describe("a group upgraded to a supergroup", () => {
  it("stays one chat with one continuous, verifiable history under both ids", async () => {
    harness = await startHarness();
    const oldGroup: Chat.GroupChat = { id: -4001, type: "group", title: "Acme × Sofía" };
    const supergroup = group(-1004001, "Acme × Sofía");
    harness.telegram.pushUpdate(botAdded(oldGroup, specialist, "administrator"));
    await settled(harness);
    harness.telegram.pushUpdate(message(oldGroup, client, "Hello from the old group"));
    await settled(harness);

    harness.telegram.migrateChat(oldGroup.id, supergroup.id);
    const upgradedBy = { from: specialist, date: 1_790_000_200 };
    harness.telegram.pushUpdates([
      {
        message: {
          message_id: 900,
          chat: oldGroup,
          migrate_to_chat_id: supergroup.id,
          ...upgradedBy,
        } as Update["message"],
      },
      {
        message: {
          message_id: 1,
          chat: supergroup,
          migrate_from_chat_id: oldGroup.id,
          ...upgradedBy,
        } as Update["message"],
      },
      message(supergroup, client, "Hello from the supergroup"),
      message(supergroup, specialist, "/claim", command(6)),
    ]);
    await settled(harness);

    // regbot follows the chat: its answer goes to the supergroup, in the chat's language.
    expect(harness.telegram.sentTo(supergroup.id).map((sent) => sent.text)).toEqual([
      "Este chat ya tiene especialista.",
    ]);
    // The introduction and the first checkpoint.
    expect(harness.telegram.sentTo(oldGroup.id)).toHaveLength(2);

    const chats = harness.query<{ id: number; telegram_chat_id: number; type: string; language: string }>(
      "select id, telegram_chat_id, type, language from chats",
    );
    expect(chats).toEqual([
      { id: expect.any(Number), telegram_chat_id: supergroup.id, type: "supergroup", language: "es" },
    ]);
    const chatId = chats[0]!.id;
    expect(harness.query("select telegram_chat_id, chat_id from chat_telegram_ids order by telegram_chat_id")).toEqual([
      { telegram_chat_id: supergroup.id, chat_id: chatId },
      { telegram_chat_id: oldGroup.id, chat_id: chatId },
    ]);
    expect(harness.query("select user_id, role from chat_roles where chat_id = ?", chatId)).toEqual([
      { user_id: specialist.id, role: "specialist" },
    ]);

    const chain = chainOf(chatId);
    expect(chain.map((event) => JSON.parse(event.line).kind)).toEqual([
      "member",
      "coverage",
      "roles",
      "checkpoint",
      "bot_message",
      "bot_message",
      "message",
      "service",
      "service",
      "message",
      "message",
      "bot_message",
    ]);
    expect(JSON.parse(chain.at(-1)!.line).payload.result.text).toBe("Este chat ya tiene especialista.");
    expect(verifyChain(chain)).toMatchObject({ intact: true, count: 12 });
    expect(harness.query("select count(*) as n from events where chat_id <> ?", chatId)).toEqual([{ n: 0 }]);
  });
});

describe("Telegram failing getUpdates", () => {
  /**
   * "one" is handled; "two" is delivered, and the getUpdates that would confirm it fails; "three"
   * arrives at Telegram while regbot waits to retry. Nothing may be skipped or fetched twice.
   */
  async function failConfirmation(
    fault: Fault,
  ): Promise<{ failedCall: RecordedCall; retry: RecordedCall; pushed: Update[] }> {
    harness = await startHarness();
    const chat = group();
    const pushed = harness.telegram.pushUpdates([
      botAdded(chat, specialist, "administrator"),
      message(chat, client, "one"),
    ]);
    await settled(harness);

    // While a poll is held, "two" is answered by it and the fault meets the call that confirms
    // "two"; between polls the fault could meet the poll that fetches it instead.
    await harness.telegram.waitFor(() => harness.telegram.isLongPollHeld());
    harness.telegram.failNext("getUpdates", fault);
    pushed.push(harness.telegram.pushUpdate(message(chat, client, "two")));
    const status = fault.kind === "429" ? 429 : 500;
    const failedCall = await harness.telegram.waitFor(
      () => harness.telegram.callsTo("getUpdates").find((call) => call.status === status),
      3000,
    );
    pushed.push(harness.telegram.pushUpdate(message(chat, specialist, "three")));
    await harness.telegram.waitFor(() => harness.telegram.pendingUpdates() === 0, 8000);
    await settled(harness);

    const calls = harness.telegram.callsTo("getUpdates");
    const retry = calls[calls.indexOf(failedCall) + 1]!;
    // The retry asks from the same offset: "two" is confirmed only now, "three" is not skipped.
    expect(retry.params.offset).toBe(failedCall.params.offset);
    expect(retry.params.offset).toBe(pushed[2]!.update_id + 1);
    expect(retry.status).toBe(200);
    expectEachStoredOnceAndHandled(pushed);
    expect(messageTexts(chat.id)).toEqual(["one", "two", "three"]);
    // The introduction and the first checkpoint.
    expect(harness.telegram.sentTo(chat.id)).toHaveLength(2);
    return { failedCall, retry, pushed };
  }

  it("loses and doubles nothing when getUpdates answers 500", async () => {
    await failConfirmation({ kind: "500" });
  });

  it("waits out a 429 with retry_after, then fetches what was waiting exactly once", async () => {
    const { failedCall, retry } = await failConfirmation({ kind: "429", retryAfter: 1 });
    // retry_after is honoured (with a little slack for timer granularity).
    expect(retry.at - failedCall.at).toBeGreaterThanOrEqual(950);
  });
});

describe("a backlog longer than one getUpdates answer", () => {
  it("is stored and handled once, and every update ends up marked handled", async () => {
    harness = await startHarness();
    const chat = group();
    const notes = Array.from({ length: 230 }, (_, index) =>
      message(chat, index % 2 === 0 ? client : bystander, `note ${index}`),
    );
    const pushed = harness.telegram.pushUpdates([botAdded(chat, specialist, "administrator"), ...notes]);
    await settled(harness, 20_000);

    // Full answers of 100, then the rest: the marks of a full batch are written with the next one.
    const offsets = harness.telegram.callsTo("getUpdates").map((call) => call.params.offset);
    expect(offsets).toEqual(expect.arrayContaining([pushed[100]!.update_id, pushed[200]!.update_id]));
    expectEachStoredOnceAndHandled(pushed);
    expect(messageTexts(chat.id)).toEqual(notes.map((note) => note.message!.text));
    const [row] = harness.query<{ id: number }>("select id from chats");
    expect(verifyChain(chainOf(row!.id))).toMatchObject({ intact: true });
  });
});

function messageTexts(telegramChatId: number): Array<string | null> {
  return harness
    .query<{ text: string | null }>(
      "select e.text from events e join chat_telegram_ids t on t.chat_id = e.chat_id where t.telegram_chat_id = ? and e.kind = 'message' order by e.seq",
      telegramChatId,
    )
    .map((row) => row.text);
}

describe("updates stored but not handled before a stop", () => {
  it("are handled first when regbot starts again", async () => {
    harness = await startHarness();
    await harness.stopRegbot();

    // As after a crash between storing an update and handling it: the row is there, still pending.
    const stranded = { update_id: 999, ...message(privateChat(client), client, "/start", command(6)) } as Update;
    harness.telegram.userStartedBot(client.id);
    const database = new Database(harness.databasePath);
    try {
      database
        .prepare("insert into inbox_updates (update_id, payload, received_at) values (?, ?, ?)")
        .run(stranded.update_id, JSON.stringify(stranded), Date.now());
    } finally {
      database.close();
    }
    // And something newer is waiting at Telegram.
    const newer = harness.telegram.pushUpdate(message(privateChat(bystander), bystander, "/start", command(6)));
    expect(newer.update_id).toBeGreaterThan(stranded.update_id);

    const callsBeforeStart = harness.telegram.calls.length;
    await harness.startRegbot();
    // Handled during start-up, before regbot asks Telegram for anything new.
    const sinceStart = () => harness.telegram.calls.slice(callsBeforeStart).map((call) => call.method);
    expect(harness.telegram.sentTo(client.id)).toHaveLength(1);
    expect(inboxRow(stranded.update_id)!.state).toBe("done");
    await settled(harness);
    expect(sinceStart().indexOf("sendMessage")).toBeLessThan(sinceStart().indexOf("getUpdates"));
    expect(harness.telegram.sent.map((sent) => sent.chat.id)).toEqual([client.id, bystander.id]);
    expect(harness.telegram.sentTo(client.id)[0]!.text).toContain("Я regbot");
    expect(inboxRow(stranded.update_id)!.state).toBe("done");
    expect(inboxRow(newer.update_id)!.state).toBe("done");
  });
});
