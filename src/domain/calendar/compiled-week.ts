import type { IANAZone } from "luxon";
import type { DailyInterval } from "./calendar-spec.js";
import { DAY_MS, MINUTE_MS, instantOfWallTime } from "./local-time.js";

/** A stretch of time in UTC epoch milliseconds, [start, end). */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** A calendar spec, checked and reduced to the numbers the compiler needs. */
export interface CalendarRules {
  readonly zone: IANAZone;
  /** Contact intervals per weekday, Monday first. */
  readonly hoursByWeekday: readonly (readonly DailyInterval[])[];
  /** Inclusive ranges of day numbers. */
  readonly holidays: readonly { readonly first: number; readonly last: number }[];
}

/** One local date, in UTC ms. */
export interface CompiledDay {
  readonly start: number;
  readonly end: number;
  /** The end of the day's last contact interval; null on a day without contact hours. */
  readonly close: number | null;
}

/** One local week, Monday 00:00 to the next Monday 00:00, in UTC ms. */
export interface CompiledWeek {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Contact intervals minus holidays, sorted, touching ones merged. */
  readonly intervals: readonly Interval[];
  /** Monday to Sunday. */
  readonly days: readonly CompiledDay[];
}

/** 1970-01-05, the first Monday after the epoch, starts week 0. */
const FIRST_MONDAY = 4;

export function weekIndexOfDayNumber(dayNumber: number): number {
  return Math.floor((dayNumber - FIRST_MONDAY) / 7);
}

export function compileWeek(rules: CalendarRules, index: number): CompiledWeek {
  const monday = FIRST_MONDAY + index * 7;
  const days: CompiledDay[] = [];
  const intervals: Interval[] = [];
  const weekStart = instantOfWallTime(rules.zone, monday * DAY_MS);
  let dayStart = weekStart;
  for (let weekday = 0; weekday < 7; weekday++) {
    const dayNumber = monday + weekday;
    const midnight = dayNumber * DAY_MS;
    const dayEnd = instantOfWallTime(rules.zone, midnight + DAY_MS);
    let close: number | null = null;
    const hours = isHoliday(rules, dayNumber) ? [] : (rules.hoursByWeekday[weekday] ?? []);
    for (const { start, end } of hours) {
      const from = instantOfWallTime(rules.zone, midnight + start * MINUTE_MS);
      const until = instantOfWallTime(rules.zone, midnight + end * MINUTE_MS);
      // An interval that lies wholly in a skipped hour never happens.
      if (until <= from) continue;
      appendMerged(intervals, { start: from, end: until });
      close = until;
    }
    days.push({ start: dayStart, end: dayEnd, close });
    dayStart = dayEnd;
  }
  return { index, start: weekStart, end: dayStart, intervals, days };
}

/** Which of the week's days (0 = Monday) holds an instant that lies inside the week. */
export function dayIndexContaining(week: CompiledWeek, ms: number): number {
  return week.days.findLastIndex((day) => day.start <= ms);
}

function isHoliday(rules: CalendarRules, dayNumber: number): boolean {
  return rules.holidays.some((range) => range.first <= dayNumber && dayNumber <= range.last);
}

function appendMerged(intervals: Interval[], next: Interval): void {
  const last = intervals[intervals.length - 1];
  if (last !== undefined && last.end === next.start)
    intervals[intervals.length - 1] = { start: last.start, end: next.end };
  else intervals.push(next);
}
