/**
 * A chat's business calendar as plain data: the contact hours of each weekday in a time zone,
 * minus holidays. One calendar serves both sides' deadlines.
 */

/** ISO weekday, as luxon numbers them: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Minutes after local midnight; `end` may be 1440 (24:00). Open at the end: [start, end). */
export interface DailyInterval {
  start: number;
  end: number;
}

export type ContactHours =
  | { kind: "always" }
  /** Intervals per weekday, sorted, non-overlapping, none crossing midnight; a missing day has no hours. */
  | { kind: "weekly"; days: Partial<Record<Weekday, DailyInterval[]>> };

/** Inclusive range of local dates, `YYYY-MM-DD`; a single holiday has from === to. */
export interface DateRange {
  from: string;
  to: string;
}

export interface CalendarSpec {
  /** IANA zone, e.g. `Europe/Madrid`. */
  timezone: string;
  hours: ContactHours;
  holidays: DateRange[];
}

/**
 * A duration as the regulation states it: minutes and hours count only business time;
 * days are business days (the day of arrival is day 0; due at the close of the n-th
 * business day after it).
 */
export type BusinessDuration = { unit: "minutes"; minutes: number } | { unit: "days"; days: number };

/** A period during which a clock stood still (e.g. the work waited on the client). UTC ms, [start, end). */
export interface PauseInterval {
  start: number;
  end: number;
}
