import type { CalendarSpec } from "./calendar-spec.js";
import { type CalendarRules, type CompiledWeek, compileWeek, weekIndexOfDayNumber } from "./compiled-week.js";
import { DAY_MS, requireInstant } from "./local-time.js";
import { readCalendarSpec } from "./read-calendar-spec.js";

/** About ten years of weeks; a long-running bot revisits old weeks rarely, so the oldest compiled go first. */
const CACHED_WEEKS = 520;

/**
 * A calendar spec compiled into UTC intervals, one local week at a time, on first use.
 * Build one per spec with `compileCalendar` and keep it: the weeks it has compiled are its value.
 */
export class BusinessCalendar {
  private readonly weeks = new Map<number, CompiledWeek>();

  constructor(
    readonly timezone: string,
    private readonly rules: CalendarRules,
  ) {}

  /** The local week holding an instant. */
  weekContaining(ms: number): CompiledWeek {
    requireInstant(ms, "An instant");
    let week = this.week(weekIndexOfDayNumber(Math.floor(ms / DAY_MS)));
    // The UTC date is at most a day off the local one, so the guess is at most a week out.
    while (ms < week.start) week = this.week(week.index - 1);
    while (ms >= week.end) week = this.week(week.index + 1);
    return week;
  }

  weekAfter(week: CompiledWeek): CompiledWeek {
    return this.week(week.index + 1);
  }

  private week(index: number): CompiledWeek {
    const cached = this.weeks.get(index);
    if (cached !== undefined) return cached;
    const compiled = compileWeek(this.rules, index);
    if (this.weeks.size >= CACHED_WEEKS) this.forgetOldestWeek();
    this.weeks.set(index, compiled);
    return compiled;
  }

  private forgetOldestWeek(): void {
    const oldest = this.weeks.keys().next();
    if (!oldest.done) this.weeks.delete(oldest.value);
  }
}

/** Checks a spec and prepares it for fast arithmetic; throws InvalidCalendarError or NoBusinessHoursError. */
export function compileCalendar(spec: CalendarSpec): BusinessCalendar {
  return new BusinessCalendar(spec.timezone, readCalendarSpec(spec));
}
