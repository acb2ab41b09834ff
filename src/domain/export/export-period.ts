import { DateTime } from "luxon";

/**
 * What `/export` was asked for: the whole history, or a period of whole days given as two
 * dates (inclusive), as in `/export 2026-11-01..2026-11-30`; or why it cannot be read.
 */
export type ExportPeriodRequest =
  | { kind: "whole" }
  | { kind: "period"; from: string; to: string }
  | { kind: "unreadable"; given: string }
  | { kind: "not-a-date"; date: string }
  | { kind: "reversed"; from: string; to: string };

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
/** Two dates joined by `..`, a dash or a space; people type all of them. */
const PERIOD = new RegExp(String.raw`^(${DATE})\s*(?:\.\.|–|—|-|\s)\s*(${DATE})$`);

export function readExportPeriod(text: string): ExportPeriodRequest {
  const given = text.trim();
  if (given === "") return { kind: "whole" };
  const match = PERIOD.exec(given);
  if (match === null) return { kind: "unreadable", given };
  const [, from, to] = match as unknown as [string, string, string];
  const invalid = [from, to].find((date) => !isCalendarDate(date));
  if (invalid !== undefined) return { kind: "not-a-date", date: invalid };
  if (to < from) return { kind: "reversed", from, to };
  return { kind: "period", from, to };
}

/** 2026-11-30 is one, 2026-11-31 is not. */
function isCalendarDate(date: string): boolean {
  return DateTime.fromISO(date, { zone: "utc" }).toISODate() === date;
}
