import { DateTime } from "luxon";
import { compileCalendar, hasContactTimeBefore, NoBusinessHoursError, type DateRange } from "../calendar/index.js";
import { calendarSpecOf, type Regulation } from "./regulation.js";

/** A regulation must leave contact time within this many days, or no answer or deadline can fall due. */
export const CONTACT_HORIZON_DAYS = 365;
/** Holidays this close together make one stretch without contact time: a week without hours lies between. */
const JOINED_WITHIN_DAYS = 8;

export type ContactTimeProblem =
  | { kind: "none-in-coming-year" }
  | { kind: "year-long-holidays"; from: string; to: string };

/**
 * Why a regulation leaves too little contact time, or undefined when it leaves enough: some in the
 * coming 365 days, and no run of holidays a year long later on (that would stop every deadline
 * when it came, long after the check at the time of the change).
 */
export function contactTimeProblem(regulation: Regulation, now: number): ContactTimeProblem | undefined {
  let calendar: ReturnType<typeof compileCalendar>;
  try {
    calendar = compileCalendar(calendarSpecOf(regulation));
  } catch (error) {
    // No weekday with hours at all.
    if (error instanceof NoBusinessHoursError) return { kind: "none-in-coming-year" };
    throw error;
  }
  if (!hasContactTimeBefore(calendar, now, now + CONTACT_HORIZON_DAYS * 86_400_000))
    return { kind: "none-in-coming-year" };
  const today = DateTime.fromMillis(now, { zone: regulation.timezone }).toISODate()!;
  const longRun = holidayRuns(regulation.holidays).find(
    (run) => run.to >= today && daysBetween(run.from, run.to) + 1 >= CONTACT_HORIZON_DAYS,
  );
  return longRun === undefined ? undefined : { kind: "year-long-holidays", ...longRun };
}

/** Holidays merged where they overlap or lie less than a week apart. */
function holidayRuns(holidays: readonly DateRange[]): DateRange[] {
  const runs: DateRange[] = [];
  for (const range of [...holidays].sort((a, b) => a.from.localeCompare(b.from))) {
    const last = runs.at(-1);
    if (last !== undefined && daysBetween(last.to, range.from) <= JOINED_WITHIN_DAYS) {
      if (range.to > last.to) last.to = range.to;
    } else runs.push({ ...range });
  }
  return runs;
}

function daysBetween(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: "utc" }).diff(DateTime.fromISO(from, { zone: "utc" }), "days").days;
}
