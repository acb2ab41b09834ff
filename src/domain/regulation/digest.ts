import type { Weekday } from "../calendar/calendar-spec.js";
import { clockTimeMinutes, formatClockTime, looksLikeClockTime } from "./clock-time.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";
import { weekdayAbbreviation, weekdayNamed } from "./weekdays.js";

/** When the weekly status report is posted; `time` is minutes after local midnight. */
export type Digest = { kind: "off" } | { kind: "weekly"; weekday: Weekday; time: number };

const OFF = "off";

/** `Fri 17:00`, `пт 17`, or `off`. */
export function parseDigest(text: string): ParseResult<Digest> {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === OFF) return parsed({ kind: "off" });
  const [dayText, timeText, ...rest] = trimmed.split(/\s+/);
  if (dayText === undefined || timeText === undefined || rest.length > 0 || !looksLikeClockTime(timeText)) {
    return refused("regulation-error-digest-syntax", { value: trimmed });
  }
  const weekday = weekdayNamed(dayText);
  if (weekday === undefined) return refused("regulation-error-unknown-day", { day: dayText });
  const time = clockTimeMinutes(timeText, { endOfDayAllowed: false });
  if (time === undefined) return refused("regulation-error-impossible-time", { time: timeText });
  return parsed({ kind: "weekly", weekday, time });
}

export function formatDigest(digest: Digest): string {
  return digest.kind === "off" ? OFF : `${weekdayAbbreviation(digest.weekday)} ${formatClockTime(digest.time)}`;
}
