import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  type CalendarSpec,
  InvalidCalendarError,
  NoBusinessHoursError,
  addBusinessDays,
  addBusinessTime,
  businessMinutesBetween,
  compileCalendar,
  nextOpening,
} from "./index.js";

const ZONE = "Europe/Madrid";
const madrid = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const WORKDAY = [{ start: 600, end: 1140 }];
const weekdays: CalendarSpec["hours"] = {
  kind: "weekly",
  days: { 1: WORKDAY, 2: WORKDAY, 3: WORKDAY, 4: WORKDAY, 5: WORKDAY },
};

describe("a calendar without contact hours", () => {
  it("with no hours on any weekday is refused when compiled", () => {
    expect(() => compileCalendar({ timezone: ZONE, hours: { kind: "weekly", days: {} }, holidays: [] })).toThrow(
      NoBusinessHoursError,
    );
    expect(() => compileCalendar({ timezone: ZONE, hours: { kind: "weekly", days: { 3: [] } }, holidays: [] })).toThrow(
      NoBusinessHoursError,
    );
  });

  describe("whose holidays cover every day a search can reach", () => {
    const closedForYears = compileCalendar({
      timezone: ZONE,
      hours: weekdays,
      holidays: [{ from: "2026-01-01", to: "2035-12-31" }],
    });
    const start = madrid("2026-06-01T12:00");

    it("gives up on a deadline with a clear error", () => {
      expect(() => addBusinessTime(closedForYears, start, 30)).toThrow(NoBusinessHoursError);
      expect(() => addBusinessTime(closedForYears, start, 30)).toThrow(
        /no contact hours in the two years after 2026-06-01/,
      );
      expect(() => addBusinessDays(closedForYears, start, 2)).toThrow(NoBusinessHoursError);
      expect(() => nextOpening(closedForYears, start)).toThrow(NoBusinessHoursError);
    });

    it("still measures business time up to the start of the holidays", () => {
      expect(businessMinutesBetween(closedForYears, madrid("2025-12-31T18:00"), madrid("2025-12-31T20:00"))).toBe(60);
    });
  });

  it("reaches hours beyond a long holiday that ends within two years", () => {
    const sabbatical = compileCalendar({
      timezone: ZONE,
      hours: weekdays,
      holidays: [{ from: "2026-01-01", to: "2027-06-30" }],
    });
    expect(nextOpening(sabbatical, madrid("2026-01-01T09:00"))).toBe(madrid("2027-07-01T10:00"));
  });
});

describe("a spec that breaks its own rules", () => {
  const valid: CalendarSpec = { timezone: ZONE, hours: weekdays, holidays: [] };

  it.each<[string, CalendarSpec]>([
    ["an unknown time zone", { ...valid, timezone: "Europe/Atlantis" }],
    [
      "overlapping hours",
      {
        ...valid,
        hours: {
          kind: "weekly",
          days: {
            1: [
              { start: 600, end: 800 },
              { start: 700, end: 900 },
            ],
          },
        },
      },
    ],
    [
      "unsorted hours",
      {
        ...valid,
        hours: {
          kind: "weekly",
          days: {
            1: [
              { start: 840, end: 900 },
              { start: 600, end: 700 },
            ],
          },
        },
      },
    ],
    ["hours past midnight", { ...valid, hours: { kind: "weekly", days: { 1: [{ start: 1200, end: 1500 }] } } }],
    ["an empty interval", { ...valid, hours: { kind: "weekly", days: { 1: [{ start: 600, end: 600 }] } } }],
    ["a date that does not exist", { ...valid, holidays: [{ from: "2026-02-30", to: "2026-02-30" }] }],
    ["a range that ends before it starts", { ...valid, holidays: [{ from: "2026-12-26", to: "2026-12-24" }] }],
  ])("is refused: %s", (_, spec) => {
    expect(() => compileCalendar(spec)).toThrow(InvalidCalendarError);
  });
});

describe("a long-lived calendar", () => {
  it("answers the same after its cache has turned over", () => {
    const calendar = compileCalendar({
      timezone: ZONE,
      hours: weekdays,
      holidays: [{ from: "2026-12-08", to: "2026-12-08" }],
    });
    const start = madrid("2026-12-07T18:00");
    const before = addBusinessTime(calendar, start, 120);
    businessMinutesBetween(calendar, madrid("2027-01-01T00:00"), madrid("2038-01-01T00:00"));
    expect(addBusinessTime(calendar, start, 120)).toBe(before);
    expect(before).toBe(madrid("2026-12-09T11:00"));
  });
});
