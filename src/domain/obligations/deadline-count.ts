import { DateTime } from "luxon";
import { dueAfter, nextOpening, type BusinessCalendar, type BusinessDuration } from "../calendar/index.js";

/** A deadline with how it was counted, so both sides can check it. */
export interface CountedDeadline {
  /** When the count began: for days, the opening of day 1 (the arrival day is day 0); for hours, the next contact time. */
  countedFrom: number;
  dueAt: number;
  /** The opening of the business day after the due one: the result is live by then. */
  liveBy: number;
}

/** "Received Fri 16:40, counted from Mon 10:00, due Tue 19:00, live by Wednesday" for two days. */
export function countDeadline(
  calendar: BusinessCalendar,
  arrivedAt: number,
  duration: BusinessDuration,
): CountedDeadline {
  const dueAt = dueAfter(calendar, arrivedAt, duration);
  const countedFrom = nextOpening(
    calendar,
    duration.unit === "days" ? startOfNextLocalDay(calendar, arrivedAt) : arrivedAt,
  );
  return { countedFrom, dueAt, liveBy: liveByAfter(calendar, dueAt) };
}

/** The opening of the business day after the one something is due on. */
export function liveByAfter(calendar: BusinessCalendar, dueAt: number): number {
  // A close at midnight belongs to the day before it.
  return nextOpening(calendar, startOfNextLocalDay(calendar, dueAt - 1));
}

function startOfNextLocalDay(calendar: BusinessCalendar, ms: number): number {
  return DateTime.fromMillis(ms, { zone: calendar.timezone }).startOf("day").plus({ days: 1 }).toMillis();
}
