import { createRepositories } from "../src/db/repositories.js";
import { OutboxSender } from "../src/delivery/outbox-sender.js";
import { TELEGRAM_LIMITS } from "../src/delivery/rate-limits.js";
import { count, medianOf, silent, withDatabaseFile, withOpenDatabase } from "./scale-support.js";

/**
 * What sending one message costs with `waiting` messages queued over `DESTINATIONS` chats, paced
 * by Telegram's limits as in production (so the sender looks for what may leave next before each
 * send): CPU time per message sent, since the wall time is the pacing's.
 */
export interface OutboxPoint {
  waiting: number;
  sendCpuMs: number;
  /** The sender's look-up of what may leave next, done before each send. */
  headsMs: number;
}

const DESTINATIONS = 1_000;
/** Five seconds of sending at Telegram's 30 messages a second. */
const SENDS = 150;
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
      const headsMs = await medianOf(21, () => repositories.outbox.destinationHeads(500));
      const sender = new OutboxSender({
        outbox: repositories.outbox,
        chats: repositories.chats,
        api: {
          sendMessage: async (chatId, text) => {
            sent += 1;
            if (sent === SENDS) done();
            return {
              message_id: sent,
              date: AT / 1000,
              chat: { id: Number(chatId), type: "supergroup" },
              text,
            } as never;
          },
          editMessageText: async () => true as never,
        },
        clock: () => AT,
        logger: silent,
        rateLimits: TELEGRAM_LIMITS,
      });
      // The sender's timers do not hold the process open; this does while it paces the sends.
      const keepAlive = setInterval(() => undefined, 1_000);
      const cpu = process.cpuUsage();
      await sender.start();
      await finished;
      clearInterval(keepAlive);
      const used = process.cpuUsage(cpu);
      await sender.stop();
      const recorded = count(database, "SELECT count(*) AS n FROM outbox WHERE state = 'sent'");
      if (recorded < SENDS) throw new Error(`with ${waiting} waiting, ${recorded} of ${SENDS} sends were recorded`);
      return { waiting, sendCpuMs: (used.user + used.system) / 1000 / SENDS, headsMs };
    }),
  );
}
