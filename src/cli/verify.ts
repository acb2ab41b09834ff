import { parseArgs } from "node:util";
import { loadDotEnv } from "../config.js";
import { openChainSource, type ChainSource } from "../db/chain-source.js";
import type { Chat } from "../db/chat-repository.js";
import { CheckpointCheck } from "../domain/checkpoint-check.js";
import { ChainVerifier } from "../domain/evidence-chain.js";
import { chooseDatabase, DATABASE_OPTIONS, DATABASE_USAGE } from "./database-choice.js";

/**
 * `npm run verify -- --chat <id>`: recomputes a chat's hash chain from the stored bytes, and the
 * Merkle root each checkpoint recorded. Exit 0 when intact, 1 when broken (naming the first
 * broken sequence number, or each checkpoint that does not hold), 2 on bad usage. Reads SQLite,
 * or PostgreSQL with DATABASE_URL (or --database-url).
 */
const USAGE = `usage: npm run verify -- --chat=<regbot chat id, or Telegram chat id like -1001234567890> ${DATABASE_USAGE}\n   or: npm run verify -- --all ${DATABASE_USAGE}`;

async function main(): Promise<number> {
  loadDotEnv();
  const { values } = parseArgs({
    options: { chat: { type: "string" }, all: { type: "boolean" }, ...DATABASE_OPTIONS },
    strict: true,
  });
  if ((values.chat === undefined) === (values.all !== true)) return usage("give either --chat <id> or --all");
  const choice = chooseDatabase(values);
  if (typeof choice === "string") return usage(choice);
  const chats = await openChainSource(choice.database);
  try {
    const targets = values.all ? await chats.allChats() : await findChat(chats, values.chat!);
    if (targets.length === 0) return usage(`no chat with id ${values.chat} in this database`);
    let broken = 0;
    for (const chat of targets) {
      const verifier = new ChainVerifier();
      const checkpoints = new CheckpointCheck();
      for await (const event of chats.readChain(chat.id)) {
        if (!verifier.accept(event)) break;
        checkpoints.accept(event);
      }
      const verdict = verifier.verdict();
      const { checked, failures } = checkpoints.verdict;
      const name = `chat ${chat.id} (Telegram ${chat.telegramChatId})`;
      if (verdict.intact) {
        console.log(
          `${name}: ${verdict.count} events, chain intact, head ${verdict.head?.hash ?? "(empty)"}, ${checked - failures.length} of ${checked} checkpoints hold`,
        );
        for (const { seq, reason } of failures)
          console.log(`${name}: checkpoint at sequence ${seq} does NOT hold: ${reason}`);
        if (failures.length > 0) broken += 1;
      } else {
        broken += 1;
        console.log(`${name}: chain BROKEN at sequence ${verdict.brokenAt}: ${verdict.reason}`);
      }
    }
    return broken === 0 ? 0 : 1;
  } finally {
    await chats.close();
  }
}

async function findChat(chats: ChainSource, id: string): Promise<Chat[]> {
  if (!/^-?\d+$/.test(id)) return [];
  const number = Number(id);
  const chat = number < 0 ? await chats.findByTelegramId(number) : await chats.findById(number);
  return chat === undefined ? [] : [chat];
}

function usage(problem: string): number {
  console.error(`verify: ${problem}\n${USAGE}`);
  return 2;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
});
