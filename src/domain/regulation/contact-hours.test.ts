import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContactHours, DailyInterval, Weekday } from "../calendar/calendar-spec.js";
import { formatContactHours, parseContactHours } from "./contact-hours.js";

const at = (hour: number, minute = 0) => hour * 60 + minute;
const officeHours: DailyInterval[] = [{ start: at(10), end: at(19) }];
const weekly = (days: Partial<Record<Weekday, DailyInterval[]>>): ContactHours => ({ kind: "weekly", days });

describe("reading contact hours", () => {
  it.each<[string, string, ContactHours]>([
    [
      "a working week",
      "Mon-Fri 10:00-19:00",
      weekly({ 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours }),
    ],
    ["round the clock", "24/7", { kind: "always" }],
    [
      "a lunch break and a short Saturday",
      "Mon-Fri 10:00-13:00,14:00-19:00; Sat 11:00-14:00",
      weekly({
        1: [
          { start: at(10), end: at(13) },
          { start: at(14), end: at(19) },
        ],
        2: [
          { start: at(10), end: at(13) },
          { start: at(14), end: at(19) },
        ],
        3: [
          { start: at(10), end: at(13) },
          { start: at(14), end: at(19) },
        ],
        4: [
          { start: at(10), end: at(13) },
          { start: at(14), end: at(19) },
        ],
        5: [
          { start: at(10), end: at(13) },
          { start: at(14), end: at(19) },
        ],
        6: [{ start: at(11), end: at(14) }],
      }),
    ],
    [
      "lower case and bare hours",
      "mon-fri 10-19",
      weekly({ 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours }),
    ],
    [
      "Russian day names with dashes a phone typed",
      "Пн–Пт 10–19",
      weekly({ 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours }),
    ],
    [
      "Russian names in any case",
      "пн, СР 9:30-12:00",
      weekly({ 1: [{ start: at(9, 30), end: at(12) }], 3: [{ start: at(9, 30), end: at(12) }] }),
    ],
    [
      "Spanish names with and without accents",
      "Lun-Vie 9-14; Sáb 10-13, dom 10-12, Mié 16-18",
      weekly({
        1: [{ start: at(9), end: at(14) }],
        2: [{ start: at(9), end: at(14) }],
        3: [
          { start: at(9), end: at(14) },
          { start: at(16), end: at(18) },
        ],
        4: [{ start: at(9), end: at(14) }],
        5: [{ start: at(9), end: at(14) }],
        6: [{ start: at(10), end: at(13) }],
        7: [{ start: at(10), end: at(12) }],
      }),
    ],
    [
      "Spanish Wednesday and Saturday without accents",
      "Mie 10-12; Sab 10-12",
      weekly({ 3: [{ start: at(10), end: at(12) }], 6: [{ start: at(10), end: at(12) }] }),
    ],
    [
      "a weekend range",
      "Sat-Sun 11:00-14:00",
      weekly({ 6: [{ start: at(11), end: at(14) }], 7: [{ start: at(11), end: at(14) }] }),
    ],
    [
      "a range wrapping past Sunday",
      "Fri-Mon 10:00-12:00",
      weekly({
        5: [{ start: at(10), end: at(12) }],
        6: [{ start: at(10), end: at(12) }],
        7: [{ start: at(10), end: at(12) }],
        1: [{ start: at(10), end: at(12) }],
      }),
    ],
    ["an evening until 24:00", "Mon 18:00-24:00", weekly({ 1: [{ start: at(18), end: at(24) }] })],
    [
      "an evening until 00:00, meaning the coming midnight",
      "Mon 18:00-00:00",
      weekly({ 1: [{ start: at(18), end: at(24) }] }),
    ],
    ["intervals that touch are joined", "Mon 10:00-13:00,13:00-19:00", weekly({ 1: officeHours })],
    [
      "a day listed twice is merged",
      "Mon-Fri 10-13; Mon 15-17",
      weekly({
        1: [
          { start: at(10), end: at(13) },
          { start: at(15), end: at(17) },
        ],
        2: [{ start: at(10), end: at(13) }],
        3: [{ start: at(10), end: at(13) }],
        4: [{ start: at(10), end: at(13) }],
        5: [{ start: at(10), end: at(13) }],
      }),
    ],
    [
      "the same hours repeated are no conflict",
      "Mon-Fri 10-19; Mon 10:00-19:00",
      weekly({ 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours }),
    ],
    ["a list of single days", "Mon, Wed, Fri 10-19", weekly({ 1: officeHours, 3: officeHours, 5: officeHours })],
  ])("reads %s: %s", (_name, text, hours) => {
    expect(parseContactHours(text)).toEqual({ ok: true, value: hours });
  });

  it.each<[string, string, string, Record<string, string | number>]>([
    ["an hour past 23", "Mon-Fri 10:00-25:00", "regulation-error-impossible-time", { time: "25:00" }],
    ["a 60th minute", "Mon 10:60-12:00", "regulation-error-impossible-time", { time: "10:60" }],
    ["24:00 as a start", "Mon 24:00-10:00", "regulation-error-impossible-time", { time: "24:00" }],
    [
      "an interval across midnight",
      "Mon-Fri 19:00-10:00",
      "regulation-error-hours-cross-midnight",
      {
        value: "19:00-10:00",
        suggestion: "Mon-Fri 19:00-24:00; Tue-Sat 00:00-10:00",
      },
    ],
    [
      "a weekend night",
      "Sat-Sun 22-6",
      "regulation-error-hours-cross-midnight",
      { value: "22:00-06:00", suggestion: "Sat-Sun 22:00-24:00; Sun-Mon 00:00-06:00" },
    ],
    [
      "overlapping intervals in one group",
      "Mon-Fri 10:00-14:00,13:00-19:00",
      "regulation-error-hours-overlap",
      { day: 1, first: "10:00-14:00", second: "13:00-19:00" },
    ],
    [
      "overlapping intervals from two groups",
      "Mon-Fri 10-19; Wed 18-20",
      "regulation-error-hours-overlap",
      { day: 3, first: "10:00-19:00", second: "18:00-20:00" },
    ],
    [
      "an interval inside another",
      "Sun 10-19, 12-13",
      "regulation-error-hours-overlap",
      { day: 7, first: "10:00-19:00", second: "12:00-13:00" },
    ],
    ["an empty interval", "Mon 10:00-10:00", "regulation-error-hours-empty-interval", { value: "10:00-10:00" }],
    ["an unknown day", "Mox-Fri 10-19", "regulation-error-unknown-day", { day: "Mox" }],
    ["days separated by a space", "Mon Wed 10-19", "regulation-error-unknown-day", { day: "Mon Wed" }],
    ["times without days", "10:00-19:00", "regulation-error-hours-no-days", { value: "10:00-19:00" }],
    ["days without times", "Mon-Fri", "regulation-error-hours-syntax", { value: "Mon-Fri" }],
    ["a single time", "Mon-Fri 10", "regulation-error-hours-syntax", { value: "10" }],
    ["a three-day chain", "Mon-Wed-Fri 10-19", "regulation-error-hours-syntax", { value: "Mon-Wed-Fri" }],
    ["a time that is not a clock time", "Mon 10am-7pm", "regulation-error-hours-syntax", { value: "10am-7pm" }],
  ])("refuses %s: %s", (_name, text, code, args) => {
    expect(parseContactHours(text)).toEqual({ ok: false, error: { code, args } });
  });
});

