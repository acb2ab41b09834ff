import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChatRepository } from "../src/db/chat-repository.js";
import { CheckpointRepository } from "../src/db/checkpoint-repository.js";
import { CorrespondenceRepository } from "../src/db/correspondence-repository.js";
import { openDatabase } from "../src/db/database.js";
import { OutboxRepository } from "../src/db/outbox-repository.js";
import { CheckpointCheck } from "../src/domain/checkpoint-check.js";
import { describeUpdate } from "../src/records/describe-update.js";
import { seedLongChat } from "./export-history.js";

/**
 * A checkpoint of one chat with a million events. The history is written straight into the log
 * without a kept frontier, as one logged before frontiers existed (and never checkpointed): its
 * first checkpoint reads the whole log, which is what every first checkpoint cost before (the
 * baseline). Then messages arrive through the inbox, which keeps the
 * frontier, and each later checkpoint is timed: the work and its commit, as a tick records it
 * (without its own fsync: the tick's batch has one for all).
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = 20;

export interface CheckpointResult {
  events: number;
  /** The first checkpoint, reading the whole log. */
  fullReadMs: number;
  /** Median of the checkpoints taken from the kept frontier. */
  keptMedianMs: number;
  keptMaxMs: number;
  /** Every checkpoint recorded holds against the recomputed root. */
  checkpointsHold: boolean;
}

export async function benchCheckpoint(): Promise<CheckpointResult> {
  const directory = mkdtempSync(join(tmpdir(), "regbot-bench-checkpoint-"));
  const path = join(directory, "regbot.sqlite");
  try {
    const { chatId } = await seedLongChat(path, EVENTS, { withoutFrontier: true });
    const database = openDatabase(path);
    try {
      const correspondence = new CorrespondenceRepository(database.orm);
      const checkpoints = new CheckpointRepository(
        database.orm,
        correspondence,
        new OutboxRepository(database.orm, correspondence),
      );
      const chat = (await new ChatRepository(database.orm).findById(chatId))!;
      const take = (key: string): number => {
        const started = performance.now();
        database.sqlite.pragma("synchronous = NORMAL");
        database.sqlite.transaction(() => checkpoints.takeWithin({ chat, messageKey: key, at: Date.now() }))();
        database.sqlite.pragma("synchronous = FULL");
        return performance.now() - started;
      };
      const fullReadMs = take("bench:first");
      const kept: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const update = {
          update_id: 10_000_000 + round,
          message: {
            message_id: 10_000_000 + round,
            date: 1_800_000_000 + round,
            chat: { id: chat.telegramChatId, type: "supergroup" as const, title: "Acme" },
            from: { id: 601, is_bot: false, first_name: "Iván" },
            text: `Round ${round}: any news on the report?`,
          },
        };
        await correspondence.ingest(
          [{ updateId: update.update_id, payload: update, drafts: describeUpdate(update) }],
          0,
        );
        kept.push(take(`bench:${round}`));
      }
      kept.sort((a, b) => a - b);
      const check = new CheckpointCheck();
      for await (const event of correspondence.readChain(chatId, 10_000)) check.accept(event);
      const { checked, failures } = check.verdict;
      return {
        events: EVENTS,
        fullReadMs,
        keptMedianMs: kept[Math.floor(kept.length / 2)]!,
        keptMaxMs: kept.at(-1)!,
        checkpointsHold: checked === ROUNDS + 1 && failures.length === 0,
      };
    } finally {
      database.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
