import { parseArgs } from "node:util";
import { DateTime, IANAZone } from "luxon";
import { calendarOf, regulationOf } from "../bot/shared/chat-regulation.js";
import { contractStatus, missedCallCounts } from "../bot/status/contract-status.js";
import type { Obligation } from "../db/obligation-repository.js";
import { pauseIntervals, pauseRunningAt } from "../domain/contract/cooling-pause.js";
import { stagePenalty, type LatePenalty } from "../domain/contract/penalty.js";
import { loadDotEnv } from "../config.js";
import type { Chat } from "../db/chat-repository.js";
import { inReadSnapshot } from "../db/database.js";
import type { ExportDatabase } from "../db/export-snapshot.js";
import { inPostgresReportSnapshot } from "../db/postgres/report-source.js";
import type { ReportSource } from "../db/report-source.js";
import { createRepositories } from "../db/repositories.js";
import { SUPPORTED_LANGUAGES, type Language } from "../domain/languages.js";
import { responseStatistics } from "../domain/responses/response-statistics.js";
import { outcomeOf } from "../db/window-repository.js";
import type { Rating } from "../db/rating-repository.js";
import { isLowRating } from "../domain/ratings/rating-rules.js";
import { chooseDatabase, DATABASE_OPTIONS, DATABASE_USAGE } from "./database-choice.js";

/**
 * `npm run report -- [--chat <id>] [--from YYYY-MM-DD --to YYYY-MM-DD] [--format text|json|csv]`:
 * the specialist's answers against the agreed response time, per chat, from the database opened
 * read-only (SQLite, or PostgreSQL with DATABASE_URL or --database-url). Days are the chat's
 * local days; without dates, the last 7 days. Exit 2 on bad usage.
 */
const USAGE = `usage: npm run report -- [--chat <regbot or Telegram chat id>] [--from 2026-11-01 --to 2026-11-30] [--format text|json|csv] ${DATABASE_USAGE}`;
const FORMATS = ["text", "json", "csv"] as const;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

interface ReportRow {
  chatId: number;
  telegramChatId: number;
  title: string;
  timezone: string;
  from: string;
  to: string;
  opened: number;
  answeredOnTime: number;
  breached: number;
  open: number;
  /** Closed by a specialist as needing no answer; not among the questions. */
  dismissed: number;
  /** Windows opened in the period whose late answer reached the manager. */
  escalated: number;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
  /** Plan stages done late in the period that the contract's penalty applies to, and the penalties stated. */
  stagesPenalised: number;
  penaltyPercent: number;
  penaltyAmount: number | null;
  penaltyCurrency: string | null;
  /** The confirmed payment and when work starts by it, in the chat's zone. */
  paidAt: string | null;
  workStartsAt: string | null;
  /** Calls of the period confirmed as missed, by the side that missed them. */
  missedCallsClient: number;
  missedCallsSpecialist: number;
  /** The client contact's ratings given in the period (1–5), their average, and those of 3 or less. */
  ratings: number;
  ratingAverage: number | null;
  lowRatings: number;
  /** Cooling-off pauses accepted in the period, and when the one running now ends. */
  pauses: number;
  pausedUntil: string | null;
  /** The contract's last day, whether it is over, and the requests never provided by its end. */
  contractLastDay: string | null;
  contractEnded: boolean;
  unprovidedAtEnd: number;
}

async function main(): Promise<number> {
  loadDotEnv();
  const { values } = parseArgs({
    options: {
      chat: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      format: { type: "string" },
      ...DATABASE_OPTIONS,
    },
    strict: true,
  });
  const format = values.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) return usage(`unknown format "${format}"`);
  if ((values.from === undefined) !== (values.to === undefined)) return usage("give both --from and --to, or neither");
  for (const day of [values.from, values.to])
    if (day !== undefined && !DateTime.fromISO(day).isValid) return usage(`"${day}" is not a date like 2026-11-30`);
  const choice = chooseDatabase(values);
  if (typeof choice === "string") return usage(choice);
  return inReportSnapshot(choice.database, async (repositories) => {
    const targets =
      values.chat === undefined ? await repositories.chats.allChats() : await findChat(repositories, values.chat);
    if (targets.length === 0) return usage(`no chat with id ${values.chat} in this database`);
    const now = Date.now();
    const rows = [];
    for (const chat of targets) rows.push(await reportRow(repositories, chat, values.from, values.to, now));
    console.log(format === "json" ? JSON.stringify(rows, null, 2) : format === "csv" ? toCsv(rows) : toText(rows));
    return 0;
  });
}

/** The report's reads in one read snapshot: SQLite's repositories, or PostgreSQL's readers. */
function inReportSnapshot<T>(database: ExportDatabase, work: (source: ReportSource) => Promise<T>): Promise<T> {
  if ("sqlitePath" in database)
    return inReadSnapshot(database.sqlitePath, (sqlite) => work(createRepositories(sqlite.orm)));
  return inPostgresReportSnapshot(database.postgresUrl, work);
}

