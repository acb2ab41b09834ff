import type { PauseInterval } from "./calendar-spec.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { MINUTE_MS, requireInstant } from "./local-time.js";
import { OpenTimeWalker, normalizePauses } from "./open-time.js";

/**
 * When `minutes` of contact time have passed after `startMs`, not counting paused time.
 * Counting starts at the next opening; the result may be exactly a closing time, because
 * intervals are open at the end. Zero minutes return `startMs` unchanged.
 */
export function addBusinessTime(
  calendar: BusinessCalendar,
  startMs: number,
  minutes: number,
  pauses?: readonly PauseInterval[],
): number {
  requireInstant(startMs, "The start");
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be zero or more, got ${minutes}`);
  // Instants are whole milliseconds, so the duration is too.
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return startMs;
  const open = new OpenTimeWalker(calendar, startMs, normalizePauses(pauses));
  for (;;) {
    open.next();
    const stretch = open.end - open.start;
    if (remaining <= stretch) return open.start + remaining;
    remaining -= stretch;
  }
}

/** Minutes of contact time in [fromMs, toMs), not counting paused time; 0 if toMs <= fromMs. */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  fromMs: number,
  toMs: number,
  pauses?: readonly PauseInterval[],
): number {
  return businessMsBetween(calendar, fromMs, toMs, normalizePauses(pauses)) / MINUTE_MS;
}

/** Milliseconds of contact time in [fromMs, toMs); the pauses must be normalized. */
export function businessMsBetween(
  calendar: BusinessCalendar,
  fromMs: number,
  toMs: number,
  pauses: readonly PauseInterval[],
): number {
  requireInstant(fromMs, "The start");
  requireInstant(toMs, "The end");
  if (toMs <= fromMs) return 0;
  const open = new OpenTimeWalker(calendar, fromMs, pauses);
  let total = 0;
  while (open.nextBefore(toMs)) total += Math.min(open.end, toMs) - open.start;
  return total;
}
