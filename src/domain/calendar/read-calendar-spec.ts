import { IANAZone } from "luxon";
import type { CalendarSpec, DailyInterval, DateRange, Weekday } from "./calendar-spec.js";
import { InvalidCalendarError, NoBusinessHoursError } from "./calendar-errors.js";
import type { CalendarRules } from "./compiled-week.js";
import { dayNumberOfIsoDate } from "./local-time.js";

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const WHOLE_DAY: readonly DailyInterval[] = [{ start: 0, end: 1440 }];

/** Checks a spec once, so that compiling its weeks later cannot fail on bad data. */
export function readCalendarSpec(spec: CalendarSpec): CalendarRules {
  if (!IANAZone.isValidZone(spec.timezone)) {
    throw new InvalidCalendarError(`Unknown time zone "${spec.timezone}"; use an IANA name such as "Europe/Madrid".`);
  }
  const hoursByWeekday = WEEKDAYS.map((weekday) => readHours(spec, weekday));
  if (hoursByWeekday.every((hours) => hours.length === 0)) {
    throw new NoBusinessHoursError(`The calendar (${spec.timezone}) has no contact hours on any weekday.`);
  }
  return { zone: IANAZone.create(spec.timezone), hoursByWeekday, holidays: spec.holidays.map(readHoliday) };
}

function readHours(spec: CalendarSpec, weekday: Weekday): readonly DailyInterval[] {
  // Holidays still apply around the clock: a day off is off whatever the hours.
  if (spec.hours.kind === "always") return WHOLE_DAY;
  const hours = spec.hours.days[weekday] ?? [];
  let previousEnd = 0;
  for (const { start, end } of hours) {
    const inDay = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= 1440;
    if (!inDay || start < previousEnd) {
      throw new InvalidCalendarError(
        `Contact hours of weekday ${weekday} must be sorted, non-overlapping whole minutes within the day, ` +
          `e.g. [{ start: 600, end: 780 }, { start: 840, end: 1140 }] for 10:00-13:00 and 14:00-19:00; got ${JSON.stringify(hours)}.`,
      );
    }
    previousEnd = end;
  }
  return hours;
}

function readHoliday(range: DateRange): { first: number; last: number } {
  const first = dayNumberOfIsoDate(range.from);
  const last = dayNumberOfIsoDate(range.to);
  if (first === undefined || last === undefined || last < first) {
    throw new InvalidCalendarError(
      `A holiday must be a range of real dates, from before to, e.g. { from: "2026-12-24", to: "2026-12-26" }; got ${JSON.stringify(range)}.`,
    );
  }
  return { first, last };
}
