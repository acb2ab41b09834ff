import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadDotEnv } from "../config.js";
import { openChainSource } from "../db/chain-source.js";
import type { Chat } from "../db/chat-repository.js";
import type { ExportDatabase } from "../db/export-snapshot.js";
import { folderSink, zipSink } from "../export/bundle-sink.js";
import { exportFromDatabase } from "../export/export-from-database.js";
import { chooseDatabase, DATABASE_OPTIONS, DATABASE_USAGE } from "./database-choice.js";

/**
 * `npm run export -- --chat=<id> [--from YYYY-MM-DD --to YYYY-MM-DD] --out <file.zip>`: writes a
 * chat's dispute bundle from a read-only view of the database (the bot may keep running).
 * `--out-dir <folder>` writes the same files unpacked. The period's dates are the chat's own (its
 * regulation's zone, or DEFAULT_TIMEZONE). Reads SQLite, or PostgreSQL with DATABASE_URL (or
 * --database-url); signs with SIGNING_KEY_PATH's key, by default the one beside the SQLite file.
 * Exit 0 on success, 2 on bad usage or failure.
 */
const USAGE =
  `usage: npm run export -- --chat=<regbot chat id, or Telegram chat id like -1001234567890> [--from 2026-11-01 --to 2026-11-30] --out <bundle.zip> ${DATABASE_USAGE}\n` +
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
      ...DATABASE_OPTIONS,
    },
    strict: true,
  });
  if (values.chat === undefined || !/^-?\d+$/.test(values.chat)) return usage("give --chat <id>");
  if ((values.out === undefined) === (values["out-dir"] === undefined))
    return usage("give either --out <file.zip> or --out-dir <folder>");
  if ((values.from === undefined) !== (values.to === undefined)) return usage("give both --from and --to, or neither");
  const target = values.out ?? values["out-dir"]!;
  if (existsSync(target)) return usage(`${target} already exists; choose a new name`);
  const choice = chooseDatabase(values);
  if (typeof choice === "string") return usage(choice);
  const chat = await findChat(choice.database, Number(values.chat));
  if (chat === undefined) return usage(`no chat with id ${values.chat} in this database`);
  const sink = values.out !== undefined ? zipSink(values.out) : folderSink(values["out-dir"]!);
  const period = values.from !== undefined ? { period: { from: values.from, to: values.to! } } : {};
  const defaultTimezone = process.env.DEFAULT_TIMEZONE?.trim() || "UTC";
  const summary = await exportFromDatabase(
    choice.database,
    choice.signingKeyPath,
    { chatId: chat.id, now: Date.now(), defaultTimezone, ...period },
    sink,
  );
  console.log(
    `chat ${chat.id} (Telegram ${chat.telegramChatId}): ${summary.eventCount} events, Merkle root ${summary.merkleRoot}, dates in ${summary.timezone}, written to ${target}`,
  );
  return 0;
}

/** By regbot's id, or by Telegram's (negative) one. */
async function findChat(database: ExportDatabase, id: number): Promise<Chat | undefined> {
  const chats = await openChainSource(database);
  try {
    return id < 0 ? await chats.findByTelegramId(id) : await chats.findById(id);
  } finally {
    await chats.close();
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
