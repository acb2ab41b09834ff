import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startBotProcess, type BotProcess } from "../support/bot-process.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { TOKEN } from "../support/harness.js";
import { botAdded, client, group, message, specialist } from "../support/updates.js";

const chat = group(-1001000000009, "Acme");
let telegram: FakeBotApi | undefined;
let bot: BotProcess | undefined;
let mountedAt: string | undefined;
afterEach(async () => {
  bot?.child.kill("SIGKILL");
  await bot?.exited;
  await telegram?.close();
  if (mountedAt !== undefined) spawnSync("umount", ["-l", mountedAt]);
  bot = undefined;
  telegram = undefined;
  mountedAt = undefined;
});

/** Writes zeros until the filesystem refuses: the disk is full. */
function fillUp(path: string): void {
  const descriptor = openSync(path, "w");
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(descriptor, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(descriptor);
  }
}

function stored(databasePath: string) {
  const database = new BetterSqlite3(databasePath, { readonly: true });
  try {
    return {
      messages: (
        database.prepare("select text from events where kind = 'message' order by seq").all() as { text: string }[]
      ).map((row) => row.text),
      pending: (
        database.prepare("select count(*) as n from inbox_updates where state = 'pending'").get() as { n: number }
      ).n,
      stops: (database.prepare("select count(*) as n from runs where stopped_at is not null").get() as { n: number }).n,
    };
  } finally {
    database.close();
  }
}

describe("the real bot process on a full disk", () => {
  it("keeps running, confirms no update it could not store, says so once, and catches up when space returns", async (context) => {
    const folder = mkdtempSync(join(tmpdir(), "regbot-full-"));
    // A small filesystem of its own, so filling it harms nothing else (needs root, as on CI).
    const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", folder], { encoding: "utf8" });
    if (mount.status !== 0)
      return context.skip(
        `cannot mount a small tmpfs to fill (${(mount.stderr || mount.error?.message || "").trim()}); run as root`,
      );
    mountedAt = folder;
    telegram = await startFakeBotApi({ token: TOKEN });
    const databasePath = join(folder, "regbot.sqlite");
    bot = startBotProcess({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_PATH: databasePath,
      POLL_TIMEOUT_SECONDS: "1",
      LOG_LEVEL: "info",
    });
    telegram.pushUpdate(botAdded(chat, specialist, "administrator"));
    await telegram.waitFor(() => telegram!.sentTo(chat.id).length >= 1, 20_000);

    fillUp(join(folder, "filler"));
    const texts = Array.from({ length: 40 }, (_, index) => `message ${index} ${"x".repeat(2_000)}`);
    for (const text of texts) telegram.pushUpdate(message(chat, index(text) % 2 ? client : specialist, text));
    // grammY asks again every 3 s; let it fail a few times.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    expect(bot.child.exitCode).toBeNull();
    expect(telegram.pendingUpdates()).toBeGreaterThan(0);
    const refusals = bot
      .output()
      .split("\n")
      .filter((line) => line.includes("could not store updates"));
    expect(refusals).toHaveLength(1);

    rmSync(join(folder, "filler"));
    await telegram.waitFor(() => telegram!.pendingUpdates() === 0 && stored(databasePath).pending === 0, 30_000);
    expect(stored(databasePath).messages).toEqual(texts);
    expect(bot.output()).toContain('"msg":"updates are stored again"');

    // A reply Telegram keeps refusing with 500s is being retried when the disk fills up again.
    telegram.failNext("sendMessage", { kind: "500" }, 1_000);
    const before = telegram.sentTo(chat.id).length;
    telegram.pushUpdate(message(chat, client, "/rules", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }));
    await telegram.waitFor(
      () => telegram!.callsTo("sendMessage").filter((call) => call.status === 500).length >= 1,
      20_000,
    );
    const logBefore = bot.output().length;
    fillUp(join(folder, "filler"));
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    // When the outbox's retry meets the full disk (SQLite may still reuse its log's space), it says so once and waits.
    expect(
      bot
        .output()
        .slice(logBefore)
        .split("\n")
        .filter((line) => line.includes("cannot write to the database")).length,
    ).toBeLessThanOrEqual(1);
    expect(bot.child.exitCode).toBeNull();
    rmSync(join(folder, "filler"));
    telegram.clearFaults("sendMessage");
    const rulesReplies = () =>
      telegram!
        .sentTo(chat.id)
        .slice(before)
        .filter((sent) => sent.text?.startsWith("Reglamento de este chat"));
    await telegram.waitFor(() => rulesReplies().length >= 1, 90_000);
    expect(rulesReplies()).toHaveLength(1);
    expect(bot.output()).not.toMatch(/"level":60/);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(stored(databasePath).stops).toBe(1);
    bot = undefined;
  }, 180_000);
});

function index(text: string): number {
  return Number(text.split(" ")[1]);
}
