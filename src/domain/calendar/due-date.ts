import type { BusinessCalendar } from "./business-calendar.js";
import { addBusinessDays } from "./business-days.js";
import { addBusinessTime } from "./business-time.js";
import type { BusinessDuration, PauseInterval } from "./calendar-spec.js";

/** When something that arrived at `startMs` is due: business time for minutes, business days for days. */
export function dueAfter(
  calendar: BusinessCalendar,
  startMs: number,
  duration: BusinessDuration,
  pauses: readonly PauseInterval[] = [],
): number {
  return duration.unit === "minutes"
    ? addBusinessTime(calendar, startMs, duration.minutes, pauses)
    : addBusinessDays(calendar, startMs, duration.days, pauses);
}
