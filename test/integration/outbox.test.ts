import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { OutgoingMessage } from "../../src/db/outbox-repository.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, client, group, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

/** A group regbot has joined (its intro and first checkpoint already delivered), and that group's internal key. */
async function joinedGroup(id = -1001234567890): Promise<{ telegramId: number; chatId: number }> {
  harness.telegram.pushUpdate(botAdded(group(id), specialist, "administrator"));
  await settled(harness);
  const [row] = harness.query<{ chat_id: number }>(
    "select chat_id from chat_telegram_ids where telegram_chat_id = ?",
    id,
  );
  return { telegramId: id, chatId: row!.chat_id };
}

async function post(...messages: OutgoingMessage[]): Promise<void> {
  await harness.regbot.outbox.post(messages);
  await settled(harness, 15_000);
}

function outboxRows() {
  return harness.query<{
    dedupe_key: string;
    state: string;
    attempts: number;
    uncertain: number;
    last_error: string | null;
  }>(
    "select dedupe_key, state, attempts, uncertain, last_error from outbox where dedupe_key like 'test:%' order by id",
  );
}

function loggedBotMessages(chatId: number) {
  return harness
    .query<{ line: string }>("select line from events where chat_id = ? and kind = 'bot_message' order by seq", chatId)
    .map((row) => JSON.parse(row.line).payload);
}

/** The outbox's wall clock: the scenarios below pass an hour of retries in moments. */
let pacingNow = Date.UTC(2026, 11, 5, 9);

