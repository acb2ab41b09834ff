import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  type CalendarSpec,
  type DailyInterval,
  type PauseInterval,
  type Weekday,
  addBusinessDays,
  addBusinessTime,
  businessMinutesBetween,
  closeOfLocalDay,
  compileCalendar,
  isWithinContactHours,
  nextOpening,
} from "./index.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const FROM = DateTime.fromISO("2026-01-01T00:00Z").toMillis();
const UNTIL = DateTime.fromISO("2027-12-31T00:00Z").toMillis();
/** Zones with DST both ways, a half-hour shift (Lord Howe), a midnight shift (Santiago) and none. */
const ZONES = ["Europe/Madrid", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "UTC"];

/** Sorted distinct quarter-hours paired off into a day's non-overlapping intervals. */
const dayHours: fc.Arbitrary<DailyInterval[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .map((quarters) => {
    const points = quarters.sort((a, b) => a - b).map((quarter) => quarter * 15);
    const intervals: DailyInterval[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) intervals.push({ start: points[i] ?? 0, end: points[i + 1] ?? 0 });
    return intervals;
  });

const weeklyHours = fc
  .tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours)
  .filter((week) => week.some((day) => day.length > 0))
  .map((week) => ({
    kind: "weekly" as const,
    days: Object.fromEntries(week.map((day, index) => [index + 1, day])) as Partial<Record<Weekday, DailyInterval[]>>,
  }));

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const holidays = fc.array(
  fc.tuple(fc.integer({ min: FROM, max: UNTIL }), fc.integer({ min: 0, max: 10 })).map(([first, days]) => ({
    from: isoDate(first),
    to: isoDate(first + days * DAY_MS),
  })),
  { maxLength: 4 },
);

const calendarSpec: fc.Arbitrary<CalendarSpec> = fc.record({
  timezone: fc.constantFrom(...ZONES),
  hours: fc.oneof(
    { arbitrary: fc.constant({ kind: "always" as const }), weight: 1 },
    { arbitrary: weeklyHours, weight: 4 },
  ),
  holidays,
});
const calendar = calendarSpec.map(compileCalendar);
const instant = fc.integer({ min: FROM, max: UNTIL });
const minutes = fc.integer({ min: 0, max: 3000 });

/** Disjoint pauses of up to five days each, from sorted distinct cut points. */
const pauses: fc.Arbitrary<PauseInterval[]> = fc.uniqueArray(instant, { maxLength: 6 }).map((cuts) => {
  const points = cuts.sort((a, b) => a - b);
  const result: PauseInterval[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const start = points[i] ?? 0;
    result.push({ start, end: Math.min(points[i + 1] ?? 0, start + 5 * DAY_MS) });
  }
  return result;
});

const isPaused = (ms: number, paused: PauseInterval[]): boolean => paused.some((p) => p.start <= ms && ms < p.end);

describe("laws of business time", () => {
  it("measuring from the start to the due time gives back the duration", () => {
    fc.assert(
      fc.property(calendar, instant, minutes, pauses, (cal, start, duration, paused) => {
        const due = addBusinessTime(cal, start, duration, paused);
        expect(businessMinutesBetween(cal, start, due, paused)).toBe(duration);
      }),
    );
  });

  it("a due time is inside contact hours or exactly at a close, never in a pause", () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes.filter((m) => m > 0),
        pauses,
        (cal, start, duration, paused) => {
          const due = addBusinessTime(cal, start, duration, paused);
          // The millisecond before the due time was counted, so it was open contact time.
          expect(isWithinContactHours(cal, due - 1)).toBe(true);
          expect(isPaused(due - 1, paused)).toBe(false);
        },
      ),
    );
  });

  it("a later start never gives an earlier due time", () => {
    fc.assert(
      fc.property(calendar, instant, instant, minutes, pauses, (cal, a, b, duration, paused) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addBusinessTime(cal, early, duration, paused)).toBeLessThanOrEqual(
          addBusinessTime(cal, late, duration, paused),
        );
      }),
    );
  });

  it("adding in two steps is adding once", () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, start, first, second) => {
        expect(addBusinessTime(cal, addBusinessTime(cal, start, first), second)).toBe(
          addBusinessTime(cal, start, first + second),
        );
      }),
    );
  });

  it("pauses never bring a deadline earlier", () => {
    fc.assert(
      fc.property(calendar, instant, minutes, pauses, (cal, start, duration, paused) => {
        expect(addBusinessTime(cal, start, duration, paused)).toBeGreaterThanOrEqual(
          addBusinessTime(cal, start, duration),
        );
      }),
    );
  });

  it("measuring across pauses leaves out exactly the business time they cover", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 60 * DAY_MS }), pauses, (cal, from, span, paused) => {
        const to = from + span;
        const covered = paused.reduce(
          (sum, p) => sum + businessMinutesBetween(cal, Math.max(p.start, from), Math.min(p.end, to)),
          0,
        );
        expect(businessMinutesBetween(cal, from, to, paused)).toBeCloseTo(
          businessMinutesBetween(cal, from, to) - covered,
          6,
        );
      }),
    );
  });

  it("the next opening is open, not before the instant, and no business time lies before it", () => {
    fc.assert(
      fc.property(calendar, instant, (cal, ms) => {
        const opening = nextOpening(cal, ms);
        expect(opening).toBeGreaterThanOrEqual(ms);
        expect(isWithinContactHours(cal, opening)).toBe(true);
        expect(businessMinutesBetween(cal, ms, opening)).toBe(0);
      }),
    );
  });
});

describe("laws of business days", () => {
  const days = fc.integer({ min: 0, max: 10 });

  it("a due day ends at the close of a business day, after the start", () => {
    fc.assert(
      fc.property(calendar, instant, days, pauses, (cal, start, count, paused) => {
        const due = addBusinessDays(cal, start, count, paused);
        expect(due).toBeGreaterThan(start);
        expect(closeOfLocalDay(cal, due - 1)).toBe(due);
      }),
    );
  });

  it("a later start never gives an earlier due day", () => {
    fc.assert(
      fc.property(calendar, instant, instant, days, pauses, (cal, a, b, count, paused) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addBusinessDays(cal, early, count, paused)).toBeLessThanOrEqual(
          addBusinessDays(cal, late, count, paused),
        );
      }),
    );
  });
});
