import type { ContactHours, DailyInterval, Weekday } from "../calendar/calendar-spec.js";
import type { Language } from "../languages.js";
import { clockTimeMinutes, formatClockTime, looksLikeClockTime, MINUTES_PER_DAY } from "./clock-time.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";
import { followingWeekday, formatWeekdays, WEEKDAYS, weekdayNamed, weekdayRuns, weekdaysFrom } from "./weekdays.js";

const ALWAYS = "24/7";
const DASH = /\s*[-–—]\s*/;

/**
 * Reads `Mon-Fri 10:00-13:00,14:00-19:00; Sat 11-14` or `24/7`. Groups and intervals are separated
 * by commas or semicolons; an interval without days continues the days before it, and days
 * without an interval join the next group's days (`Mon, Wed 10-19`).
 */
export function parseContactHours(
  text: string,
  _example?: string,
  { language }: { language?: Language } = {},
): ParseResult<ContactHours> {
  if (text.trim() === ALWAYS) return parsed({ kind: "always" });
  const intervalsByDay = new Map<Weekday, DailyInterval[]>();
  let days: Weekday[] = [];
  let listingDays = false;
  for (const group of text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== "")) {
    const { dayText, timeText } = splitGroup(group);
    if (dayText !== "") {
      const named = parseDays(dayText);
      if (!named.ok) return named;
      days = listingDays ? [...days, ...named.value] : named.value;
    }
    listingDays = timeText === "";
    if (listingDays) continue;
    if (days.length === 0) return refused("regulation-error-hours-no-days", { value: group });
    const interval = parseInterval(timeText, days, language);
    if (!interval.ok) return interval;
    for (const day of days) intervalsByDay.set(day, [...(intervalsByDay.get(day) ?? []), interval.value]);
  }
  if (listingDays || intervalsByDay.size === 0) return refused("regulation-error-hours-syntax", { value: text.trim() });
  return weeklyHours(intervalsByDay);
}

/**
 * Canonical text: days with the same intervals share a group, e.g. `Mon-Fri 10:00-13:00,14:00-19:00; Sat 11:00-14:00`;
 * in another language only the days' names change (`Пн-Пт 10:00-19:00`).
 */
export function formatContactHours(hours: ContactHours, language?: Language): string {
  if (hours.kind === "always") return ALWAYS;
  const daysByIntervals = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const intervals = hours.days[day] ?? [];
    if (intervals.length === 0) continue;
    const text = intervals.map(formatInterval).join(",");
    daysByIntervals.set(text, [...(daysByIntervals.get(text) ?? []), day]);
  }
  return [...daysByIntervals]
    .map(([intervals, days]) => ({ intervals, days, firstDay: weekdayRuns(days)[0]?.first ?? 1 }))
    .sort((a, b) => a.firstDay - b.firstDay)
    .map(({ intervals, days }) => `${formatWeekdays(days, language)} ${intervals}`)
    .join("; ");
}

function formatInterval({ start, end }: DailyInterval): string {
  return `${formatClockTime(start)}-${formatClockTime(end)}`;
}

/** `Mon-Fri 10-19` → days `Mon-Fri`, times `10-19`: the times start at the first digit. */
function splitGroup(group: string): { dayText: string; timeText: string } {
  const firstDigit = group.search(/\d/);
  if (firstDigit < 0) return { dayText: group, timeText: "" };
  return { dayText: group.slice(0, firstDigit).trim(), timeText: group.slice(firstDigit).trim() };
}

function parseDays(text: string): ParseResult<Weekday[]> {
  const names = text.split(DASH);
  if (names.length > 2 || names.includes("")) return refused("regulation-error-hours-syntax", { value: text });
  const days: Weekday[] = [];
  for (const name of names) {
    const day = weekdayNamed(name);
    if (day === undefined) return refused("regulation-error-unknown-day", { day: name });
    days.push(day);
  }
  const [first, last = first] = days as [Weekday, Weekday?];
  return parsed(weekdaysFrom(first, last));
}

function parseInterval(text: string, days: readonly Weekday[], language?: Language): ParseResult<DailyInterval> {
  const times = text.split(DASH);
  const [startText, endText] = times;
  if (
    times.length !== 2 ||
    startText === undefined ||
    endText === undefined ||
    !looksLikeClockTime(startText) ||
    !looksLikeClockTime(endText)
  ) {
    return refused("regulation-error-hours-syntax", { value: text });
  }
  const start = clockTimeMinutes(startText, { endOfDayAllowed: false });
  if (start === undefined) return refused("regulation-error-impossible-time", { time: startText });
  const endOrMidnight = clockTimeMinutes(endText, { endOfDayAllowed: true });
  if (endOrMidnight === undefined) return refused("regulation-error-impossible-time", { time: endText });
  // An interval ending at 00:00 ends at the coming midnight, as people mean "19:00-00:00".
  const interval = { start, end: endOrMidnight === 0 ? MINUTES_PER_DAY : endOrMidnight };
  if (interval.end === interval.start)
    return refused("regulation-error-hours-empty-interval", { value: formatInterval(interval) });
  if (interval.end < interval.start) {
    const evening = `${formatWeekdays(days, language)} ${formatInterval({ start, end: MINUTES_PER_DAY })}`;
    const morning = `${formatWeekdays(days.map(followingWeekday), language)} ${formatInterval({ start: 0, end: interval.end })}`;
    return refused("regulation-error-hours-cross-midnight", {
      value: formatInterval(interval),
      suggestion: `${evening}; ${morning}`,
    });
  }
  return parsed(interval);
}

/** Sorts each day's intervals, refuses overlaps, and joins intervals that touch (10-13 and 13-19 are 10-19). */
function weeklyHours(intervalsByDay: ReadonlyMap<Weekday, DailyInterval[]>): ParseResult<ContactHours> {
  const days: Partial<Record<Weekday, DailyInterval[]>> = {};
  for (const [day, intervals] of [...intervalsByDay].sort(([a], [b]) => a - b)) {
    const sorted = distinctSorted(intervals);
    const overlap = firstOverlap(sorted);
    if (overlap !== undefined) {
      return refused("regulation-error-hours-overlap", {
        day,
        first: formatInterval(overlap[0]),
        second: formatInterval(overlap[1]),
      });
    }
    days[day] = joinTouching(sorted);
  }
  return parsed({ kind: "weekly", days });
}

/** The same interval given twice (`Mon-Fri 10-19; Mon 10-19`) is a repetition, not a conflict. */
function distinctSorted(intervals: readonly DailyInterval[]): DailyInterval[] {
  const byText = new Map(intervals.map((interval) => [formatInterval(interval), interval]));
  return [...byText.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** In start order, some pair overlaps exactly when some neighbouring pair does. */
function firstOverlap(sorted: readonly DailyInterval[]): [DailyInterval, DailyInterval] | undefined {
  for (let index = 1; index < sorted.length; index += 1) {
    const previous = sorted[index - 1]!;
    const interval = sorted[index]!;
    if (interval.start < previous.end) return [previous, interval];
  }
  return undefined;
}

function joinTouching(sorted: readonly DailyInterval[]): DailyInterval[] {
  const joined: DailyInterval[] = [];
  for (const interval of sorted) {
    const previous = joined.at(-1);
    if (previous?.end === interval.start) previous.end = interval.end;
    else joined.push({ ...interval });
  }
  return joined;
}
