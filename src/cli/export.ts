import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadDotEnv } from "../config.js";
import { ChatRepository, type Chat } from "../db/chat-repository.js";
import { openDatabaseReadOnly } from "../db/database.js";
import { folderSink, zipSink } from "../export/bundle-sink.js";
import { exportFromDatabase } from "../export/export-from-database.js";

/**
 * `npm run export -- --chat=<id> [--from YYYY-MM-DD --to YYYY-MM-DD] --out <file.zip>`: writes a
 * chat's dispute bundle from a read-only view of the database (the bot may keep running).
 * `--out-dir <folder>` writes the same files unpacked. The period's dates are the chat's own (its
 * regulation's zone, or DEFAULT_TIMEZONE). Exit 0 on success, 2 on bad usage or failure.
 */
const USAGE =
  "usage: npm run export -- --chat=<regbot chat id, or Telegram chat id like -1001234567890> [--from 2026-11-01 --to 2026-11-30] --out <bundle.zip> [--database <path>]\n" +
  "   or: npm run export -- --chat=<id> --out-dir <folder>";

async function main(): Promise<number> {
  loadDotEnv();
  const { values } = parseArgs({
    options: {
      chat: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      "out-dir": { type: "string" },
      database: { type: "string" },
    },
    strict: true,
  });
  if (values.chat === undefined || !/^-?\d+$/.test(values.chat)) return usage("give --chat <id>");
  if ((values.out === undefined) === (values["out-dir"] === undefined))
    return usage("give either --out <file.zip> or --out-dir <folder>");
  if ((values.from === undefined) !== (values.to === undefined)) return usage("give both --from and --to, or neither");
  const target = values.out ?? values["out-dir"]!;
  if (existsSync(target)) return usage(`${target} already exists; choose a new name`);
  const databasePath = values.database ?? process.env.DATABASE_PATH ?? "./data/regbot.sqlite";
  const chat = await findChat(databasePath, Number(values.chat));
  if (chat === undefined) return usage(`no chat with id ${values.chat} in this database`);
  const sink = values.out !== undefined ? zipSink(values.out) : folderSink(values["out-dir"]!);
  const period = values.from !== undefined ? { period: { from: values.from, to: values.to! } } : {};
  const defaultTimezone = process.env.DEFAULT_TIMEZONE?.trim() || "UTC";
  const summary = await exportFromDatabase(
    databasePath,
    { chatId: chat.id, now: Date.now(), defaultTimezone, ...period },
    sink,
  );
  console.log(
    `chat ${chat.id} (Telegram ${chat.telegramChatId}): ${summary.eventCount} events, Merkle root ${summary.merkleRoot}, dates in ${summary.timezone}, written to ${target}`,
  );
  return 0;
}

/** By regbot's id, or by Telegram's (negative) one. */
async function findChat(databasePath: string, id: number): Promise<Chat | undefined> {
  const database = openDatabaseReadOnly(databasePath);
  try {
    const chats = new ChatRepository(database.orm);
    return id < 0 ? await chats.findByTelegramId(id) : await chats.findById(id);
  } finally {
    database.close();
  }
}

function usage(problem: string): number {
  console.error(`export: ${problem}\n${USAGE}`);
  return 2;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`export: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
});
