import {
  addBusinessTime,
  businessMinutesBetween,
  type BusinessCalendar,
  type PauseInterval,
} from "../calendar/index.js";

/** An obligation's clock: counted from `startAt`, due at `dueAt`. */
export interface ObligationClock {
  startAt: number;
  dueAt: number;
}

/**
 * Where a deadline moves when the work waited during `pause`: to the instant where the same
 * business time from its start is consumed, skipping the pause and those `applied` before
 * (which its due date already reflects). A deadline due before the pause began stays.
 */
export function shiftedDue(
  calendar: BusinessCalendar,
  clock: ObligationClock,
  pause: PauseInterval,
  applied: readonly PauseInterval[] = [],
): number {
  if (clock.dueAt <= pause.start) return clock.dueAt;
  const work = businessMinutesBetween(calendar, clock.startAt, clock.dueAt, applied);
  // A due date outside contact hours (a Sunday) stays put when the pause took no business time before it.
  return Math.max(clock.dueAt, addBusinessTime(calendar, clock.startAt, work, [...applied, pause]));
}

/** The due date once every pause the work waited through is applied, earliest first. */
export function dueAfterPauses(
  calendar: BusinessCalendar,
  clock: ObligationClock,
  pauses: readonly PauseInterval[],
): number {
  const applied: PauseInterval[] = [];
  let { dueAt } = clock;
  for (const pause of [...pauses].sort((a, b) => a.start - b.start)) {
    dueAt = shiftedDue(calendar, { startAt: clock.startAt, dueAt }, pause, applied);
    applied.push(pause);
  }
  return dueAt;
}
