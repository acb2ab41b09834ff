import type { BusinessCalendar } from "./business-calendar.js";
import { dayIndexContaining } from "./compiled-week.js";
import { NO_PAUSES, OpenTimeWalker } from "./open-time.js";

/** Whether someone is owed a reply at this instant; a closing time itself is outside. */
export function isWithinContactHours(calendar: BusinessCalendar, ms: number): boolean {
  return calendar.weekContaining(ms).intervals.some((interval) => interval.start <= ms && ms < interval.end);
}

/** The instant contact hours next begin, or `ms` itself when they are on. */
export function nextOpening(calendar: BusinessCalendar, ms: number): number {
  const open = new OpenTimeWalker(calendar, ms, NO_PAUSES);
  open.next();
  return open.start;
}

/** Whether contact hours begin anywhere in [from, horizon); never searches past the horizon, so never throws for lack of them. */
export function hasContactTimeBefore(calendar: BusinessCalendar, from: number, horizon: number): boolean {
  return new OpenTimeWalker(calendar, from, NO_PAUSES).nextBefore(horizon);
}

/** When contact hours end on the local date of `ms`; null on a date without them (a weekend, a holiday). */
export function closeOfLocalDay(calendar: BusinessCalendar, ms: number): number | null {
  const week = calendar.weekContaining(ms);
  return week.days[dayIndexContaining(week, ms)]?.close ?? null;
}
