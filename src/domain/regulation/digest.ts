import type { Weekday } from "../calendar/calendar-spec.js";
import type { Language } from "../languages.js";
import { clockTimeMinutes, formatClockTime, looksLikeClockTime } from "./clock-time.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";
import { spellsWord, vocabularyOf } from "./vocabulary.js";
import { weekdayAbbreviation, weekdayNamed } from "./weekdays.js";

/** When the weekly status report is posted; `time` is minutes after local midnight. */
export type Digest = { kind: "off" } | { kind: "weekly"; weekday: Weekday; time: number };

/** `Fri 17:00`, `пт 17`, or `off` (`выкл`, `no`). */
export function parseDigest(text: string): ParseResult<Digest> {
  const trimmed = text.trim();
  if (spellsWord(trimmed, "off")) return parsed({ kind: "off" });
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

export function formatDigest(digest: Digest, language?: Language): string {
  if (digest.kind === "off") return vocabularyOf(language).off;
  return `${weekdayAbbreviation(digest.weekday, language)} ${formatClockTime(digest.time)}`;
}
