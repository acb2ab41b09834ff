import type { PauseInterval } from "./calendar-spec.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { SEARCH_LIMIT_WEEKS, noContactTimeAfter } from "./calendar-errors.js";
import { type CompiledDay, dayIndexContaining } from "./compiled-week.js";
import { businessMsBetween } from "./business-time.js";
import { normalizePauses } from "./open-time.js";

/**
 * The close of the n-th business day after the local date of `startMs`, which is day 0
 * whatever the hour: with hours Mon-Fri 10:00-19:00, a request on Friday with 2 days is due
 * Tuesday 19:00. A business day has contact hours and is not a holiday.
 *
 * Pauses count in whole days: a business day whose contact time is all paused does not count,
 * because the work waited on the other side all that day; a partly paused day counts in full.
 *
 * With 0 days the result is the close of the arrival day while contact time remains in it,
 * otherwise the close of the next business day.
 */
export function addBusinessDays(
  calendar: BusinessCalendar,
  startMs: number,
  days: number,
  pauses?: readonly PauseInterval[],
): number {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number, zero or more, got ${days}`);
  const paused = normalizePauses(pauses);
  let week = calendar.weekContaining(startMs);
  // Day 0 is the arrival day; only a 0-day deadline can fall on it.
  let dayIndex = dayIndexContaining(week, startMs) + (days === 0 ? 0 : 1);
  let toCount = Math.max(days, 1);
  let weeksWithoutContactTime = 0;
  let searchedSince = startMs;
  for (;;) {
    const day = week.days[dayIndex];
    if (day === undefined) {
      if (week.intervals.length > 0) {
        weeksWithoutContactTime = 0;
        searchedSince = week.end;
      } else if (++weeksWithoutContactTime > SEARCH_LIMIT_WEEKS) {
        throw noContactTimeAfter(calendar.timezone, searchedSince);
      }
      week = calendar.weekAfter(week);
      dayIndex = 0;
      continue;
    }
    const close = day.close;
    if (close !== null && close > startMs && !isAllPaused(calendar, day, startMs, paused) && --toCount === 0)
      return close;
    dayIndex++;
  }
}

/** Whether the pauses cover all of a day's contact time from the start on. */
function isAllPaused(
  calendar: BusinessCalendar,
  day: CompiledDay,
  startMs: number,
  paused: readonly PauseInterval[],
): boolean {
  return paused.length > 0 && businessMsBetween(calendar, Math.max(day.start, startMs), day.end, paused) === 0;
}
