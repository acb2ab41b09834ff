import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, Update } from "grammy/types";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { startBotProcess, type BotProcess } from "../support/bot-process.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { TOKEN } from "../support/harness.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";
import { botAdded, client, edit, group, message, specialist } from "../support/updates.js";

const CHATS = Array.from({ length: 20 }, (_, index) => group(-1001000000100 - index, `Client ${index + 1}`));
const MESSAGES = 3000;
const EDITS = 200;
const COMMANDS = ["help", "rules"] as const;
/** Each step of the stream: this many messages, then edits of messages already answered 200, and commands. */
const STEPS = 30;
const EDITS_PER_STEP = 8;
const COMMANDS_PER_STEP = 4;

let telegram: FakeBotApi | undefined;
let database: ScratchPostgres | undefined;
const processes = new Set<BotProcess>();
const everyProcess: BotProcess[] = [];
afterEach(async ({ task }) => {
  if (task.result?.state === "fail") {
    for (const bot of everyProcess) console.log(`regbot process ${bot.child.pid}:\n${bot.output().slice(-3000)}`);
  }
  everyProcess.length = 0;
  for (const bot of processes) bot.child.kill("SIGKILL");
  await Promise.all([...processes].map((bot) => bot.exited));
  processes.clear();
  await telegram?.close();
  await database?.drop();
  telegram = undefined;
  database = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): BotProcess {
  const bot = startBotProcess({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram!.apiRoot,
    DATABASE_URL: database!.url,
    // Where the signing key lies; the records are in PostgreSQL.
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), "regbot-e2e-postgres-")), "regbot.sqlite"),
    LOG_LEVEL: "warn",
    ...env,
  });
  processes.add(bot);
  everyProcess.push(bot);
  return bot;
}

async function kill(bot: BotProcess): Promise<void> {
  bot.child.kill("SIGKILL");
  expect(await bot.exited).toBe("SIGKILL");
  processes.delete(bot);
}

async function stopAll(): Promise<void> {
  for (const bot of processes) bot.child.kill("SIGTERM");
  for (const bot of processes) expect(await bot.exited, bot.output()).toBe(0);
  processes.clear();
}

async function query<Row>(sql: string): Promise<Row[]> {
  const connection = new pg.Client({ connectionString: database!.url });
  await connection.connect();
  try {
    return (await connection.query(sql)).rows as Row[];
  } finally {
    await connection.end();
  }
}

async function count(sql: string): Promise<number> {
  const [row] = await query<{ n: string }>(sql);
  return Number(row!.n);
}

function health(port: number): Promise<{ polling?: string; sending?: string } | undefined> {
  return new Promise((resolve) => {
    get({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      response.on("end", () => resolve(response.statusCode === 200 ? JSON.parse(body) : undefined));
    }).on("error", () => resolve(undefined));
  });
}

async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What the stream pushed to Telegram, by kind. */
interface Pushed {
  messages: number[];
  edits: number[];
  commands: Update[];
}

/**
 * 3,000 messages across the chats, and edits of messages Telegram already had answered 200 (or
 * confirmed through getUpdates), and commands, pushed in steps while `during(step)` disturbs.
 */
async function stream(fake: FakeBotApi, during: (step: number) => Promise<void>): Promise<Pushed> {
  const pushed: Pushed = { messages: [], edits: [], commands: [] };
  const originals = new Map<number, Omit<Update, "update_id">>();
  const edited = new Set<number>();
  let sent = 0;
  for (let step = 0; step < STEPS; step += 1) {
    const batch = Array.from({ length: MESSAGES / STEPS }, () => {
      const index = sent++;
      return message(CHATS[index % CHATS.length]!, index % 2 ? client : specialist, `message ${index}`);
    });
    fake.pushUpdates(batch).forEach((update, index) => {
      pushed.messages.push(update.update_id);
      originals.set(update.update_id, batch[index]!);
    });
    const confirmed = confirmedUpdates(fake);
    const editable = [...originals.keys()].filter((id) => confirmed.has(id) && !edited.has(id));
    for (const id of editable.slice(0, Math.min(EDITS_PER_STEP, EDITS - pushed.edits.length))) {
      edited.add(id);
      pushed.edits.push(fake.pushUpdate(edit(originals.get(id)!, `edited ${id}`)).update_id);
    }
    for (let index = 0; index < COMMANDS_PER_STEP; index += 1) {
      const chat = CHATS[(step * COMMANDS_PER_STEP + index) % CHATS.length]!;
      const command = COMMANDS[index % COMMANDS.length]!;
      const text = `/${command}`;
      pushed.commands.push(
        fake.pushUpdate(
          message(chat, specialist, text, { entities: [{ type: "bot_command", offset: 0, length: text.length }] }),
        ),
      );
    }
    await during(step);
    await sleep(100);
  }
  // Edits still owed: of messages confirmed by now.
  while (pushed.edits.length < EDITS) {
    const confirmed = confirmedUpdates(fake);
    const id = [...originals.keys()].find((candidate) => confirmed.has(candidate) && !edited.has(candidate));
    if (id === undefined) {
      await sleep(50);
      continue;
    }
    edited.add(id);
    pushed.edits.push(fake.pushUpdate(edit(originals.get(id)!, `edited ${id}`)).update_id);
  }
  return pushed;
}

