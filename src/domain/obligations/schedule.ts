import { DateTime } from "luxon";
import { addBusinessDays, closeOfLocalDay, nextOpening, type BusinessCalendar } from "../calendar/index.js";

/**
 * When the one who owes something hears about it: at the opening of the business day before
 * it is due and at the opening of the due day, never before it was asked for.
 */
export function reminderTimes(calendar: BusinessCalendar, timezone: string, askedAt: number, dueAt: number): number[] {
  const dueDay = DateTime.fromMillis(dueAt, { zone: timezone }).startOf("day");
  const previousBusinessDay = previousDayWithHours(calendar, dueDay);
  const openings = [previousBusinessDay, dueDay].flatMap((day) =>
    day === undefined ? [] : [nextOpening(calendar, day.toMillis())],
  );
  return [...new Set(openings)].filter((at) => at > askedAt && at < dueAt);
}

function previousDayWithHours(calendar: BusinessCalendar, day: DateTime): DateTime | undefined {
  for (let back = 1; back <= 14; back += 1) {
    const candidate = day.minus({ days: back });
    if (closeOfLocalDay(calendar, candidate.plus({ hours: 12 }).toMillis()) !== null) return candidate;
  }
  return undefined;
}

/** How many business days after it was due something arrived: 0 on time, 1 within the next business day… */
export function businessDaysLate(calendar: BusinessCalendar, dueAt: number, arrivedAt: number): number {
  if (arrivedAt <= dueAt) return 0;
  for (let days = 1; days <= 1000; days += 1) {
    if (arrivedAt <= addBusinessDays(calendar, dueAt, days)) return days;
  }
  return 1000;
}
