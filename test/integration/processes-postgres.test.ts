import { mkdtempSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningRegbot, startRegbot } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";
import { TOKEN } from "../support/harness.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";
import { botAdded, client, group, message, specialist, withId } from "../support/updates.js";

const WEBHOOK_ENV = { BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.com/hook", WEBHOOK_SECRET: "s3cret" };
const NO_SENDING_LIMITS = {
  perChatIntervalMs: 0,
  groupWindowMs: 0,
  groupMessagesPerWindow: Infinity,
  globalWindowMs: 0,
  globalMessagesPerWindow: Infinity,
};

/** Several regbot processes (here: instances in one test process) on one PostgreSQL database and one fake Telegram. */
interface Deployment {
  telegram: FakeBotApi;
  database: ScratchPostgres;
  instances: RunningRegbot[];
  logs: string[];
  start(env?: Record<string, string>): Promise<RunningRegbot>;
  query<T>(sql: string): Promise<T[]>;
}

let deployment: Deployment | undefined;
afterEach(async () => {
  if (deployment === undefined) return;
  for (const instance of deployment.instances) await instance.stop();
  await deployment.telegram.close();
  await deployment.database.drop();
  expect(deployment.logs.filter((line) => line.startsWith("FATAL"))).toEqual([]);
  deployment = undefined;
});

async function deploy(): Promise<Deployment> {
  const telegram = await startFakeBotApi({ token: TOKEN });
  const database = await freshPostgresDatabase();
  const databasePath = join(mkdtempSync(join(tmpdir(), "regbot-processes-")), "regbot.sqlite");
  const logs: string[] = [];
  const instances: RunningRegbot[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString("utf8"));
      done();
    },
  });
  return {
    telegram,
    database,
    instances,
    logs,
    async start(env = {}) {
      const config = parseConfig({
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DATABASE_URL: database.url,
        DATABASE_PATH: databasePath,
        POLL_TIMEOUT_SECONDS: "1",
        LOG_LEVEL: "info",
        ...env,
      });
      const instance = await startRegbot(config, {
        clock: Date.now,
        schedulerTick: "0 0 1 1 *",
        rateLimits: NO_SENDING_LIMITS,
        logger: createLogger(config.logLevel, [], logStream),
        onFatal: (error) => logs.push(`FATAL ${String(error)}`),
        leadershipRetryMs: 100,
      });
      instances.push(instance);
      return instance;
    },
    async query<T>(sql: string) {
      const connection = new pg.Client({ connectionString: database.url });
      await connection.connect();
      try {
        return (await connection.query(sql)).rows as T[];
      } finally {
        await connection.end();
      }
    },
  };
}

/** POSTs an update to one instance's webhook, as Telegram (or a load balancer in front of the instances) does. */
function deliver(instance: RunningRegbot, update: Update): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: "127.0.0.1",
        port: instance.httpPort,
        path: "/hook",
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_ENV.WEBHOOK_SECRET },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(JSON.stringify(update));
  });
}

function health(instance: RunningRegbot): Promise<{ polling?: string; sending?: string }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port: instance.httpPort, path: "/healthz", agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    })
      .on("error", reject)
      .end();
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const helpCommand = { entities: [{ type: "bot_command" as const, offset: 0, length: 5 }] };

describe("several regbot processes on one PostgreSQL database", () => {
  it("handles one chat's updates in order and once each, whichever process received them", async () => {
    deployment = await deploy();
    const { telegram } = deployment;
    const first = await deployment.start({ ...WEBHOOK_ENV, PORT: "0" });
    const second = await deployment.start({ ...WEBHOOK_ENV, PORT: "0" });
    expect([await health(first), await health(second)]).toEqual([
      expect.objectContaining({ sending: "leader" }),
      expect.objectContaining({ sending: "follower" }),
    ]);

    const chat = group();
    const updates = [
      withId(100, botAdded(chat, specialist, "administrator")),
      ...Array.from({ length: 8 }, (_, index) => withId(101 + index, message(chat, client, "/help", helpCommand))),
    ];
    // One request at a time (Telegram may send several at once: then the order is update_id order among those stored).
    for (const [index, update] of updates.entries())
      expect(await deliver(index % 2 === 0 ? first : second, update)).toBe(200);

    const helpAnswers = await telegram.waitFor(() => {
      const answers = telegram.sentTo(chat.id).filter((reply) => reply.reply_to_message !== undefined);
      return answers.length >= updates.length - 1 && answers;
    });
    expect(helpAnswers.map((reply) => reply.reply_to_message?.message_id)).toEqual(
      updates.slice(1).map((update) => update.message!.message_id),
    );
    expect(telegram.callsTo("sendMessage")).toHaveLength(telegram.sentTo(chat.id).length);
    const handled = await deployment.query<{ key: string; state: string }>(
      "select key, state from inbox_updates order by key",
    );
    expect(handled.map((row) => [Number(row.key), row.state])).toEqual(
      updates.map((update) => [update.update_id, "done"]),
    );
    // The chat's replies were queued in the order of its updates, whichever process handled them.
    const outbox = await deployment.query<{ dedupe_key: string }>(
      "select dedupe_key from outbox where dedupe_key like 'update:%' order by id",
    );
    const answered = outbox.map((row) => Number(row.dedupe_key.split(":")[1]));
    expect(answered.filter((key, index) => key !== answered[index - 1])).toEqual(
      updates.map((update) => update.update_id),
    );
  }, 60_000);

  it("lets another process poll once the polling leader stops", async () => {
    deployment = await deploy();
    const { telegram } = deployment;
    const first = await deployment.start({ PORT: "0" });
    const second = await deployment.start({ PORT: "0" });
    expect([await health(first), await health(second)]).toEqual([
      expect.objectContaining({ polling: "leader", sending: "leader" }),
      expect.objectContaining({ polling: "follower", sending: "follower" }),
    ]);
    const chat = group();
    telegram.pushUpdate(botAdded(chat, specialist, "administrator"));
    await telegram.waitFor(() => telegram.sentTo(chat.id).length === 1);

    await first.stop();
    deployment.instances.splice(0, 1);
    await eventually(async () => (await health(second)).polling === "leader");
    telegram.pushUpdate(message(chat, client, "/help", helpCommand));
    await telegram.waitFor(() => telegram.sentTo(chat.id).length === 2);
    expect(await health(second)).toEqual(expect.objectContaining({ polling: "leader", sending: "leader" }));
  }, 60_000);
});
