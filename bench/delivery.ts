import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { describeUpdate } from "../src/records/describe-update.js";
import { ChatRepository } from "../src/db/chat-repository.js";
import { CorrespondenceRepository } from "../src/db/correspondence-repository.js";
import { openDatabase } from "../src/db/database.js";
import { OutboxRepository, type OutgoingMessage } from "../src/db/outbox-repository.js";
import { OutboxSender } from "../src/delivery/outbox-sender.js";
import { TELEGRAM_LIMITS } from "../src/delivery/rate-limits.js";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";

/**
 * 1,000 reminders over 200 groups (5 each), posted at once and delivered by the real sender
 * through grammY's Api to the fake Bot API enforcing Telegram's flood limits. The global limit
 * of 30 messages a second sets the theoretical minimum (a group's 5 take only 4 s at 1 a second).
 */
const GROUPS = 200;
const REMINDERS_PER_GROUP = 5;
const GLOBAL_MESSAGES_PER_SECOND = 30;
const TIMEOUT_MS = 120_000;
const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

export interface DeliveryResult {
  messages: number;
  groups: number;
  seconds: number;
  minimumSeconds: number;
  /** Elapsed time over the theoretical minimum. */
  ratio: number;
  /** 429 answers Telegram's flood limits caused. */
  tooManyRequests: number;
}

export async function benchDelivery(): Promise<DeliveryResult> {
  const messages = GROUPS * REMINDERS_PER_GROUP;
  const telegram = await startFakeBotApi({ token: TOKEN, enforceRateLimits: true });
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-delivery-"));
  const database = openDatabase(join(directory, "regbot.sqlite"));
  const correspondence = new CorrespondenceRepository(database.orm);
  const chats = new ChatRepository(database.orm);
  const outbox = new OutboxRepository(database.orm, correspondence);
  const sender = new OutboxSender({
    outbox,
    chats,
    api: new Api(TOKEN, { apiRoot: telegram.apiRoot }),
    clock: Date.now,
    logger: pino({ level: "silent" }),
    rateLimits: TELEGRAM_LIMITS,
  });
  try {
    const reminders = await remindersForGroups(correspondence, chats);
    await sender.start();
    const started = performance.now();
    await sender.post(reminders);
    await telegram.waitFor(() => telegram.sent.length >= messages, TIMEOUT_MS);
    const seconds = (performance.now() - started) / 1000;
    await sender.stop();
    const minimumSeconds = messages / GLOBAL_MESSAGES_PER_SECOND;
    return {
      messages,
      groups: GROUPS,
      seconds,
      minimumSeconds,
      ratio: seconds / minimumSeconds,
      tooManyRequests: telegram.rateLimited,
    };
  } finally {
    await sender.stop();
    await telegram.close();
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Each group is known from a client's message, as in production; then it is owed 5 reminders. */
async function remindersForGroups(
  correspondence: CorrespondenceRepository,
  chats: ChatRepository,
): Promise<OutgoingMessage[]> {
  const reminders: OutgoingMessage[] = [];
  for (let group = 1; group <= GROUPS; group += 1) {
    const telegramChatId = -1_002_000_000_000 - group;
    const update: Update = {
      update_id: group,
      message: {
        message_id: 1,
        date: 1_790_000_000,
        chat: { id: telegramChatId, type: "supergroup", title: `Client ${group}` },
        from: { id: 600 + group, is_bot: false, first_name: "Ana" },
        text: "Hello!",
      },
    };
    await correspondence.ingest([{ updateId: group, payload: update, drafts: describeUpdate(update) }], Date.now());
    const chat = await chats.findByTelegramId(telegramChatId);
    if (chat === undefined) throw new Error(`group ${telegramChatId} was not registered`);
    for (let reminder = 1; reminder <= REMINDERS_PER_GROUP; reminder += 1) {
      reminders.push({
        to: { chatId: chat.id },
        text: `Reminder ${reminder}: the weekly report is due today at 17:00 (Europe/Madrid).`,
        dedupeKey: `reminder:${chat.id}:${reminder}`,
      });
    }
  }
  return reminders;
}