describe("writing contact hours", () => {
  it("writes days with the same hours as one group, in week order", () => {
    const split = [
      { start: at(10), end: at(13) },
      { start: at(14), end: at(19) },
    ];
    const hours = weekly({
      1: split,
      2: split,
      3: [{ start: at(12), end: at(16) }],
      4: split,
      5: split,
      6: [{ start: at(11), end: at(14) }],
    });
    expect(formatContactHours(hours)).toBe("Mon-Tue,Thu-Fri 10:00-13:00,14:00-19:00; Wed 12:00-16:00; Sat 11:00-14:00");
  });

  it("writes a run past Sunday as one range, and 24:00 as the end of a day", () => {
    const evening = [{ start: at(18), end: at(24) }];
    expect(formatContactHours(weekly({ 1: evening, 6: evening, 7: evening, 3: officeHours }))).toBe(
      "Wed 10:00-19:00; Sat-Mon 18:00-24:00",
    );
  });

  it("writes every day and round the clock", () => {
    const allWeek = {
      1: officeHours,
      2: officeHours,
      3: officeHours,
      4: officeHours,
      5: officeHours,
      6: officeHours,
      7: officeHours,
    };
    expect(formatContactHours(weekly(allWeek))).toBe("Mon-Sun 10:00-19:00");
    expect(formatContactHours({ kind: "always" })).toBe("24/7");
  });

  it("reads back exactly the hours it wrote, for any weekly hours", () => {
    fc.assert(
      fc.property(contactHours(), (hours) => {
        expect(parseContactHours(formatContactHours(hours))).toEqual({ ok: true, value: hours });
      }),
    );
  });
});

/** Canonical hours: sorted intervals that neither overlap nor touch; days often share intervals, as in real weeks. */
function contactHours(): fc.Arbitrary<ContactHours> {
  const dayIntervals = fc
    .uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 2, maxLength: 8 })
    .map((points) => {
      const sorted = [...points].sort((a, b) => a - b);
      const intervals: DailyInterval[] = [];
      for (let index = 0; index + 1 < sorted.length; index += 2)
        intervals.push({ start: sorted[index]!, end: sorted[index + 1]! });
      return intervals;
    });
  const weeklyHours = fc
    .tuple(fc.array(dayIntervals, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(3), { minLength: 7, maxLength: 7 }))
    .map(([choices, picks]) => {
      const days: Partial<Record<Weekday, DailyInterval[]>> = {};
      picks.forEach((pick, index) => {
        const intervals = choices[pick];
        if (intervals !== undefined) days[(index + 1) as Weekday] = intervals;
      });
      return weekly(days);
    })
    .filter((hours) => hours.kind === "weekly" && Object.keys(hours.days).length > 0);
  return fc.oneof(
    { arbitrary: weeklyHours, weight: 9 },
    { arbitrary: fc.constant<ContactHours>({ kind: "always" }), weight: 1 },
  );
}
