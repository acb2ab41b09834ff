import type { Update } from "grammy/types";
import { Scheduler } from "../src/scheduler/scheduler.js";
import { DUE_AT, DUE_JOBS_PER_CHAT, SPECIALIST, seedAgency, telegramChatIdOf } from "./scale-agency.js";
import {
  benchBot,
  count,
  databaseMegabytes,
  HOUR,
  medianOf,
  silent,
  startRegbotOn,
  textUpdate,
  timed,
  withDatabaseFile,
  withOpenDatabase,
} from "./scale-support.js";

/** What an agency of `chats` client chats costs: its database, the scheduler, a restart, `/chats`. */
export interface AgencyPoint {
  chats: number;
  databaseMb: number;
  /** One tick with nothing due. */
  idleTickMs: number;
  /** One tick with every chat's conduct jobs due at once, per job. */
  dueJobMs: number;
  dueJobs: number;
  /** `startRegbot` with nothing waiting, until it polls. */
  startupMs: number;
  /** Unhandled updates handled during a start, per second. */
  backlogPerSecond: number;
  backlogUpdates: number;
  /** `/chats` for the specialist who is in every chat: the first page. */
  chatsMs: number;
  chatsButtons: number;
  chatsCharacters: number;
  /** Growth of the resident set from before seeding to the end of this size's measurements. */
  rssGrowthMb: number;
}

const BACKLOG = Number(process.env.BENCH_SCALE_BACKLOG ?? 10_000);
/** Nothing is due an hour before the jobs. */
const QUIET = DUE_AT - 3 * HOUR;

export async function measureAgency(chats: number): Promise<AgencyPoint> {
  const rssBefore = process.memoryUsage().rss;
  return withDatabaseFile(`agency-${chats}`, async (path) => {
    const databaseMb = await withOpenDatabase(path, (database) => {
      seedAgency(database, chats);
      return databaseMegabytes(database, path);
    });
    const idleTickMs = await withOpenDatabase(path, async (database) => {
      const { repositories, jobHandlers } = benchBot(database, () => QUIET);
      const scheduler = new Scheduler({
        jobs: repositories.jobs,
        handlers: jobHandlers,
        clock: () => QUIET,
        logger: silent,
        onMessagesPosted: () => undefined,
      });
      scheduler.markCaughtUp();
      await scheduler.idle();
      return medianOf(5, () => scheduler.tick());
    });
    const chatList = await withOpenDatabase(path, (database) => measureChatList(database, chats));
    const startup = await startRegbotOn(path, () => QUIET);
    await startup.stop();
    const due = await withOpenDatabase(path, (database) => measureDueTick(database, chats));
    const backlogPerSecond = await measureBacklog(path, chats);
    return {
      chats,
      databaseMb,
      idleTickMs,
      dueJobMs: due.ms / due.jobs,
      dueJobs: due.jobs,
      startupMs: startup.startMs,
      backlogPerSecond,
      backlogUpdates: BACKLOG,
      ...chatList,
      rssGrowthMb: (process.memoryUsage().rss - rssBefore) / 2 ** 20,
    };
  });
}

/** `/chats` in the specialist's private chat; the reply is checked against Telegram's limits. */
async function measureChatList(
  database: Parameters<typeof benchBot>[0],
  chats: number,
): Promise<Pick<AgencyPoint, "chatsMs" | "chatsButtons" | "chatsCharacters">> {
  const bot = benchBot(database, () => QUIET);
  const privateChat = { id: SPECIALIST.id, type: "private" as const };
  const chatsMs = await medianOf(5, (round) =>
    bot.handle(textUpdate(900_000 + round, privateChat, SPECIALIST, "/chats", QUIET)),
  );
  const reply = bot.requests.findLast((request) => request.method === "sendMessage");
  if (reply === undefined) throw new Error(`/chats in ${chats} chats sent no reply`);
  const keyboard = (reply.body.reply_markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard ?? [];
  const chatsButtons = keyboard.flat().length;
  if (chatsButtons === 0) throw new Error(`/chats in ${chats} chats showed no chat`);
  return { chatsMs, chatsButtons, chatsCharacters: String(reply.body.text).length };
}

/** Every chat's warning, breach and overdue notice due at once: one tick through the real handlers. */
async function measureDueTick(
  database: Parameters<typeof benchBot>[0],
  chats: number,
): Promise<{ ms: number; jobs: number }> {
  const now = DUE_AT + 60_000;
  const { repositories, jobHandlers } = benchBot(database, () => now);
  const scheduler = new Scheduler({
    jobs: repositories.jobs,
    handlers: jobHandlers,
    clock: () => now,
    logger: silent,
    onMessagesPosted: () => undefined,
  });
  const jobs = chats * DUE_JOBS_PER_CHAT;
  const ms = await timed(async () => {
    scheduler.markCaughtUp();
    await scheduler.idle();
  });
  const done = count(database, "SELECT count(*) AS n FROM jobs WHERE state = 'done' AND due_at <= ?", now);
  const breaches = count(
    database,
    "SELECT count(*) AS n FROM response_windows WHERE state = 'breached' AND breached_at IS NOT NULL",
  );
  if (done !== jobs || breaches !== chats)
    throw new Error(`the due tick ran ${done} of ${jobs} jobs and recorded ${breaches} of ${chats} breaches`);
  return { ms, jobs };
}

/**
 * Group messages stored before a stop and never handled: the next start handles them before it
 * polls. Against a start with nothing waiting just before it (the first start also schedules every
 * chat's recurring jobs, which took longer than the backlog at 10,000 chats).
 */
async function measureBacklog(path: string, chats: number): Promise<number> {
  const quiet = await startRegbotOn(path, () => QUIET);
  await quiet.stop();
  await withOpenDatabase(path, async (database) => {
    const { inbox } = benchBot(database, () => QUIET);
    const updates: Update[] = Array.from({ length: BACKLOG }, (_, index) => {
      const chat = (index % chats) + 1;
      const from = index % 2 === 0 ? { id: 600_000 + chat, first_name: "Iván" } : SPECIALIST;
      const text = index % 2 === 0 ? `Is the report for week ${index} ready?` : "Yes, it is in the shared folder.";
      return textUpdate(
        2_000_000 + index,
        { id: telegramChatIdOf(chat), type: "supergroup", title: `Client ${chat}` },
        from,
        text,
        QUIET,
      );
    });
    for (let from = 0; from < updates.length; from += 100) await inbox.store(updates.slice(from, from + 100));
  });
  const restart = await startRegbotOn(path, () => QUIET);
  await restart.stop();
  const left = await withOpenDatabase(path, (database) =>
    count(database, "SELECT count(*) AS n FROM inbox_updates WHERE state = 'pending'"),
  );
  if (left > 0) throw new Error(`the restart left ${left} of ${BACKLOG} updates unhandled`);
  const backlogMs = restart.startMs - quiet.startMs;
  if (backlogMs <= 0)
    throw new Error(
      `the restart with ${BACKLOG} updates waiting (${restart.startMs} ms) was no slower than one with none (${quiet.startMs} ms): raise BENCH_SCALE_BACKLOG`,
    );
  return BACKLOG / (backlogMs / 1000);
}
