import { DateTime } from "luxon";
import { addBusinessDays, nextOpening, type BusinessCalendar } from "../calendar/index.js";

/**
 * When work starts after a payment at `paidAt`: the opening of the `days`-th business day after
 * the payment's day (which is day 0), as business days are counted for every other deadline.
 */
export function workStartsAt(calendar: BusinessCalendar, paidAt: number, days: number): number {
  const lastWaitingDay = addBusinessDays(calendar, paidAt, days);
  // A close at midnight belongs to the day before it.
  const dayStart = DateTime.fromMillis(lastWaitingDay - 1, { zone: calendar.timezone })
    .startOf("day")
    .toMillis();
  return nextOpening(calendar, dayStart);
}
