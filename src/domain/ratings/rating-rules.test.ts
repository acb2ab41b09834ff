import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type DailyInterval, compileCalendar, isWithinContactHours } from "../calendar/index.js";
import { isLowRating, localMonth, nextMonthlyAskAt, occasionOf, occasionSource } from "./rating-rules.js";

const ZONE = "Europe/Madrid";
const madrid = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const local = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toFormat("ccc yyyy-MM-dd HH:mm");
const DAY: DailyInterval[] = [{ start: 10 * 60, end: 19 * 60 }];
const office = compileCalendar({
  timezone: ZONE,
  hours: { kind: "weekly", days: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY } },
  holidays: [{ from: "2027-01-01", to: "2027-01-06" }],
});

describe("when the month's rating is asked", () => {
  it("is the 1st at 11:00 on a business day", () => {
    expect(local(nextMonthlyAskAt(office, ZONE, madrid("2026-11-20T09:00")))).toBe("Tue 2026-12-01 11:00");
  });

  it("moves a 1st on a weekend to Monday's opening", () => {
    expect(local(nextMonthlyAskAt(office, ZONE, madrid("2026-12-15T09:00")))).toBe("Thu 2027-01-07 10:00");
    expect(local(nextMonthlyAskAt(office, ZONE, madrid("2027-04-10T09:00")))).toBe("Mon 2027-05-03 10:00");
  });

  it("moves past holidays, and is next month's once this month's has passed", () => {
    expect(local(nextMonthlyAskAt(office, ZONE, madrid("2026-12-01T11:00")))).toBe("Thu 2027-01-07 10:00");
    expect(local(nextMonthlyAskAt(office, ZONE, madrid("2026-12-01T10:59")))).toBe("Tue 2026-12-01 11:00");
  });

  it("is always later, within contact hours, and at most one a month", () => {
    const start = madrid("2026-01-01T00:00");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }), (minutes) => {
        const after = start + minutes * 60_000;
        const due = nextMonthlyAskAt(office, ZONE, after);
        const next = nextMonthlyAskAt(office, ZONE, due);
        expect(due).toBeGreaterThan(after);
        expect(isWithinContactHours(office, due)).toBe(true);
        expect(localMonth(next, ZONE)).not.toBe(localMonth(due, ZONE));
      }),
    );
  });
});

describe("the rating's rules", () => {
  it("calls 3 or less low", () => {
    expect([1, 2, 3, 4, 5].map(isLowRating)).toEqual([true, true, true, false, false]);
  });

  it("keys each occasion once and reads the key back", () => {
    for (const occasion of [
      { kind: "revision", obligationId: 12 },
      { kind: "monthly", month: "2026-12" },
    ] as const)
      expect(occasionOf(occasionSource(occasion))).toEqual(occasion);
    expect(occasionOf("weekly:1")).toBeUndefined();
  });
});
