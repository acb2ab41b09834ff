import { DateTime } from "luxon";
import type { DateRange } from "../calendar/calendar-spec.js";
import { parsed, refused, type ParseResult, type Refusal } from "./setting-error.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `..` between two dates; en and em dashes too, since phones turn typed dashes into them. */
export const RANGE_SEPARATOR = /\s*(?:\.\.|[–—])\s*/;

/**
 * `2026-12-31` → a one-day range, `2027-01-01..2027-01-08` → that range. A text that is not
 * shaped like dates is refused with `shapeRefusal`, since what to show depends on the setting.
 */
export function parseDateRange(text: string, shapeRefusal: Refusal): ParseResult<DateRange> {
  const dates = text.split(RANGE_SEPARATOR);
  const [fromText, toText = fromText] = dates;
  if (dates.length > 2 || fromText === undefined || toText === undefined) return shapeRefusal;
  const from = parseIsoDate(fromText, shapeRefusal);
  if (!from.ok) return from;
  const to = parseIsoDate(toText, shapeRefusal);
  if (!to.ok) return to;
  if (to.value < from.value) return refused("regulation-error-reversed-range", { from: from.value, to: to.value });
  return parsed({ from: from.value, to: to.value });
}

export function formatDateRange({ from, to }: DateRange): string {
  return from === to ? from : `${from}..${to}`;
}

export function dayAfter(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: "utc" }).plus({ days: 1 }).toISODate()!;
}

function parseIsoDate(text: string, shapeRefusal: Refusal): ParseResult<string> {
  if (!ISO_DATE.test(text)) return shapeRefusal;
  if (!DateTime.fromISO(text, { zone: "utc" }).isValid)
    return refused("regulation-error-impossible-date", { value: text });
  return parsed(text);
}
