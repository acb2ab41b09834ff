import type { DateRange } from "../calendar/calendar-spec.js";
import type { Language } from "../languages.js";
import { dayAfter, formatDateRange, parseDateRange, RANGE_SEPARATOR } from "./dates.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";
import { spellsWord, vocabularyOf } from "./vocabulary.js";

/**
 * Reads `2026-12-31, 2027-01-01..2027-01-08` (commas, semicolons or spaces between items),
 * or `none` / `-` (`нет`, `ninguno`) for no holidays. Overlapping and neighbouring ranges are joined.
 */
export function parseHolidays(text: string): ParseResult<DateRange[]> {
  const trimmed = text.trim();
  if (spellsWord(trimmed, "none")) return parsed([]);
  // Ranges lose their inner spaces first, so that spaces may separate items.
  const items = trimmed
    .split(RANGE_SEPARATOR)
    .join("..")
    .split(/[\s,;]+/)
    .filter((item) => item !== "");
  const ranges: DateRange[] = [];
  for (const item of items) {
    const range = parseDateRange(item, refused("regulation-error-holidays-syntax", { value: item }));
    if (!range.ok) return range;
    ranges.push(range.value);
  }
  return parsed(joinRanges(ranges));
}

export function formatHolidays(holidays: readonly DateRange[], language?: Language): string {
  return holidays.length === 0 ? vocabularyOf(language).none : holidays.map(formatDateRange).join(", ");
}

function joinRanges(ranges: readonly DateRange[]): DateRange[] {
  const joined: DateRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.from.localeCompare(b.from))) {
    const previous = joined.at(-1);
    if (previous !== undefined && range.from <= dayAfter(previous.to)) {
      if (range.to > previous.to) previous.to = range.to;
    } else joined.push({ ...range });
  }
  return joined;
}