/** Updates Telegram holds as delivered: answered 200 by a webhook, or confirmed by a later getUpdates offset. */
function confirmedUpdates(fake: FakeBotApi): Set<number> {
  const confirmed = new Set(
    fake.webhookDeliveries.filter((delivery) => delivery.status === 200).map((delivery) => delivery.updateId),
  );
  const offsets = fake.callsTo("getUpdates").map((call) => Number(call.params.offset ?? 0));
  const highest = Math.max(0, ...offsets);
  for (let id = 1000; id < highest; id += 1) confirmed.add(id);
  return confirmed;
}

/** Everything handled and every answer out: Telegram's queue, the inbox and the outbox all empty. */
async function settled(fake: FakeBotApi, commands: number): Promise<void> {
  const state = async () => ({
    atTelegram: fake.pendingUpdates(),
    inboxPending: await count("select count(*) as n from inbox_updates where state = 'pending'"),
    outboxUnsent: await count("select count(*) as n from outbox where state in ('pending', 'sending')"),
    replies: fake.sent.filter((sent) => sent.reply_to_message !== undefined).length,
  });
  const done = (now: Awaited<ReturnType<typeof state>>) =>
    now.atTelegram === 0 && now.inboxPending === 0 && now.outboxUnsent === 0 && now.replies >= commands;
  await eventually(async () => done(await state()), 90_000, "every update handled and every answer sent").catch(
    async (error: unknown) => {
      throw new Error(`${String(error)}; still: ${JSON.stringify(await state())} (${commands} commands)`);
    },
  );
}

/** Every message and edit stored once, every chain intact, every command answered once, nothing sent twice. */
async function expectNothingLostOrDoubled(fake: FakeBotApi, pushed: Pushed): Promise<void> {
  const sources = async (kind: string) =>
    (await query<{ source: string }>(`select source from events where kind = '${kind}'`)).map((row) => row.source);
  const messageSources = await sources("message");
  const expectedMessages = [...pushed.messages, ...pushed.commands.map((update) => update.update_id)];
  expect(messageSources).toHaveLength(expectedMessages.length);
  expect(new Set(messageSources)).toEqual(new Set(expectedMessages.map((id) => `update:${id}`)));
  const editSources = await sources("edit");
  expect(editSources).toHaveLength(EDITS);
  expect(new Set(editSources)).toEqual(new Set(pushed.edits.map((id) => `update:${id}`)));

  const verification = spawnSync(
    process.execPath,
    ["dist/src/cli/verify.js", "--all", "--database-url", database!.url],
    { encoding: "utf8" },
  );
  expect(verification.stdout.match(/chain intact/g), verification.stdout + verification.stderr).toHaveLength(
    CHATS.length,
  );
  expect(verification.status).toBe(0);

  for (const command of pushed.commands) {
    const { chat, message_id } = command.message!;
    const answers = fake.sent.filter(
      (sent) => sent.chat.id === chat.id && sent.reply_to_message?.message_id === message_id,
    );
    expect(answers, `answers to ${command.message!.text} (update ${command.update_id})`).toHaveLength(1);
  }
  const seen = new Map<string, Message>();
  for (const sent of fake.sent) {
    const key = JSON.stringify([sent.chat.id, sent.reply_to_message?.message_id, sent.text]);
    expect(seen.get(key), `sent twice: ${key}`).toBeUndefined();
    seen.set(key, sent);
  }
  expect(fake.unimplemented).toEqual([]);
  expect(fake.internalErrors).toEqual([]);
}

describe("two regbot processes polling on PostgreSQL, the poller killed mid-stream", () => {
  it("the other takes over polling and nothing is lost or doubled", async () => {
    telegram = await startFakeBotApi({ token: TOKEN });
    database = await freshPostgresDatabase();
    const fake = telegram;
    const ports = await Promise.all([freePort(), freePort()]);
    const pollingEnv = (port: number) => ({ BOT_MODE: "polling", POLL_TIMEOUT_SECONDS: "1", PORT: String(port) });
    const bots = ports.map((port) => start(pollingEnv(port)));
    await eventually(
      async () => (await Promise.all(ports.map(health))).filter((report) => report?.polling === "leader").length === 1,
      30_000,
      "one of two processes polling",
    );
    fake.pushUpdates(CHATS.map((chat) => botAdded(chat, specialist, "administrator")));

    let killedAt = 0;
    let survivor = -1;
    const pushed = await stream(fake, async (step) => {
      if (step !== 8) return;
      const reports = await Promise.all(ports.map(health));
      const poller = reports.findIndex((report) => report?.polling === "leader");
      survivor = 1 - poller;
      killedAt = Date.now();
      await kill(bots[poller]!);
    });
    const takenOverAt = await eventually(
      async () => (await health(ports[survivor]!))?.polling === "leader" && Date.now(),
      30_000,
      "the survivor leading polling",
    );
    expect(takenOverAt - killedAt).toBeLessThan(30_000);
    await settled(fake, pushed.commands.length);
    await stopAll();
    await expectNothingLostOrDoubled(fake, pushed);
  }, 120_000);
});
