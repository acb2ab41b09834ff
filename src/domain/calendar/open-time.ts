import type { PauseInterval } from "./calendar-spec.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { SEARCH_LIMIT_WEEKS, noContactTimeAfter } from "./calendar-errors.js";
import type { CompiledWeek, Interval } from "./compiled-week.js";
import { requireInstant } from "./local-time.js";

export const NO_PAUSES: readonly PauseInterval[] = [];

/** Pauses sorted and merged, so that a walk passes each one once. */
export function normalizePauses(pauses: readonly PauseInterval[] | undefined): readonly PauseInterval[] {
  if (pauses === undefined || pauses.length === 0) return NO_PAUSES;
  for (const pause of pauses) {
    requireInstant(pause.start, "A pause's start");
    requireInstant(pause.end, "A pause's end");
  }
  const sorted = pauses.filter((pause) => pause.end > pause.start).sort((a, b) => a.start - b.start);
  const merged: PauseInterval[] = [];
  for (const pause of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && pause.start <= last.end) last.end = Math.max(last.end, pause.end);
    else merged.push({ start: pause.start, end: pause.end });
  }
  return merged;
}

/**
 * Walks forward from an instant through the stretches of contact time that the pauses leave
 * open; after each step, [start, end) is the current stretch. A search that finds no contact
 * time for two years throws NoBusinessHoursError.
 */
export class OpenTimeWalker {
  start = 0;
  end = 0;
  private cursor: number;
  private week: CompiledWeek;
  private intervalIndex = 0;
  private pauseIndex = 0;

  constructor(
    private readonly calendar: BusinessCalendar,
    from: number,
    private readonly pauses: readonly PauseInterval[],
  ) {
    this.cursor = from;
    this.week = calendar.weekContaining(from);
  }

  next(): void {
    // Without a horizon there always is a next stretch, or the search throws.
    this.nextBefore(Infinity);
  }

  /** Moves to the next stretch; false, without searching further, when none starts before `horizon`. */
  nextBefore(horizon: number): boolean {
    while (this.cursor < horizon) {
      const interval = this.intervalEndingAfterCursor(horizon);
      if (interval === undefined) return false;
      const from = Math.max(interval.start, this.cursor);
      const pause = this.pauseEndingAfter(from);
      if (pause !== undefined && pause.start <= from) {
        // The clock stands still until the pause ends.
        this.cursor = pause.end;
        continue;
      }
      this.start = from;
      this.end = pause !== undefined && pause.start < interval.end ? pause.start : interval.end;
      this.cursor = this.end;
      return true;
    }
    return false;
  }

  private intervalEndingAfterCursor(horizon: number): Interval | undefined {
    if (this.cursor >= this.week.end) {
      this.week = this.calendar.weekContaining(this.cursor);
      this.intervalIndex = 0;
    }
    let weeksSearched = 0;
    for (;;) {
      const interval = this.week.intervals[this.intervalIndex];
      if (interval === undefined) {
        if (this.week.end >= horizon) return undefined;
        if (++weeksSearched > SEARCH_LIMIT_WEEKS) throw noContactTimeAfter(this.calendar.timezone, this.cursor);
        this.week = this.calendar.weekAfter(this.week);
        this.intervalIndex = 0;
      } else if (interval.end <= this.cursor) {
        this.intervalIndex++;
      } else {
        return interval.start < horizon ? interval : undefined;
      }
    }
  }

  private pauseEndingAfter(instant: number): PauseInterval | undefined {
    let pause = this.pauses[this.pauseIndex];
    while (pause !== undefined && pause.end <= instant) pause = this.pauses[++this.pauseIndex];
    return pause;
  }
}