async function reportRow(
  repositories: ReportSource,
  chat: Chat,
  fromDay: string | undefined,
  toDay: string | undefined,
  now: number,
): Promise<ReportRow> {
  const defaults = {
    regulations: repositories.regulations,
    defaultLanguage: defaultLanguage(),
    defaultTimezone: defaultTimezone(),
  };
  const { timezone } = (await regulationOf(defaults, chat)).regulation;
  const from =
    fromDay === undefined ? now - WEEK_MS : DateTime.fromISO(fromDay, { zone: timezone }).startOf("day").toMillis();
  const to =
    toDay === undefined ? now : DateTime.fromISO(toDay, { zone: timezone }).plus({ days: 1 }).startOf("day").toMillis();
  const windows = await repositories.windows.openedBetween(chat.id, from, to);
  const statistics = responseStatistics(windows.map(outcomeOf), Math.min(now, to));
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: timezone }).toISO({ suppressMilliseconds: true })!;
  const penalties = await penaltiesStated(repositories, chat, from, to);
  return {
    chatId: chat.id,
    telegramChatId: chat.telegramChatId,
    title: chat.title ?? "",
    timezone,
    from: local(from),
    to: local(to),
    opened: statistics.opened,
    answeredOnTime: statistics.answeredOnTime,
    breached: statistics.breached,
    open: statistics.open,
    dismissed: statistics.dismissed,
    escalated: await repositories.windows.escalatedCount(
      chat.id,
      windows.map((window) => window.id),
    ),
    medianBusinessMinutes: statistics.medianMinutes ?? null,
    p90BusinessMinutes: statistics.p90Minutes ?? null,
    stagesPenalised: penalties.length,
    penaltyPercent: penalties.reduce((total, penalty) => total + penalty.percent, 0),
    ...penaltyTotal(penalties),
    ...(await contractOf(repositories, chat, local, now)),
    ...missedCallsOf(await repositories.obligations.ofKind(chat.id, "call"), from, to),
    ...pausesOf(await repositories.obligations.ofKind(chat.id, "pause"), from, to, now, local),
    ...ratingsOf(await repositories.ratings.ratedBetween(chat.id, from, to)),
  };
}

/** The penalties stated for stages done in [from, to), each by the contract terms in force that day. */
async function penaltiesStated(
  repositories: ReportSource,
  chat: Chat,
  from: number,
  to: number,
): Promise<LatePenalty[]> {
  const defaults = {
    regulations: repositories.regulations,
    defaultLanguage: defaultLanguage(),
    defaultTimezone: defaultTimezone(),
  };
  const penalties = [];
  for (const stage of await repositories.obligations.ofKind(chat.id, "stage")) {
    if (stage.state !== "done" || stage.closedAt === null || stage.closedAt < from || stage.closedAt >= to) continue;
    const rules = await regulationOf(defaults, chat, stage.closedAt);
    const penalty = stagePenalty(rules.regulation, calendarOf(rules), stage.dueAt, stage.closedAt);
    if (penalty !== undefined) penalties.push(penalty);
  }
  return penalties;
}

function missedCallsOf(
  calls: readonly Obligation[],
  from: number,
  to: number,
): { missedCallsClient: number; missedCallsSpecialist: number } {
  const { client, specialist } = missedCallCounts(calls.filter((call) => call.dueAt >= from && call.dueAt < to));
  return { missedCallsClient: client, missedCallsSpecialist: specialist };
}

function ratingsOf(given: readonly Rating[]): Pick<ReportRow, "ratings" | "ratingAverage" | "lowRatings"> {
  const scores = given.flatMap((rating) => (rating.score === null ? [] : [rating.score]));
  return {
    ratings: scores.length,
    ratingAverage:
      scores.length === 0
        ? null
        : Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 10) / 10,
    lowRatings: scores.filter(isLowRating).length,
  };
}

function pausesOf(
  pauses: readonly Obligation[],
  from: number,
  to: number,
  now: number,
  local: (ms: number) => string,
): Pick<ReportRow, "pauses" | "pausedUntil"> {
  const running = pauseRunningAt(pauses, now);
  return {
    pauses: pauseIntervals(pauses).filter((pause) => pause.start >= from && pause.start < to).length,
    pausedUntil: running === undefined ? null : local(running.dueAt),
  };
}

/** The confirmed payment and when work starts by it, and the contract's end. */
async function contractOf(
  repositories: ReportSource,
  chat: Chat,
  local: (ms: number) => string,
  now: number,
): Promise<Pick<ReportRow, "paidAt" | "workStartsAt" | "contractLastDay" | "contractEnded" | "unprovidedAtEnd">> {
  const defaults = {
    regulations: repositories.regulations,
    defaultLanguage: defaultLanguage(),
    defaultTimezone: defaultTimezone(),
  };
  const { payment, end } = await contractStatus({ ...defaults, repositories }, chat, now);
  return {
    paidAt: payment?.workStartsAt === undefined ? null : local(payment.paidAt),
    workStartsAt: payment?.workStartsAt === undefined ? null : local(payment.workStartsAt),
    contractLastDay: end?.lastDay ?? null,
    contractEnded: end?.ended ?? false,
    unprovidedAtEnd: end?.unprovided ?? 0,
  };
}

