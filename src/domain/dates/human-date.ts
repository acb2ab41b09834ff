import { DateTime, IANAZone } from "luxon";
import type { Weekday } from "../calendar/calendar-spec.js";
import { DAY_MS, MINUTE_MS, instantOfWallTime } from "../calendar/local-time.js";
import type { Language } from "../languages.js";
import { weekdayNamed } from "../regulation/weekdays.js";
import { monthNamed } from "./month-names.js";

export interface HumanDateContext {
  now: number;
  timezone: string;
  /** The chat's language decides how `10/12` reads: day first in ru and es, refused in en. */
  language: Language;
}

/** A date (and maybe a time) read from the start of a text. */
export interface HumanDate {
  ok: true;
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  /** Minutes after local midnight, when a time was given. */
  time: number | undefined;
  /** The given time's instant, or the local date's first instant when no time was given. */
  at: number;
  /** The words read as the date and time, as written. */
  consumed: string;
  /** What follows them: a title, a topic. */
  rest: string;
}

export type HumanDateErrorCode =
  | "missing"
  | "unrecognised"
  | "ambiguous-date"
  | "impossible-date"
  | "impossible-time"
  | "weekday-mismatch"
  | "past";

export interface HumanDateError {
  ok: false;
  error: HumanDateErrorCode;
  /** The words at fault, as written. */
  text: string;
}

interface Token {
  raw: string;
  /** Lower case, NFC, without a trailing comma. */
  word: string;
  start: number;
  end: number;
}

type DayRef =
  | { kind: "date"; year: number; month: number; day: number; claimedWeekday?: Weekday }
  | { kind: "month-day"; month: number; day: number; claimedWeekday?: Weekday }
  | { kind: "offset"; days: number }
  | { kind: "weekday"; weekday: Weekday };

/** Words before a date (`on Tue`, `в пятницу`, `el martes`) and before a time (`at 3pm`, `в 15:00`, `a las 15`). */
const DAY_CONNECTORS = new Set(["on", "в", "во", "el"]);
const TIME_CONNECTORS: readonly (readonly string[])[] = [["at"], ["в"], ["a", "las"], ["a", "la"]];

/** `today`, `завтра`, `pasado mañana`… as days after today. */
const RELATIVE_DAYS: ReadonlyArray<{ words: readonly string[]; days: number }> = [
  { words: ["day", "after", "tomorrow"], days: 2 },
  { words: ["pasado", "mañana"], days: 2 },
  { words: ["pasado", "manana"], days: 2 },
  { words: ["послезавтра"], days: 2 },
  { words: ["today"], days: 0 },
  { words: ["сегодня"], days: 0 },
  { words: ["hoy"], days: 0 },
  { words: ["tomorrow"], days: 1 },
  { words: ["завтра"], days: 1 },
  { words: ["mañana"], days: 1 },
  { words: ["manana"], days: 1 },
];

/** Russian names a day in the accusative after `в`: `в среду`. */
const ACCUSATIVE_WEEKDAYS: Record<string, Weekday> = { среду: 3, пятницу: 5, субботу: 6 };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMERIC_DATE = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?\.?$/;
const DAY_NUMBER = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR = /^\d{4}$/;
const COLON_TIME = /^(\d{1,2}):(\d{2})$/;
const DOTTED_TIME = /^(\d{1,2})\.(\d{2})$/;
const TWELVE_HOUR = /^(\d{1,2})(?::(\d{2}))?(am|pm|a\.m\.|p\.m\.)$/;
const MERIDIEM = /^(am|pm|a\.m\.|p\.m\.)$/;
const BARE_HOUR = /^(\d{1,2})$/;

/**
 * Reads a date and time from the start of `text` in any of the three languages: `2026-12-10`,
 * `10.12`, `Dec 10`, `10 de diciembre`, `tomorrow 15:00`, `завтра в 15`, `martes 3pm`, `15:00`.
 * A weekday means the next such day; today's own weekday means today only with a time still
 * ahead. A date without a year means its next occurrence. A time alone means today.
 */
export function parseHumanDate(text: string, context: HumanDateContext): HumanDate | HumanDateError {
  const tokens = tokenize(text);
  if (tokens.length === 0) return failure("missing", "");
  const day = readDay(tokens, 0, context.language);
  if (day !== undefined && !day.ok) return day;
  const timeFrom = day?.next ?? 0;
  const time = readTime(tokens, timeFrom);
  if (time !== undefined && !time.ok) return time;
  if (day === undefined && time === undefined) return failure("unrecognised", tokens[0]!.raw);
  const next = time?.next ?? timeFrom;
  const consumed = text.slice(tokens[0]!.start, tokens[next - 1]!.end);
  return resolve(
    day?.value ?? { kind: "offset", days: 0 },
    time?.value,
    consumed,
    text.slice(tokens[next - 1]!.end),
    context,
  );
}

