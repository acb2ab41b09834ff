import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startBotProcess, type BotProcess } from "../support/bot-process.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { TOKEN } from "../support/harness.js";
import { botAdded, client, group, message, specialist } from "../support/updates.js";

const MESSAGES = 3000;
const CHATS = [group(-1001000000001, "Acme"), group(-1001000000002, "Globex"), group(-1001000000003, "Initech")];

let telegram: FakeBotApi;
let bot: BotProcess | undefined;
afterEach(async () => {
  bot?.child.kill("SIGKILL");
  await bot?.exited;
  await telegram?.close();
});

function botEnv(databasePath: string): Record<string, string> {
  return {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_PATH: databasePath,
    POLL_TIMEOUT_SECONDS: "1",
    LOG_LEVEL: "warn",
  };
}

/** A deterministic pseudo-random sequence, so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function readStore(databasePath: string) {
  const database = new BetterSqlite3(databasePath, { readonly: true });
  try {
    return {
      messageSources: database.prepare("select source from events where kind = 'message'").all() as {
        source: string;
      }[],
      pending: (
        database.prepare("select count(*) as n from inbox_updates where state = 'pending'").get() as { n: number }
      ).n,
    };
  } finally {
    database.close();
  }
}

describe("the real bot process under SIGKILL", () => {
  it("stores every message exactly once in a chain that verifies, however often it is killed", async () => {
    telegram = await startFakeBotApi({ token: TOKEN });
    const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-e2e-")), "regbot.sqlite");
    const random = seededRandom(Number(process.env.REGBOT_E2E_SEED ?? 20261127));
    telegram.pushUpdates(CHATS.map((chat) => botAdded(chat, specialist, "administrator")));

    const pushed: number[] = [];
    const pushMessages = async () => {
      for (let index = 0; index < MESSAGES; index += 25) {
        const batch = Array.from({ length: 25 }, (_, offset) => {
          const chat = CHATS[(index + offset) % CHATS.length]!;
          return message(chat, (index + offset) % 2 ? client : specialist, `message ${index + offset}`);
        });
        pushed.push(...telegram.pushUpdates(batch).map((update) => update.update_id));
        await new Promise((resolve) => setTimeout(resolve, 12));
      }
    };
    const streaming = pushMessages();

    let kills = 0;
    let killsWithUpdatesInFlight = 0;
    bot = startBotProcess(botEnv(databasePath));
    while (kills < 8) {
      await new Promise((resolve) => setTimeout(resolve, 250 + random() * 300));
      if (telegram.pendingUpdates() > 0) killsWithUpdatesInFlight += 1;
      bot.child.kill("SIGKILL");
      expect(await bot.exited).toBe("SIGKILL");
      kills += 1;
      bot = startBotProcess(botEnv(databasePath));
    }
    await streaming;
    // The kills must land while there was unconfirmed work, or this test proves nothing.
    expect(killsWithUpdatesInFlight).toBeGreaterThanOrEqual(4);
    await telegram.waitFor(() => telegram.pendingUpdates() === 0 && readStore(databasePath).pending === 0, 30_000);
    await telegram.waitFor(() => telegram.isLongPollHeld());
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    bot = undefined;

    const sources = readStore(databasePath).messageSources.map((row) => row.source);
    expect(sources).toHaveLength(MESSAGES);
    expect(new Set(sources)).toEqual(new Set(pushed.map((updateId) => `update:${updateId}`)));
    const verification = spawnSync(process.execPath, ["dist/src/cli/verify.js", "--all", "--database", databasePath], {
      encoding: "utf8",
    });
    expect(verification.stdout.match(/chain intact/g)).toHaveLength(CHATS.length);
    expect(verification.status).toBe(0);
  }, 120_000);
});

describe("the real bot process", () => {
  it("stops cleanly on SIGTERM, and a second process on the same database refuses to run", async () => {
    telegram = await startFakeBotApi({ token: TOKEN });
    const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-e2e-")), "regbot.sqlite");
    bot = startBotProcess({ ...botEnv(databasePath), LOG_LEVEL: "info" });
    // Loading the modules alone takes 4-5 s on the shared machine under load.
    await telegram.waitFor(() => telegram.isLongPollHeld(), 15_000);

    const second = startBotProcess(botEnv(databasePath));
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`regbot: another regbot process is already using ${databasePath}`);

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('"msg":"regbot stopped"');
    bot = undefined;
  }, 30_000);

  it("stops on SIGTERM while Telegram cannot be reached, and records the run as stopped", async () => {
    // Every connection is cut at once: grammY retries getMe for as long as that goes on.
    let attempts = 0;
    const unreachable = createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => unreachable.listen(0, "127.0.0.1", resolve));
    const { port } = unreachable.address() as AddressInfo;
    const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-e2e-")), "regbot.sqlite");
    try {
      bot = startBotProcess({
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
        DATABASE_PATH: databasePath,
        LOG_LEVEL: "info",
      });
      await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 50 });

      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
      expect(bot.output()).toContain('"msg":"regbot stopped before Telegram answered"');
      const database = new BetterSqlite3(databasePath, { readonly: true });
      const runs = database.prepare("select stopped_at from runs").all() as { stopped_at: number | null }[];
      database.close();
      expect(runs).toHaveLength(1);
      expect(runs[0]!.stopped_at).not.toBeNull();
      bot = undefined;
    } finally {
      unreachable.close();
    }
  }, 30_000);

  it("refuses to start without BOT_TOKEN, naming the variable in one line", async () => {
    telegram = await startFakeBotApi({ token: TOKEN });
    const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-e2e-")), "regbot.sqlite");
    const { BOT_TOKEN: _omitted, ...withoutToken } = botEnv(databasePath);
    bot = startBotProcess(withoutToken);
    expect(await bot.exited).toBe(78);
    expect(bot.output().trim()).toBe(
      "regbot: BOT_TOKEN is missing: expected the token from @BotFather, like 123456789:AAH...",
    );
    bot = undefined;
  });
});
