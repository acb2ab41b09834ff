import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeUpdate } from "../../src/records/describe-update.js";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { CheckpointRepository } from "../../src/db/checkpoint-repository.js";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { OutboxRepository } from "../../src/db/outbox-repository.js";
import { openDatabase } from "../../src/db/database.js";
import { client, group, message, specialist, withId } from "../support/updates.js";

function runVerify(...args: string[]) {
  return spawnSync(process.execPath, ["dist/src/cli/verify.js", ...args], { encoding: "utf8" });
}

async function databaseWithConversation(): Promise<{ path: string; chatId: number }> {
  const path = join(mkdtempSync(join(tmpdir(), "regbot-verify-")), "regbot.sqlite");
  const database = openDatabase(path);
  const correspondence = new CorrespondenceRepository(database.orm);
  const texts = ["Hi! Access to the ad account?", "Sending tomorrow", "Thanks", "Here it is", "Got it"];
  const batch = texts.map((text, index) => {
    const update = withId(index + 1, message(group(), index % 2 ? client : specialist, text));
    return { updateId: update.update_id, payload: update, drafts: describeUpdate(update) };
  });
  await correspondence.ingest(batch, 1_790_000_000_000);
  const chat = await new ChatRepository(database.orm).findByTelegramId(group().id);
  database.close();
  return { path, chatId: chat!.id };
}

describe("npm run verify", () => {
  it("reports an intact chain and exits 0", async () => {
    const { path, chatId } = await databaseWithConversation();
    const result = runVerify("--chat", String(chatId), "--database", path);
    expect(result.stdout).toMatch(
      new RegExp(
        `chat ${chatId} \\(Telegram ${group().id}\\): 5 events, chain intact, head [0-9a-f]{64}, 0 of 0 checkpoints hold`,
      ),
    );
    expect(result.status).toBe(0);
  });

  it("finds the chat by its Telegram id too", async () => {
    const { path } = await databaseWithConversation();
    expect(runVerify(`--chat=${group().id}`, "--database", path).status).toBe(0);
  });

  it("names the first broken sequence number after someone rewrites a message in the database", async () => {
    const { path, chatId } = await databaseWithConversation();
    const database = openDatabase(path);
    // Whoever tampers has to get past the append-only triggers first.
    database.sqlite.exec(`
      DROP TRIGGER events_reject_update;
      UPDATE events SET line = replace(line, 'Sending tomorrow', 'Sent yesterday') WHERE seq = 2;`);
    database.close();
    const result = runVerify("--chat", String(chatId), "--database", path);
    expect(result.stdout).toContain(`chain BROKEN at sequence 2: the line's SHA-256 differs from its recorded hash`);
    expect(result.status).toBe(1);
  });

  it("holds each checkpoint to the root of the events before it, and names one taken from a wrong frontier", async () => {
    const { path, chatId } = await databaseWithConversation();
    const database = openDatabase(path);
    const correspondence = new CorrespondenceRepository(database.orm);
    const checkpoints = new CheckpointRepository(
      database.orm,
      correspondence,
      new OutboxRepository(database.orm, correspondence),
    );
    const chat = (await new ChatRepository(database.orm).findById(chatId))!;
    await checkpoints.take({ chat, messageKey: "checkpoint:1", at: 1_790_000_001_000 });
    database.sqlite.exec("update chain_frontiers set subtrees = zeroblob(length(subtrees))");
    await checkpoints.take({ chat, messageKey: "checkpoint:2", at: 1_790_000_002_000 });
    database.close();

    const result = runVerify("--chat", String(chatId), "--database", path);
    expect(result.stdout).toContain("7 events, chain intact");
    expect(result.stdout).toContain("1 of 2 checkpoints hold");
    expect(result.stdout).toMatch(
      /checkpoint at sequence 7 does NOT hold: it records root [0-9a-f]{64}, the log's is [0-9a-f]{64}/,
    );
    expect(result.status).toBe(1);
  });

  it("explains its usage when the chat is unknown or missing", async () => {
    const { path } = await databaseWithConversation();
    const unknown = runVerify("--chat", "999", "--database", path);
    expect(unknown.stderr).toContain("no chat with id 999");
    expect(unknown.status).toBe(2);
    expect(runVerify("--database", path).stderr).toContain("usage: npm run verify -- --chat=");
  });
});
