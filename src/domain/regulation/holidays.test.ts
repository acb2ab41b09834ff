import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { DateRange } from "../calendar/calendar-spec.js";
import { formatHolidays, parseHolidays } from "./holidays.js";

const day = (date: string): DateRange => ({ from: date, to: date });

describe("reading holidays", () => {
  it.each<[string, string, DateRange[]]>([
    ["a date and a range", "2026-12-31, 2027-01-01..2027-01-08", [{ from: "2026-12-31", to: "2027-01-08" }]],
    ["dates apart stay apart", "2027-05-01, 2027-05-09", [day("2027-05-01"), day("2027-05-09")]],
    [
      "any order, sorted",
      "2027-05-09; 2027-03-08 2027-01-07",
      [day("2027-01-07"), day("2027-03-08"), day("2027-05-09")],
    ],
    [
      "a range written with spaces and a dash",
      "2027-01-01 .. 2027-01-08, 2027-03-01 – 2027-03-02",
      [
        { from: "2027-01-01", to: "2027-01-08" },
        { from: "2027-03-01", to: "2027-03-02" },
      ],
    ],
    [
      "overlapping ranges are joined",
      "2027-01-01..2027-01-08, 2027-01-05..2027-01-10",
      [{ from: "2027-01-01", to: "2027-01-10" }],
    ],
    [
      "a date inside a range is absorbed",
      "2027-01-01..2027-01-08, 2027-01-03",
      [{ from: "2027-01-01", to: "2027-01-08" }],
    ],
    ["a leap day", "2028-02-29", [day("2028-02-29")]],
    ["none clears them", "none", []],
    ["a dash clears them", "-", []],
  ])("reads %s: %s", (_name, text, holidays) => {
    expect(parseHolidays(text)).toEqual({ ok: true, value: holidays });
  });

  it.each<[string, string, string, Record<string, string>]>([
    ["a day February does not have", "2027-02-30", "regulation-error-impossible-date", { value: "2027-02-30" }],
    ["a 13th month", "2027-12-31, 2027-13-01", "regulation-error-impossible-date", { value: "2027-13-01" }],
    ["a leap day in a common year", "2027-02-29", "regulation-error-impossible-date", { value: "2027-02-29" }],
    [
      "a reversed range",
      "2027-01-08..2027-01-01",
      "regulation-error-reversed-range",
      { from: "2027-01-08", to: "2027-01-01" },
    ],
    ["a date in another format", "31.12.2026", "regulation-error-holidays-syntax", { value: "31.12.2026" }],
    ["a word", "christmas", "regulation-error-holidays-syntax", { value: "christmas" }],
    [
      "a range with three ends",
      "2027-01-01..2027-01-02..2027-01-03",
      "regulation-error-holidays-syntax",
      { value: "2027-01-01..2027-01-02..2027-01-03" },
    ],
  ])("refuses %s: %s", (_name, text, code, args) => {
    expect(parseHolidays(text)).toEqual({ ok: false, error: { code, args } });
  });
});

describe("writing holidays", () => {
  it("writes single days as dates, ranges with two dots, and no holidays as none", () => {
    expect(formatHolidays([day("2026-12-31"), { from: "2027-01-02", to: "2027-01-08" }])).toBe(
      "2026-12-31, 2027-01-02..2027-01-08",
    );
    expect(formatHolidays([])).toBe("none");
  });

  it("reads back exactly the holidays it wrote, for any sorted, separate ranges", () => {
    fc.assert(
      fc.property(holidays(), (ranges) => {
        expect(parseHolidays(formatHolidays(ranges))).toEqual({ ok: true, value: ranges });
      }),
    );
  });
});

/** Canonical holidays: sorted ranges with at least one working day between them. */
function holidays(): fc.Arbitrary<DateRange[]> {
  const gapAndLength = fc.tuple(fc.integer({ min: 2, max: 400 }), fc.integer({ min: 0, max: 20 }));
  return fc.array(gapAndLength, { maxLength: 8 }).map((steps) => {
    let cursor = DateTime.fromISO("2025-12-20", { zone: "utc" });
    return steps.map(([gap, length]) => {
      const from = cursor.plus({ days: gap });
      cursor = from.plus({ days: length });
      return { from: from.toISODate()!, to: cursor.toISODate()! };
    });
  });
}