function resolve(
  ref: DayRef,
  time: number | undefined,
  consumed: string,
  after: string,
  { now, timezone }: HumanDateContext,
): HumanDate | HumanDateError {
  const zone = IANAZone.create(timezone);
  const local = DateTime.fromMillis(now, { zone });
  const today = Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
  const dayNumber = dayOf(
    ref,
    today,
    local.year,
    local.weekday as Weekday,
    time,
    (candidate) => instantOf(zone, candidate, time) > now,
  );
  if (dayNumber === undefined) return failure("impossible-date", consumed);
  if ("claimedWeekday" in ref && ref.claimedWeekday !== undefined && weekdayOfDay(dayNumber) !== ref.claimedWeekday)
    return failure("weekday-mismatch", consumed);
  const at = instantOf(zone, dayNumber, time);
  if (time === undefined ? dayNumber < today : at <= now) return failure("past", consumed);
  const date = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
  return { ok: true, date, time, at, consumed, rest: after.replace(/^\s*[-–—:,]?\s*/, "").trim() };
}

/** The day number (days since 1970-01-01) a reference names, or undefined for a date that does not exist. */
function dayOf(
  ref: DayRef,
  today: number,
  year: number,
  weekday: Weekday,
  time: number | undefined,
  stillAhead: (day: number) => boolean,
): number | undefined {
  switch (ref.kind) {
    case "date":
      return existingDay(ref.year, ref.month, ref.day);
    case "month-day":
      // Its next occurrence: this year's unless already gone (29 Feb waits for a leap year).
      for (let candidate = year; candidate <= year + 8; candidate += 1) {
        const day = existingDay(candidate, ref.month, ref.day);
        if (day !== undefined && day >= today) return day;
      }
      return undefined;
    case "offset":
      return today + ref.days;
    case "weekday": {
      const ahead = (ref.weekday - weekday + 7) % 7;
      if (ahead > 0) return today + ahead;
      return time !== undefined && stillAhead(today) ? today : today + 7;
    }
  }
}

function weekdayOfDay(dayNumber: number): Weekday {
  // Day 0, 1 January 1970, was a Thursday.
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as Weekday;
}

function instantOf(zone: IANAZone, dayNumber: number, time: number | undefined): number {
  return instantOfWallTime(zone, dayNumber * DAY_MS + (time ?? 0) * MINUTE_MS);
}

function existingDay(year: number, month: number, day: number): number | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? date.getTime() / DAY_MS : undefined;
}

/** A day at `at`, after an optional connector word that only counts when a day follows it. */
function readDay(tokens: readonly Token[], at: number, language: Language): DayResult {
  const word = tokens[at]?.word;
  if (word !== undefined && DAY_CONNECTORS.has(word)) {
    const afterConnector = readWeekdayOrDate(tokens, at + 1, language);
    if (afterConnector !== undefined) return afterConnector;
  }
  return readWeekdayOrDate(tokens, at, language);
}

type DayResult = { ok: true; value: DayRef; next: number } | HumanDateError | undefined;

function readWeekdayOrDate(tokens: readonly Token[], at: number, language: Language): DayResult {
  // `mar 10` is 10 March before it is a Spanish Tuesday.
  const date = readDate(tokens, at, language);
  if (date !== undefined) return date;
  const weekday = weekdayAt(tokens, at);
  if (weekday === undefined) return undefined;
  const dated = readDate(tokens, at + 1, language);
  if (dated === undefined) return { ok: true, value: { kind: "weekday", weekday }, next: at + 1 };
  // A weekday before a date (`Tue 10 Dec`) is checked against it once its year is known.
  return dated.ok ? { ...dated, value: { ...dated.value, claimedWeekday: weekday } as DayRef } : dated;
}

function weekdayAt(tokens: readonly Token[], at: number): Weekday | undefined {
  const word = tokens[at]?.word;
  if (word === undefined) return undefined;
  return weekdayNamed(word) ?? ACCUSATIVE_WEEKDAYS[word];
}

