import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeUpdate } from "../../src/records/describe-update.js";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { openDatabase } from "../../src/db/database.js";
import { OutboxRepository } from "../../src/db/outbox-repository.js";
import { RegulationRepository } from "../../src/db/regulation-repository.js";
import { RolesRepository } from "../../src/db/roles-repository.js";
import { defaultRegulation } from "../../src/domain/regulation/regulation.js";
import { client, edit, group, message, specialist, withId } from "../support/updates.js";

/** A chat's history in a database of its own, and the export and checker CLIs run on it. */
export const DAY1 = Date.parse("2026-11-02T09:00:00Z");
export const DAY2 = Date.parse("2026-11-03T09:00:00Z");

export function run(script: string, ...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
}

/** A client and a specialist talk over two days; the specialist edits a promise, the client tries a script tag. */
export async function chatHistory(): Promise<{ path: string; chatId: number }> {
  const path = join(mkdtempSync(join(tmpdir(), "regbot-export-")), "regbot.sqlite");
  const database = openDatabase(path);
  const correspondence = new CorrespondenceRepository(database.orm);
  const ingest = (updateId: number, update: ReturnType<typeof message>, at: number) =>
    correspondence.ingest(
      [{ updateId, payload: withId(updateId, update), drafts: describeUpdate(withId(updateId, update)) }],
      at,
    );
  await ingest(1, message(group(), client, "Hi! Access to the ad account?"), DAY1);
  const promise = message(group(), specialist, "Sending tomorrow", {
    entities: [{ type: "bold", offset: 8, length: 8 }],
  });
  await ingest(2, promise, DAY1 + 60_000);
  const edited = edit(promise, "Sending next week");
  delete edited.edited_message!.entities;
  await ingest(3, edited, DAY1 + 120_000);
  const chatId = (await new ChatRepository(database.orm).findByTelegramId(group().id))!.id;
  const chat = { telegramChatId: group().id, type: "supergroup" as const };
  await new RolesRepository(database.orm, correspondence).grant({
    chatId,
    userId: specialist.id,
    role: "specialist",
    at: DAY1 + 180_000,
    record: {
      chat,
      kind: "roles",
      source: "test:role",
      senderId: specialist.id,
      payload: { action: "grant", role: "specialist", userId: specialist.id, by: null },
    },
  });
  await new RegulationRepository(database.orm, correspondence, new OutboxRepository(database.orm, correspondence)).save(
    {
      chatId,
      regulation: defaultRegulation({ timezone: "Europe/Madrid", language: "en" }),
      changedBy: specialist.id,
      at: DAY1 + 240_000,
      record: (version) => ({
        chat,
        kind: "regulation",
        source: "test:regulation",
        payload: {
          version,
          changedBy: specialist.id,
          changes: [],
          regulation: defaultRegulation({ timezone: "Europe/Madrid", language: "en" }),
        },
      }),
    },
  );
  await ingest(4, message(group(), client, "<script>alert('pwned')</script> & thanks"), DAY2);
  await ingest(5, message(group(), specialist, "Here it is"), DAY2 + 60_000);
  database.close();
  return { path, chatId };
}

export function exportBundle(path: string, chatId: number, ...extra: string[]) {
  return run("dist/src/cli/export.js", `--chat=${chatId}`, "--database", path, ...extra);
}
