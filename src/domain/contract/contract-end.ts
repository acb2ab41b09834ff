import { DateTime } from "luxon";
import { addBusinessDays, hasContactTimeBefore, nextOpening, type BusinessCalendar } from "../calendar/index.js";
import type { DateRange } from "../calendar/calendar-spec.js";

/** How far back the reminder looks for business days: more than a year of holidays is refused as a setting. */
const SEARCH_LIMIT_DAYS = 400;

/** The instant the contract's period is over: midnight after its last day, in the chat's zone. */
export function contractEndsAt(period: DateRange, timezone: string): number {
  return DateTime.fromISO(period.to, { zone: timezone }).plus({ days: 1 }).startOf("day").toMillis();
}

/** Whether the contract (when there is one) is over at `at`: response windows and reminders stop then. */
export function contractEnded(period: DateRange | undefined, timezone: string, at: number): boolean {
  return period !== undefined && at >= contractEndsAt(period, timezone);
}

/**
 * When both sides hear what is still open: the opening of the `days`-th business day counted back
 * from the contract's last day (which is day 1), so "5d" gives five business days of work left.
 * Undefined when the calendar has fewer business days than that within the search limit.
 */
export function endReminderAt(calendar: BusinessCalendar, endsAt: number, days: number): number | undefined {
  let day = DateTime.fromMillis(endsAt - 1, { zone: calendar.timezone }).startOf("day");
  let counted = 0;
  for (let back = 0; back < SEARCH_LIMIT_DAYS; back += 1) {
    const start = day.toMillis();
    if (hasContactTimeBefore(calendar, start, day.plus({ days: 1 }).toMillis())) {
      counted += 1;
      if (counted === days) return nextOpening(calendar, start);
    }
    day = day.minus({ days: 1 });
  }
  return undefined;
}

/** What either side may still owe, as far as the contract's end is concerned. */
export interface OwedAtEnd {
  kind: "request" | "revision" | "stage" | "call" | "payment" | "pause";
  state: "open" | "delivered" | "done" | "cancelled";
  createdAt: number;
}

/**
 * What is still open on each side: the client owes information and the acceptance of delivered
 * revisions; the specialist owes open revisions and plan stages. Calls, payments and pauses are
 * agreed by both sides and owed by neither.
 */
export function openOnEachSide<T extends OwedAtEnd>(owed: readonly T[]): { client: T[]; specialist: T[] } {
  return {
    client: owed.filter(
      (item) =>
        (item.kind === "request" && item.state === "open") || (item.kind === "revision" && item.state === "delivered"),
    ),
    specialist: owed.filter((item) => (item.kind === "revision" || item.kind === "stage") && item.state === "open"),
  };
}

/**
 * The information the client never provided before the end, each with how many business days
 * it waited from when it was asked (the asking day is day 0, as for every deadline): by the
 * regulation, the service then counts as rendered and accepted.
 */
export function unprovidedAtEnd<T extends OwedAtEnd>(
  calendar: BusinessCalendar,
  requests: readonly T[],
  endsAt: number,
): Array<{ request: T; waitedBusinessDays: number }> {
  return requests
    .filter((request) => request.kind === "request" && request.state === "open" && request.createdAt < endsAt)
    .map((request) => ({ request, waitedBusinessDays: businessDaysWithin(calendar, request.createdAt, endsAt) }));
}

/** How many whole business days after the day of `from` closed by `to`. */
function businessDaysWithin(calendar: BusinessCalendar, from: number, to: number): number {
  let days = 0;
  while (days < SEARCH_LIMIT_DAYS && addBusinessDays(calendar, from, days + 1) <= to) days += 1;
  return days;
}
