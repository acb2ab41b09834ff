import { DateTime } from "luxon";
import type { Weekday } from "./calendar/calendar-spec.js";

/** A weekly local time, such as the digest's "Fri 17:00" in the chat's zone. */
export interface WeeklyTime {
  weekday: Weekday;
  /** Minutes after local midnight. */
  minute: number;
  timezone: string;
}

/**
 * The first occurrence strictly after `afterMs`, in UTC ms. Computed in the local zone, so
 * 17:00 Madrid time stays 17:00 across DST changes; a time that does not exist on a
 * spring-forward day moves forward with the clock change, as luxon resolves it.
 */
export function nextWeeklyOccurrence(time: WeeklyTime, afterMs: number): number {
  // A tick asks this of thousands of chats with one `afterMs` and a few zones and times.
  const key = `${time.timezone} ${time.weekday} ${time.minute} ${afterMs}`;
  let next = recent.get(key);
  if (next === undefined) {
    if (recent.size >= RECENT_LIMIT) recent.clear();
    next = computeNextWeeklyOccurrence(time, afterMs);
    recent.set(key, next);
  }
  return next;
}

const RECENT_LIMIT = 256;
const recent = new Map<string, number>();

function computeNextWeeklyOccurrence(time: WeeklyTime, afterMs: number): number {
  const after = DateTime.fromMillis(afterMs, { zone: time.timezone });
  const daysAhead = (time.weekday - after.weekday + 7) % 7;
  const candidate = after
    .startOf("day")
    .plus({ days: daysAhead })
    .set({ hour: Math.floor(time.minute / 60), minute: time.minute % 60 });
  return candidate.toMillis() > afterMs ? candidate.toMillis() : candidate.plus({ weeks: 1 }).toMillis();
}
