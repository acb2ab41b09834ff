import { createRepositories } from "../src/db/repositories.js";
import { OutboxSender } from "../src/delivery/outbox-sender.js";
import { count, silent, withDatabaseFile, withOpenDatabase } from "./scale-support.js";

/** What sending one message costs with `waiting` messages queued over `DESTINATIONS` chats. */
export interface OutboxPoint {
  waiting: number;
  sendMs: number;
}

const DESTINATIONS = 1_000;
const SENDS = 300;
const AT = Date.UTC(2026, 10, 30, 11, 0);

export async function measureOutbox(waiting: number): Promise<OutboxPoint> {
  return withDatabaseFile(`outbox-${waiting}`, (path) =>
    withOpenDatabase(path, async (database) => {
      const { sqlite } = database;
      const chat = sqlite.prepare(
        "INSERT INTO chats (telegram_chat_id, type, title, language, created_at) VALUES (?, 'supergroup', ?, 'en', ?)",
      );
      // Every chat the inbox registers has its Telegram id here; the sent message's record resolves the chat through it.
      const telegramId = sqlite.prepare("INSERT INTO chat_telegram_ids (telegram_chat_id, chat_id) VALUES (?, ?)");
      const message = sqlite.prepare(
        "INSERT INTO outbox (dedupe_key, chat_id, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)",
      );
      sqlite.transaction(() => {
        const chats = Array.from({ length: DESTINATIONS }, (_, index) => {
          const id = Number(chat.run(-1_002_000_000_000 - index, `Client ${index}`, AT).lastInsertRowid);
          telegramId.run(-1_002_000_000_000 - index, id);
          return id;
        });
        for (let index = 0; index < waiting; index += 1) {
          const text = JSON.stringify({ text: `Reminder ${index}: the weekly report is due today at 17:00.` });
          message.run(`bench:${index}`, chats[index % DESTINATIONS], text, AT, AT);
        }
      })();
      let sent = 0;
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const repositories = createRepositories(database.orm);
      const sender = new OutboxSender({
        outbox: repositories.outbox,
        chats: repositories.chats,
        api: {
          sendMessage: async (chatId, text) => {
            sent += 1;
            if (sent === SENDS) done();
            return { message_id: sent, date: AT / 1000, chat: { id: Number(chatId), type: "supergroup" }, text } as never;
          },
        },
        clock: () => AT,
        pacing: () => AT,
        logger: silent,
        rateLimits: {
          perChatIntervalMs: 0,
          groupWindowMs: 0,
          groupMessagesPerWindow: Infinity,
          globalWindowMs: 0,
          globalMessagesPerWindow: Infinity,
        },
      });
      const started = performance.now();
      await sender.start();
      await finished;
      const elapsed = performance.now() - started;
      await sender.stop();
      const recorded = count(database, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'");
      if (recorded < SENDS) throw new Error(`with ${waiting} waiting, ${recorded} of ${SENDS} sends were recorded`);
      return { waiting, sendMs: elapsed / SENDS };
    }),
  );
}