/** Moves the outbox's clock on by `stepMs` at a time, until `done` holds. */
async function passUntil(done: () => boolean, stepMs: number, eachStep: () => void = () => undefined): Promise<void> {
  for (let step = 0; step < 500 && !done(); step += 1) {
    eachStep();
    pacingNow += stepMs;
    harness.regbot.outbox.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(done()).toBe(true);
}

function passUntilDelivered(stepMs: number): Promise<void> {
  return passUntil(
    () =>
      harness.query<{ n: number }>("select count(*) as n from outbox where state in ('pending', 'sending')")[0]!.n ===
      0,
    stepMs,
  );
}

describe("delivering what regbot says", () => {
  it("waits out a 429 and then sends the message once, logging it with Telegram's message id", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    harness.telegram.failNext("sendMessage", { kind: "429", retryAfter: 1 });
    await post({ dedupeKey: "test:reminder", to: { chatId }, text: "Reminder: the brief is due today." });
    const calls = harness.telegram.callsTo("sendMessage").filter((call) => call.params.chat_id === telegramId);
    expect(calls.map((call) => call.status)).toEqual([200, 200, 429, 200]);
    const sent = harness.telegram.sentTo(telegramId).at(-1)!;
    expect(sent.text).toBe("Reminder: the brief is due today.");
    expect(loggedBotMessages(chatId).at(-1)).toMatchObject({
      delivery: "certain",
      result: { message_id: sent.message_id },
    });
  });

  it("retries Telegram's 500s until the message is sent exactly once", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    harness.telegram.failNext("sendMessage", { kind: "500" }, 2);
    await post({ dedupeKey: "test:report", to: { chatId }, text: "Weekly report is ready." });
    expect(
      harness.telegram.sentTo(telegramId).filter((message) => message.text === "Weekly report is ready."),
    ).toHaveLength(1);
    expect(outboxRows()).toEqual([expect.objectContaining({ state: "sent", uncertain: 0 })]);
  }, 30_000);

  it("retries a connection reset after sending at most once, and logs the delivery as uncertain", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    harness.telegram.failNext("sendMessage", { kind: "reset-after" });
    await post({ dedupeKey: "test:uncertain", to: { chatId }, text: "Call at 15:00 confirmed." });
    const copies = harness.telegram.sentTo(telegramId).filter((message) => message.text === "Call at 15:00 confirmed.");
    expect(copies).toHaveLength(2);
    expect(outboxRows()).toEqual([expect.objectContaining({ state: "sent", attempts: 2, uncertain: 1 })]);
    expect(loggedBotMessages(chatId).at(-1)).toMatchObject({
      delivery: "uncertain",
      result: { message_id: copies[1]!.message_id },
    });
  });

  it("keeps retrying a reply after uncertain failures until Telegram answers, each retry logged as uncertain", async () => {
    harness = await startHarness({}, {}, { pacing: () => pacingNow });
    const { telegramId, chatId } = await joinedGroup();
    // The first reply's request reaches Telegram once and is lost twice on the way; the next eleven go through.
    harness.telegram.failNext("sendMessage", { kind: "reset-after" });
    harness.telegram.failNext("sendMessage", { kind: "reset-before" }, 2);
    const replies = Array.from({ length: 12 }, (_, index) => ({
      dedupeKey: `test:reply-${index + 1}`,
      to: { chatId },
      text: `Reply ${index + 1}`,
    }));
    await harness.regbot.outbox.post(replies);
    await passUntilDelivered(60_000);
    const texts = harness.telegram.sentTo(telegramId).map((sent) => sent.text);
    for (const reply of replies) expect(texts).toContain(reply.text);
    expect(texts.filter((text) => text === "Reply 1")).toHaveLength(2);
    expect(outboxRows().map((row) => row.state)).toEqual(Array(12).fill("sent"));
    expect(outboxRows()[0]).toMatchObject({ attempts: 4, uncertain: 1 });
    expect(loggedBotMessages(chatId).find((payload) => payload.result.text === "Reply 1")).toMatchObject({
      delivery: "uncertain",
    });
    const retries = harness.logs
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === "delivery uncertain; retrying, a copy may appear");
    expect(retries.map((line) => [line.attempt, line.uncertain])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
  });

  it("gives up only after an hour without a definite answer, records the reply as undelivered and tells the specialist privately", async () => {
    harness = await startHarness({}, {}, { pacing: () => pacingNow });
    harness.telegram.userStartedBot(specialist.id);
    const { telegramId, chatId } = await joinedGroup();
    harness.telegram.failNext("sendMessage", { kind: "reset-before" }, 1_000);
    const firstTry = pacingNow;
    await harness.regbot.outbox.post([{ dedupeKey: "test:lost", to: { chatId }, text: "Invoice sent." }]);
    await passUntil(
      () => outboxRows()[0]!.state === "failed",
      60_000,
      () => {
        // Still trying within the hour.
        if (pacingNow - firstTry < 59 * 60_000) expect(outboxRows()[0]!.state).not.toBe("failed");
      },
    );
    expect(pacingNow - firstTry).toBeGreaterThanOrEqual(60 * 60_000);
    expect(outboxRows()[0]).toMatchObject({
      state: "failed",
      uncertain: 1,
      last_error: expect.stringContaining("delivery uncertain"),
    });
    expect(outboxRows()[0]!.attempts).toBeGreaterThan(10);
    harness.telegram.clearFaults("sendMessage");
    // The notice may have met the fault too: its retry (at most 5 minutes away) comes due.
    pacingNow += 5 * 60_000;
    harness.regbot.outbox.wake();
    await settled(harness);
    const [undelivered] = harness
      .query<{ line: string }>(
        "select line from events where chat_id = ? and line like '%message-undelivered%'",
        chatId,
      )
      .map((row) => JSON.parse(row.line));
    expect(undelivered).toMatchObject({
      kind: "action",
      payload: { event: "message-undelivered", dedupeKey: "test:lost", text: "Invoice sent." },
    });
    const [notice] = harness.telegram.sentTo(specialist.id);
    expect(notice!.text).toMatch(
      /^No he podido entregar un mensaje en «Acme × Sofía»: Telegram lo rechazó o no dio una respuesta definitiva durante una hora\./,
    );
    expect(notice!.text).toContain("Invoice sent.");
    expect(harness.telegram.sentTo(telegramId).map((sent) => sent.text)).not.toContain("Invoice sent.");
  });

  it("waits without crashing while the database refuses writes, says so once, and sends once it can", async () => {
    harness = await startHarness({}, {}, { pacing: () => pacingNow });
    const { telegramId, chatId } = await joinedGroup();
    const database = new Database(harness.databasePath);
    // What SQLite does on a full disk, for the outbox's own writes.
    database.exec(
      "create trigger refuse_outbox before update on outbox begin select raise(abort, 'database or disk is full'); end",
    );
    await harness.regbot.outbox.post([{ dedupeKey: "test:full", to: { chatId }, text: "Brief received." }]);
    for (let step = 0; step < 5; step += 1) {
      pacingNow += 60_000;
      harness.regbot.outbox.wake();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(harness.telegram.sentTo(telegramId).map((sent) => sent.text)).not.toContain("Brief received.");
    expect(harness.logs.filter((line) => line.includes("cannot write to the database"))).toHaveLength(1);
    database.exec("drop trigger refuse_outbox");
    database.close();
    await passUntilDelivered(60_000);
    expect(harness.telegram.sentTo(telegramId).filter((sent) => sent.text === "Brief received.")).toHaveLength(1);
    expect(outboxRows()).toEqual([expect.objectContaining({ state: "sent" })]);
    expect(harness.logs.filter((line) => line.includes("the database takes writes again"))).toHaveLength(1);
  });

  it("records a message it sent while the database refused the record, before sending anything else", async () => {
    harness = await startHarness({}, {}, { pacing: () => pacingNow });
    const { telegramId, chatId } = await joinedGroup();
    const database = new Database(harness.databasePath);
    // Going to "sending" is allowed; the record of "sent" is refused.
    database.exec(
      "create trigger refuse_sent before update of state on outbox when new.state = 'sent' begin select raise(abort, 'database or disk is full'); end",
    );
    await harness.regbot.outbox.post([{ dedupeKey: "test:said", to: { chatId }, text: "Report attached." }]);
    await harness.telegram.waitFor(() =>
      harness.telegram.sentTo(telegramId).some((sent) => sent.text === "Report attached."),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outboxRows()).toEqual([expect.objectContaining({ state: "sending" })]);
    database.exec("drop trigger refuse_sent");
    database.close();
    await passUntilDelivered(60_000);
    expect(harness.telegram.sentTo(telegramId).filter((sent) => sent.text === "Report attached.")).toHaveLength(1);
    expect(outboxRows()).toEqual([expect.objectContaining({ state: "sent", attempts: 1, uncertain: 0 })]);
    expect(loggedBotMessages(chatId).at(-1)).toMatchObject({
      delivery: "certain",
      result: { text: "Report attached." },
    });
  });

  it("resends a message whose connection broke before it reached Telegram: one copy, honestly logged as uncertain", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    harness.telegram.failNext("sendMessage", { kind: "reset-before" });
    await post({ dedupeKey: "test:before", to: { chatId }, text: "Stage 2 starts Monday." });
    expect(
      harness.telegram.sentTo(telegramId).filter((message) => message.text === "Stage 2 starts Monday."),
    ).toHaveLength(1);
    // A reset looks the same whether or not the request arrived, so the record cannot claim certainty.
    expect(loggedBotMessages(chatId).at(-1)).toMatchObject({ delivery: "uncertain" });
  });

  it("marks a group that removed regbot inactive, cancels the messages waiting for it and keeps its jobs for a return, without touching other chats", async () => {
    harness = await startHarness();
    const kicked = await joinedGroup(-1001111111111);
    const other = await joinedGroup(-1002222222222);
    await harness.regbot.jobs.schedule({
      kind: "test",
      dedupeKey: "test:job",
      chatId: kicked.chatId,
      dueAt: Date.now() + 3_600_000,
    });
    harness.telegram.kickBotFrom(kicked.telegramId);
    await post(
      { dedupeKey: "test:kicked-1", to: { chatId: kicked.chatId }, text: "one" },
      { dedupeKey: "test:kicked-2", to: { chatId: kicked.chatId }, text: "two" },
      { dedupeKey: "test:other", to: { chatId: other.chatId }, text: "unaffected" },
    );
    expect(outboxRows().map((row) => [row.dedupe_key, row.state])).toEqual([
      ["test:kicked-1", "cancelled"],
      ["test:kicked-2", "cancelled"],
      ["test:other", "sent"],
    ]);
    expect(harness.query("select active from chats where id = ?", kicked.chatId)).toEqual([{ active: 0 }]);
    // Held when it comes due while regbot is away, released when it is added back (see the chat's lifecycle).
    expect(harness.query("select state from jobs where dedupe_key = 'test:job'")).toEqual([{ state: "pending" }]);
  });

  it("follows a group that became a supergroup and delivers there", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup(-4001);
    harness.telegram.migrateChat(telegramId, -1004001);
    await post({ dedupeKey: "test:migrated", to: { chatId }, text: "Plan updated." });
    expect(harness.telegram.sentTo(-1004001).map((message) => message.text)).toEqual(["Plan updated."]);
    expect(harness.query("select telegram_chat_id, type from chats where id = ?", chatId)).toEqual([
      { telegram_chat_id: -1004001, type: "supergroup" },
    ]);
    expect(loggedBotMessages(chatId).at(-1)).toMatchObject({
      result: { chat: { id: -1004001 }, text: "Plan updated." },
    });
  });

  it("mentions a person in the group when they never started a private chat with regbot", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    await post({
      dedupeKey: "test:private",
      to: {
        userId: client.id,
        fallback: { chatId, content: { text: "Ivan, the access to the ad account is due today." } },
      },
      text: "The access to the ad account is due today.",
    });
    expect(harness.telegram.sentTo(client.id)).toEqual([]);
    expect(harness.telegram.sentTo(telegramId).at(-1)!.text).toBe("Ivan, the access to the ad account is due today.");
    expect(outboxRows().map((row) => row.state)).toEqual(["cancelled", "sent"]);
  });

  it("writes to a person directly once they have started regbot", async () => {
    harness = await startHarness();
    const { chatId } = await joinedGroup();
    harness.telegram.userStartedBot(client.id);
    await post({
      dedupeKey: "test:direct",
      to: { userId: client.id, fallback: { chatId, content: { text: "fallback" } } },
      text: "Direct note.",
    });
    expect(harness.telegram.sentTo(client.id).map((message) => message.text)).toEqual(["Direct note."]);
  });

  it("splits a text over 4096 characters at line breaks, in order, in the same topic", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    const lines = Array.from({ length: 120 }, (_, index) => `${String(index).padStart(3, "0")} ${"x".repeat(60)}`);
    await post({ dedupeKey: "test:long", to: { chatId, threadId: 5 }, text: lines.join("\n") });
    const parts = harness.telegram.sentTo(telegramId).slice(2);
    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.text!.length <= 4096 && part.message_thread_id === 5)).toBe(true);
    expect(
      parts
        .map((part) => part.text)
        .join("\n")
        .split("\n"),
    ).toEqual(lines);
  });

  it("merges low-priority notices into one message when a chat's queue is long", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    const notices = [
      "Anna: requests go through Ivan.",
      "Boris: requests go through Ivan.",
      "Clara: requests go through Ivan.",
      "Dmitri: requests go through Ivan.",
    ];
    await post(
      { dedupeKey: "test:normal", to: { chatId }, text: "Stage 1 is complete." },
      ...notices.map((text, index) => ({
        dedupeKey: `test:notice-${index}`,
        to: { chatId },
        text,
        priority: "low" as const,
      })),
    );
    const texts = harness.telegram
      .sentTo(telegramId)
      .slice(2)
      .map((message) => message.text);
    expect(texts).toEqual(["Stage 1 is complete.", notices.join("\n\n")]);
  });

  it("posts nothing twice when the same message is queued again (a handler or job ran twice)", async () => {
    harness = await startHarness();
    const { telegramId, chatId } = await joinedGroup();
    const reminder = { dedupeKey: "test:once", to: { chatId }, text: "Reminder: call in 10 minutes." };
    await post(reminder);
    await post(reminder);
    expect(harness.telegram.sentTo(telegramId).filter((message) => message.text === reminder.text)).toHaveLength(1);
  });
});
