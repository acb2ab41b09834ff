import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { BENCH_BOT_INFO } from "./bench-bot-info.js";
import pino from "pino";
import { assembleBot } from "../src/bot/assemble-bot.js";
import { openDatabase, type Database } from "../src/db/database.js";
import { createRepositories } from "../src/db/repositories.js";
import { TELEGRAM_LIMITS } from "../src/delivery/rate-limits.js";
import { defaultRegulation } from "../src/domain/regulation/regulation.js";

/**
 * A realistic conversation through the whole stack (grammY's polling loop, the durable inbox,
 * every feature): the client contact asks, the specialist answers, each pair opening and closing
 * a response window, with acknowledgements, information requests and a voice message now and
 * then. Baseline: the same number of plain specialist messages in the same chats, which open no
 * window. Run in fresh chats and in chats with a long history of earlier windows, so the cost is
 * shown flat (or not) in a chat's age.
 */
const BATCH_SIZE = 100;
/** `BENCH_BATCHES=20` for a quick look while working; the recorded figures use 100. */
const BATCHES = Number(process.env.BENCH_BATCHES ?? 100);
const CHATS = 20;
const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
/** Monday 30 Nov 2026 10:00 in Madrid: the conversation runs inside contact hours. */
const START = Date.UTC(2026, 10, 30, 9, 0);
const SECONDS_BETWEEN_MESSAGES = 15;
const DAY = 24 * 60 * 60 * 1000;

export interface ConversationResult {
  updates: number;
  plainPerSecond: number;
  freshPerSecond: number;
  agedPerSecond: number;
  /** Earlier answered windows of each chat in the aged run. */
  earlierWindows: number;
  /** The conversation's rate against plain messages (target >= 0.5). */
  ratio: number;
  /** The aged chats' rate against the fresh ones (flat means about 1). */
  ageRatio: number;
  /** The same two ratios in CPU time. */
  cpuRatio: number;
  cpuAgeRatio: number;
  windowsOpened: number;
  requestsCreated: number;
}

export async function benchConversation(earlierWindows = 20_000): Promise<ConversationResult> {
  const updates = BATCH_SIZE * BATCHES;
  const plain = await measure(plainBatches(), 0);
  const fresh = await measure(conversationBatches(), 0);
  const aged = await measure(conversationBatches(), earlierWindows);
  return {
    updates,
    plainPerSecond: updates / plain.seconds,
    freshPerSecond: updates / fresh.seconds,
    agedPerSecond: updates / aged.seconds,
    earlierWindows,
    ratio: plain.seconds / fresh.seconds,
    ageRatio: fresh.seconds / aged.seconds,
    cpuRatio: plain.cpuSeconds / fresh.cpuSeconds,
    cpuAgeRatio: fresh.cpuSeconds / aged.cpuSeconds,
    windowsOpened: fresh.windowsOpened,
    requestsCreated: fresh.requestsCreated,
  };
}

interface Person {
  id: number;
  first_name: string;
}

function telegramChatId(chat: number): number {
  return -1_001_000_000_000 - chat;
}

const specialistOf = (chat: number): Person => ({ id: 10_000 + chat, first_name: "Marta" });
const clientOf = (chat: number): Person => ({ id: 20_000 + chat, first_name: "Iván" });

/** One step of a chat's conversation, by its position in a cycle of ten. */
function conversationStep(chat: number, step: number): { from: Person; content: Record<string, unknown> } {
  const client = clientOf(chat);
  const specialist = specialistOf(chat);
  const cycle = Math.floor(step / 10);
  switch (step % 10) {
    case 0:
      return { from: client, content: { text: `When will the report on ad set ${cycle} be ready?` } };
    case 1:
      return { from: client, content: { text: "And could you check the budget for next week too?" } };
    case 2:
      return {
        from: specialist,
        content: { text: "The report goes out tomorrow morning; the budget is fine for next week." },
      };
    case 3:
      return { from: client, content: { text: "thanks" } };
    case 4:
      return cycle % 5 === 0
        ? {
            from: specialist,
            content: {
              text: `/request Access to the ad account ${cycle}`,
              entities: [{ type: "bot_command", offset: 0, length: 8 }],
            },
          }
        : { from: specialist, content: { text: "I have paused the two ads with the lowest click-through rate." } };
    case 5:
      return cycle % 3 === 0
        ? {
            from: client,
            content: {
              voice: {
                file_id: `voice-${chat}-${step}`,
                file_unique_id: `v${chat}-${step}`,
                duration: 35,
                mime_type: "audio/ogg",
              },
            },
          }
        : { from: client, content: { text: "Why did the cost per lead go up yesterday?" } };
    case 6:
      return {
        from: specialist,
        content: { text: "Competition in the auction rose in the evening; I lowered the bids." },
      };
    case 7:
      return { from: client, content: { text: "Can we add a carousel with the new collection?" } };
    case 8:
      return { from: specialist, content: { text: "Yes, send me the photos and I will set it up today." } };
    default:
      return { from: client, content: { text: "ok" } };
  }
}

