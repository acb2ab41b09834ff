import type { Api } from "grammy";
import type { Message } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeUpdate } from "../../src/records/describe-update.js";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { OutboxRepository, type OutgoingMessage } from "../../src/db/outbox-repository.js";
import { OutboxSender } from "../../src/delivery/outbox-sender.js";
import { TELEGRAM_LIMITS } from "../../src/delivery/rate-limits.js";
import { client, group, message, withId } from "../support/updates.js";

/** The real sender and Telegram's real limits, on a fake clock: minutes of pacing pass in milliseconds. */
interface Delivery {
  chatId: number;
  text: string;
  at: number;
}

let database: Database;
let sender: OutboxSender;
let deliveries: Delivery[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: Date.UTC(2026, 11, 4, 9) });
  database = openDatabase(":memory:");
  deliveries = [];
  const correspondence = new CorrespondenceRepository(database.orm);
  sender = new OutboxSender({
    outbox: new OutboxRepository(database.orm, correspondence),
    chats: new ChatRepository(database.orm),
    api: {
      sendMessage: async (chatId, text) => {
        deliveries.push({ chatId: Number(chatId), text, at: Date.now() });
        return {
          message_id: deliveries.length,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: "private", first_name: "Ivan" },
          text,
        } as Message.TextMessage;
      },
      editMessageText: async (chatId, messageId, text) => {
        deliveries.push({ chatId: Number(chatId), text: text as string, at: Date.now() });
        return {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          edit_date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: "private", first_name: "Ivan" },
          text,
        } as Awaited<ReturnType<Api["editMessageText"]>>;
      },
    },
    clock: Date.now,
    logger: pino({ level: "silent" }),
    rateLimits: TELEGRAM_LIMITS,
  });
});

afterEach(async () => {
  await sender.stop();
  database.close();
  vi.useRealTimers();
});

/** A group regbot knows from a client's message; returns its internal id. */
async function knownGroup(telegramChatId: number): Promise<number> {
  const correspondence = new CorrespondenceRepository(database.orm);
  const update = withId(-telegramChatId, message(group(telegramChatId), client, "Hello!"));
  await correspondence.ingest(
    [{ updateId: update.update_id, payload: update, drafts: describeUpdate(update) }],
    Date.now(),
  );
  return (await new ChatRepository(database.orm).findByTelegramId(telegramChatId))!.id;
}

/** Posts the messages, then lets fake time run until all of them are delivered. */
async function deliver(messages: OutgoingMessage[]): Promise<Delivery[]> {
  await sender.start();
  await sender.post(messages);
  return allDelivered(messages.length);
}

async function allDelivered(count: number): Promise<Delivery[]> {
  for (let step = 0; deliveries.length < count && step < 10_000; step += 1) await vi.advanceTimersByTimeAsync(100);
  expect(deliveries).toHaveLength(count);
  return deliveries;
}

function timesTo(chatId: number): number[] {
  return deliveries.filter((delivery) => delivery.chatId === chatId).map((delivery) => delivery.at);
}

describe("pacing what regbot says to Telegram's limits", () => {
  it("spaces a group's messages more than a second apart, and holds the 21st until the first has left the minute", async () => {
    const acme = -1001234567890;
    const chatId = await knownGroup(acme);
    const reminders = Array.from({ length: 22 }, (_, index) => ({ to: { chatId }, text: `Reminder ${index + 1}` }));
    await deliver(reminders);
    const times = timesTo(acme);
    expect(deliveries.map((delivery) => delivery.text)).toEqual(reminders.map((reminder) => reminder.text));
    for (let index = 1; index < times.length; index += 1)
      expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(TELEGRAM_LIMITS.perChatIntervalMs);
    for (let index = 20; index < times.length; index += 1)
      expect(times[index]! - times[index - 20]!).toBeGreaterThanOrEqual(TELEGRAM_LIMITS.groupWindowMs);
    // Held no longer than the limits require: the 21st leaves as the first leaves the window.
    expect(times[20]! - times[0]!).toBeLessThan(TELEGRAM_LIMITS.groupWindowMs + 200);
  });

  it("sends to 40 people at once no faster than 30 a second, the rest as soon as the second has passed", async () => {
    const people = Array.from({ length: 40 }, (_, index) => 9_000 + index);
    await deliver(people.map((userId) => ({ to: { userId }, text: "The weekly report is out." })));
    const times = deliveries.map((delivery) => delivery.at).sort((a, b) => a - b);
    const start = times[0]!;
    expect(times.filter((at) => at < start + TELEGRAM_LIMITS.globalWindowMs)).toHaveLength(
      TELEGRAM_LIMITS.globalMessagesPerWindow,
    );
    for (let index = 30; index < times.length; index += 1)
      expect(times[index]! - times[index - 30]!).toBeGreaterThanOrEqual(TELEGRAM_LIMITS.globalWindowMs);
    expect(times.at(-1)! - start).toBeLessThan(TELEGRAM_LIMITS.globalWindowMs + 200);
  });

  it("paces edits of a group's messages like the messages themselves", async () => {
    const acme = -1001234567890;
    const chatId = await knownGroup(acme);
    const reminders = Array.from({ length: 3 }, (_, index) => ({
      dedupeKey: `reminder:${index + 1}`,
      to: { chatId },
      text: `Reminder ${index + 1}`,
    }));
    await deliver(reminders);
    const repository = new OutboxRepository(database.orm, new CorrespondenceRepository(database.orm));
    const sent = await repository.deliverableUnder("reminder:");
    await sender.postEdits(sent.map((row) => ({ of: row, dedupeKey: `done:${row.id}`, note: "Done." })));
    await allDelivered(6);
    expect(deliveries.slice(3).map((delivery) => delivery.text)).toEqual(
      reminders.map((reminder) => `${reminder.text}\n\nDone.`),
    );
    const times = timesTo(acme);
    for (let index = 1; index < times.length; index += 1)
      expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(TELEGRAM_LIMITS.perChatIntervalMs);
  });

  it("does not hold other chats back while one group waits for its minute", async () => {
    const busy = -1001111111111;
    const busyChatId = await knownGroup(busy);
    const quiet = -1002222222222;
    const quietChatId = await knownGroup(quiet);
    await deliver([
      ...Array.from({ length: 21 }, (_, index) => ({ to: { chatId: busyChatId }, text: `Reminder ${index + 1}` })),
      { to: { chatId: quietChatId }, text: "Call at 15:00 confirmed." },
    ]);
    expect(timesTo(quiet)[0]! - timesTo(busy)[0]!).toBeLessThan(TELEGRAM_LIMITS.perChatIntervalMs);
  });
});
