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

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_LENGTH = "2026-11-30".length;
/** What may join the two dates besides white space alone; people type all of them. */
const JOINTS = new Set(["..", "–", "—", "-"]);

export function readExportPeriod(text: string): ExportPeriodRequest {
  const given = text.trim();
  if (given === "") return { kind: "whole" };
  // Cut at fixed places rather than matched by one pattern: a pattern with white space on both
  // sides of the joint backtracks quadratically on a long run of spaces.
  const from = given.slice(0, DATE_LENGTH);
  const to = given.slice(-DATE_LENGTH);
  const between = given.slice(DATE_LENGTH, -DATE_LENGTH);
  const joint = between.trim();
  const joined = between.length > 0 && (joint === "" || JOINTS.has(joint));
  if (given.length <= 2 * DATE_LENGTH || !joined || !DATE.test(from) || !DATE.test(to))
    return { kind: "unreadable", given };
  const invalid = [from, to].find((date) => !isCalendarDate(date));
  if (invalid !== undefined) return { kind: "not-a-date", date: invalid };
  if (to < from) return { kind: "reversed", from, to };
  return { kind: "period", from, to };
}

/** 2026-11-30 is one, 2026-11-31 is not. */
function isCalendarDate(date: string): boolean {
  return DateTime.fromISO(date, { zone: "utc" }).toISODate() === date;
}