function plainStep(chat: number, step: number): { from: Person; content: Record<string, unknown> } {
  return {
    from: specialistOf(chat),
    content: { text: `Update ${step}: the new creatives are ready for review, please check the ad set before launch.` },
  };
}

function makeBatches(stepOf: typeof conversationStep): Update[][] {
  let updateId = 1;
  return Array.from({ length: BATCHES }, () =>
    Array.from({ length: BATCH_SIZE }, () => {
      const id = updateId++;
      const chat = id % CHATS;
      const step = Math.floor(id / CHATS);
      const { from, content } = stepOf(chat, step);
      return {
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor((START + step * SECONDS_BETWEEN_MESSAGES * 1000) / 1000),
          chat: { id: telegramChatId(chat), type: "supergroup", title: `Client ${chat}` },
          from: { ...from, is_bot: false, language_code: "es" },
          ...content,
        },
      } as Update;
    }),
  );
}

const plainBatches = () => makeBatches(plainStep);
const conversationBatches = () => makeBatches(conversationStep);

/** Chats with a regulation, a specialist and a client contact, and `earlierWindows` answered windows each. */
function seedChats(database: Database, earlierWindows: number): void {
  const { sqlite } = database;
  const since = START - 400 * DAY;
  const insert = {
    chat: sqlite.prepare(
      "INSERT INTO chats (telegram_chat_id, type, title, language, created_at) VALUES (?, 'supergroup', ?, 'es', ?)",
    ),
    telegramId: sqlite.prepare("INSERT INTO chat_telegram_ids (telegram_chat_id, chat_id) VALUES (?, ?)"),
    regulation: sqlite.prepare(
      "INSERT INTO regulation_versions (chat_id, version, settings, changed_by, in_force_from) VALUES (?, 1, ?, ?, ?)",
    ),
    role: sqlite.prepare("INSERT INTO chat_roles (chat_id, user_id, role, since) VALUES (?, ?, ?, ?)"),
    person: sqlite.prepare("INSERT INTO people (chat_id, user_id, first_name, last_seen_at) VALUES (?, ?, ?, ?)"),
    window: sqlite.prepare(
      "INSERT INTO response_windows (chat_id, opened_at, opened_by_message_id, regulation_version, due_at, state, answered_at, answered_by, business_minutes) VALUES (?, ?, ?, 1, ?, 'answered', ?, ?, 20)",
    ),
  };
  const regulation = JSON.stringify(defaultRegulation({ timezone: "Europe/Madrid", language: "es" }));
  sqlite.transaction(() => {
    for (let chat = 0; chat < CHATS; chat += 1) {
      const chatId = Number(insert.chat.run(telegramChatId(chat), `Client ${chat}`, since).lastInsertRowid);
      insert.telegramId.run(telegramChatId(chat), chatId);
      insert.regulation.run(chatId, regulation, specialistOf(chat).id, since);
      insert.role.run(chatId, specialistOf(chat).id, "specialist", since);
      insert.role.run(chatId, clientOf(chat).id, "client", since);
      insert.person.run(chatId, specialistOf(chat).id, "Marta", since);
      insert.person.run(chatId, clientOf(chat).id, "Iván", since);
      const spacing = Math.floor((START - since) / (earlierWindows + 1));
      for (let window = 0; window < earlierWindows; window += 1) {
        const openedAt = since + window * spacing;
        insert.window.run(
          chatId,
          openedAt,
          -1 - window,
          openedAt + 2 * 60 * 60 * 1000,
          openedAt + 20 * 60 * 1000,
          specialistOf(chat).id,
        );
      }
    }
  })();
}