function readDate(tokens: readonly Token[], at: number, language: Language): DayResult {
  const token = tokens[at];
  if (token === undefined) return undefined;
  const iso = ISO_DATE.exec(token.word);
  if (iso !== null) return dateRef(tokens, at, at + 1, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = NUMERIC_DATE.exec(token.word);
  // A month outside 1–12 makes it no date at all: `15.30` is a time.
  if (numeric !== null && Number(numeric[2]) >= 1 && Number(numeric[2]) <= 12) {
    if (language === "en") return failure("ambiguous-date", token.raw);
    const [day, month] = [Number(numeric[1]), Number(numeric[2])];
    return numeric[3] === undefined
      ? monthDayRef(tokens, at, at + 1, month, day)
      : dateRef(tokens, at, at + 1, Number(numeric[3]), month, day);
  }
  return readNamedMonth(tokens, at) ?? readRelative(tokens, at);
}

/** `10 Dec`, `10 декабря`, `10 de diciembre (de 2026)`, `Dec 10(th), 2026`. */
function readNamedMonth(tokens: readonly Token[], at: number): DayResult {
  const first = tokens[at]!;
  const dayFirst = DAY_NUMBER.exec(first.word);
  if (dayFirst !== null) {
    const of = tokens[at + 1]?.word === "de" ? at + 2 : at + 1;
    const month = monthAt(tokens, of);
    if (month === undefined) return undefined;
    const yearAt = tokens[of + 1]?.word === "de" && YEAR.test(tokens[of + 2]?.word ?? "") ? of + 2 : of + 1;
    return withOptionalYear(tokens, at, yearAt, of + 1, month, Number(dayFirst[1]));
  }
  const month = monthAt(tokens, at);
  const dayAfter = DAY_NUMBER.exec(tokens[at + 1]?.word ?? "");
  if (month === undefined || dayAfter === null) return undefined;
  return withOptionalYear(tokens, at, at + 2, at + 2, month, Number(dayAfter[1]));
}

function withOptionalYear(
  tokens: readonly Token[],
  from: number,
  yearAt: number,
  withoutYear: number,
  month: number,
  day: number,
): DayResult {
  const year = tokens[yearAt]?.word;
  if (year !== undefined && YEAR.test(year)) return dateRef(tokens, from, yearAt + 1, Number(year), month, day);
  return monthDayRef(tokens, from, withoutYear, month, day);
}

function monthAt(tokens: readonly Token[], at: number): number | undefined {
  const word = tokens[at]?.word;
  return word === undefined ? undefined : monthNamed(word);
}

function readRelative(tokens: readonly Token[], at: number): DayResult {
  for (const { words, days } of RELATIVE_DAYS) {
    if (words.every((word, index) => tokens[at + index]?.word === word))
      return { ok: true, value: { kind: "offset", days }, next: at + words.length };
  }
  return undefined;
}

function dateRef(
  tokens: readonly Token[],
  from: number,
  next: number,
  year: number,
  month: number,
  day: number,
): DayResult {
  if (existingDay(year, month, day) === undefined) return failure("impossible-date", spanOf(tokens, from, next));
  return { ok: true, value: { kind: "date", year, month, day }, next };
}

function monthDayRef(tokens: readonly Token[], from: number, next: number, month: number, day: number): DayResult {
  // 29 February exists in some year; 31 April in none.
  if (existingDay(2028, month, day) === undefined) return failure("impossible-date", spanOf(tokens, from, next));
  return { ok: true, value: { kind: "month-day", month, day }, next };
}

type TimeResult = { ok: true; value: number; next: number } | HumanDateError | undefined;

/** `15:00`, `15.00`, `3pm`, `3:30 p.m.`; after a connector (`at`, `в`, `a las`) a bare hour too. */
function readTime(tokens: readonly Token[], at: number): TimeResult {
  for (const connector of TIME_CONNECTORS) {
    if (connector.every((word, index) => tokens[at + index]?.word === word)) {
      const afterConnector = readClock(tokens, at + connector.length, { bareHourAllowed: true });
      if (afterConnector !== undefined) return afterConnector;
    }
  }
  return readClock(tokens, at, { bareHourAllowed: false });
}

function readClock(tokens: readonly Token[], at: number, options: { bareHourAllowed: boolean }): TimeResult {
  const token = tokens[at];
  if (token === undefined) return undefined;
  const twelve = TWELVE_HOUR.exec(token.word);
  if (twelve !== null) return twelveHour(tokens, at, at + 1, Number(twelve[1]), Number(twelve[2] ?? "0"), twelve[3]!);
  const colon = COLON_TIME.exec(token.word) ?? DOTTED_TIME.exec(token.word);
  const hourOnly = colon === null ? BARE_HOUR.exec(token.word) : null;
  const meridiem = MERIDIEM.exec(tokens[at + 1]?.word ?? "");
  const [hour, minute] =
    colon !== null
      ? [Number(colon[1]), Number(colon[2])]
      : hourOnly !== null
        ? [Number(hourOnly[1]), 0]
        : [undefined, undefined];
  if (hour === undefined || minute === undefined) return undefined;
  if (meridiem !== null) return twelveHour(tokens, at, at + 2, hour, minute, meridiem[1]!);
  if (colon === null && !options.bareHourAllowed) return undefined;
  if (hour > 23 || minute > 59) return failure("impossible-time", token.raw);
  return { ok: true, value: hour * 60 + minute, next: at + 1 };
}

function twelveHour(
  tokens: readonly Token[],
  from: number,
  next: number,
  hour: number,
  minute: number,
  meridiem: string,
): TimeResult {
  if (hour < 1 || hour > 12 || minute > 59) return failure("impossible-time", spanOf(tokens, from, next));
  const afternoon = meridiem.startsWith("p");
  return { ok: true, value: ((hour % 12) + (afternoon ? 12 : 0)) * 60 + minute, next };
}

function tokenize(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].map((match) => ({
    raw: match[0],
    word: match[0].normalize("NFC").toLowerCase().replace(/,$/, ""),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

function spanOf(tokens: readonly Token[], from: number, next: number): string {
  return tokens
    .slice(from, next)
    .map((token) => token.raw)
    .join(" ");
}

function failure(error: HumanDateErrorCode, text: string): HumanDateError {
  return { ok: false, error, text };
}