/** The amounts add up only in one currency; a sum changed to another currency mid-way leaves the total unstated. */
function penaltyTotal(penalties: readonly LatePenalty[]): {
  penaltyAmount: number | null;
  penaltyCurrency: string | null;
} {
  const currencies = new Set(penalties.map((penalty) => penalty.currency));
  const [currency] = currencies;
  if (currencies.size !== 1 || currency === undefined) return { penaltyAmount: null, penaltyCurrency: null };
  return {
    penaltyAmount: Math.round(penalties.reduce((total, penalty) => total + (penalty.amount ?? 0), 0) * 100) / 100,
    penaltyCurrency: currency,
  };
}

function toText(rows: readonly ReportRow[]): string {
  return rows
    .map((row) =>
      [
        `chat ${row.chatId} (Telegram ${row.telegramChatId}) "${row.title}", ${row.from} – ${row.to} (${row.timezone})`,
        `  questions ${row.opened}, answered on time ${row.answeredOnTime}, breached ${row.breached}, open ${row.open}, no answer needed ${row.dismissed}, escalated to the manager ${row.escalated}`,
        `  median answer ${row.medianBusinessMinutes ?? "-"} business minutes, 90th percentile ${row.p90BusinessMinutes ?? "-"}`,
        ...(row.missedCallsClient + row.missedCallsSpecialist === 0
          ? []
          : [
              `  missed calls: ${row.missedCallsClient} by the client's side, ${row.missedCallsSpecialist} by the specialist's side`,
            ]),
        ...(row.ratings === 0
          ? []
          : [
              `  client's rating ${row.ratingAverage} of 5 on average over ${row.ratings}, ${row.lowRatings} of 3 or less`,
            ]),
        ...(row.workStartsAt === null ? [] : [`  paid ${row.paidAt}, work starts ${row.workStartsAt}`]),
        ...(row.pauses === 0 && row.pausedUntil === null
          ? []
          : [
              `  cooling-off pauses accepted: ${row.pauses}${row.pausedUntil === null ? "" : `, one running until ${row.pausedUntil}`}`,
            ]),
        ...(row.contractLastDay === null
          ? []
          : [
              `  contract ${row.contractEnded ? "ended after" : "runs until"} ${row.contractLastDay}${row.unprovidedAtEnd === 0 ? "" : `, ${row.unprovidedAtEnd} requests never provided: service counts as rendered and accepted`}`,
            ]),
        ...(row.stagesPenalised === 0
          ? []
          : [
              `  penalties stated for ${row.stagesPenalised} late stages: ${row.penaltyPercent}% of the contract sum${row.penaltyAmount === null ? "" : ` = ${row.penaltyAmount} ${row.penaltyCurrency}`}`,
            ]),
      ].join("\n"),
    )
    .join("\n");
}

const CSV_COLUMNS: ReadonlyArray<keyof ReportRow> = [
  "chatId",
  "telegramChatId",
  "title",
  "timezone",
  "from",
  "to",
  "opened",
  "answeredOnTime",
  "breached",
  "open",
  "dismissed",
  "escalated",
  "medianBusinessMinutes",
  "p90BusinessMinutes",
  "stagesPenalised",
  "penaltyPercent",
  "penaltyAmount",
  "penaltyCurrency",
  "paidAt",
  "workStartsAt",
  "missedCallsClient",
  "missedCallsSpecialist",
  "pauses",
  "pausedUntil",
  "contractLastDay",
  "contractEnded",
  "unprovidedAtEnd",
  "ratings",
  "ratingAverage",
  "lowRatings",
];

function toCsv(rows: readonly ReportRow[]): string {
  return [
    CSV_COLUMNS.join(","),
    ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(",")),
  ].join("\n");
}

/** Quoted when needed; a text cell a spreadsheet would read as a formula gets a leading quote. */
function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

async function findChat(repositories: ReportSource, id: string): Promise<Chat[]> {
  if (!/^-?\d+$/.test(id)) return [];
  const number = Number(id);
  const chat =
    number < 0 ? await repositories.chats.findByTelegramId(number) : await repositories.chats.findById(number);
  return chat === undefined ? [] : [chat];
}

function defaultTimezone(): string {
  const zone = process.env.DEFAULT_TIMEZONE;
  return zone !== undefined && IANAZone.isValidZone(zone) ? zone : "UTC";
}

function defaultLanguage(): Language {
  return SUPPORTED_LANGUAGES.find((language) => language === process.env.DEFAULT_LANGUAGE) ?? "en";
}

function usage(problem: string): number {
  console.error(`report: ${problem}\n${USAGE}`);
  return 2;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
  return 2;
});