interface Measured {
  seconds: number;
  /** On the shared machine most wall time is waiting for a core: CPU time is the steadier figure. */
  cpuSeconds: number;
  windowsOpened: number;
  requestsCreated: number;
}

async function measure(batches: Update[][], earlierWindows: number): Promise<Measured> {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-conversation-"));
  const database = openDatabase(join(directory, "regbot.sqlite"));
  try {
    seedChats(database, earlierWindows);
    const time = await runStack(database, batches);
    return { ...time, ...checkHandled(database, batches, earlierWindows) };
  } finally {
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Fails unless every update was stored and handled, and the conversation did what it says. */
function checkHandled(
  database: Database,
  batches: Update[][],
  earlierWindows: number,
): Omit<Measured, "seconds" | "cpuSeconds"> {
  const count = (query: string) => (database.sqlite.prepare(query).get() as { n: number }).n;
  const updates = batches.flat();
  const messages = count("SELECT count(*) AS n FROM events WHERE kind = 'message'");
  const handled = count("SELECT count(*) AS n FROM inbox_updates WHERE state = 'done'");
  if (messages !== updates.length) throw new Error(`logged ${messages} of ${updates.length} messages`);
  // The last batch's marks are written when Telegram has nothing more; all of them must be there.
  if (handled !== updates.length) throw new Error(`marked ${handled} of ${updates.length} updates handled`);
  const questions = updates.filter(
    (update) =>
      update.message?.from?.id !== undefined &&
      update.message.from.id >= 20_000 &&
      /\?$/.test(update.message.text ?? ""),
  ).length;
  const windowsOpened = count("SELECT count(*) AS n FROM response_windows WHERE opened_by_message_id > 0");
  const unanswered = count("SELECT count(*) AS n FROM response_windows WHERE answered_at IS NULL");
  const requestsCreated = count("SELECT count(*) AS n FROM obligations WHERE kind = 'request'");
  const voices = count("SELECT count(*) AS n FROM voice_messages");
  const earlier = count("SELECT count(*) AS n FROM response_windows WHERE opened_by_message_id < 0");
  if (earlier !== earlierWindows * CHATS)
    throw new Error(`seeded ${earlier} earlier windows of ${earlierWindows * CHATS}`);
  if (questions > 0 && (windowsOpened === 0 || windowsOpened > questions || unanswered > CHATS)) {
    throw new Error(
      `the conversation opened ${windowsOpened} windows for ${questions} questions, ${unanswered} left unanswered`,
    );
  }
  if (questions > 0 && (requestsCreated === 0 || voices === 0))
    throw new Error(`the conversation created ${requestsCreated} requests and tracked ${voices} voice messages`);
  return { windowsOpened, requestsCreated };
}

/** grammY's polling loop over a stand-in for Telegram's network, beneath every transformer the bot installs. */
async function runStack(database: Database, batches: Update[][]): Promise<{ seconds: number; cpuSeconds: number }> {
  const repositories = createRepositories(database.orm);
  const queue = [...batches];
  let stop = () => undefined as unknown;
  let sentMessageId = 1_000_000;
  const telegram = async (url: string | URL | Request): Promise<Response> => {
    const method = String(url).split("/").pop();
    let result: unknown = true;
    if (method === "getUpdates") {
      const batch = queue.shift() ?? [];
      if (batch.length === 0) stop();
      result = batch;
    } else if (method === "sendMessage") {
      result = { message_id: sentMessageId++, date: Math.floor(START / 1000), chat: { id: 0, type: "supergroup" } };
    }
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  };
  const client = { apiRoot: "http://telegram.invalid", fetch: telegram as typeof fetch };
  const settings = {
    token: TOKEN,
    client,
    defaultLanguage: "es" as const,
    defaultTimezone: "Europe/Madrid",
    rateLimits: TELEGRAM_LIMITS,
  };
  const { bot } = assembleBot(settings, repositories, () => START, pino({ level: "silent" }));
  stop = () => void bot.stop();
  bot.botInfo = BENCH_BOT_INFO;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await bot.start({ timeout: 0 });
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}
