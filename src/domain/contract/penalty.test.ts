import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "../calendar/index.js";
import { calendarDaysLate, latePenalty } from "./penalty.js";

const zone = "Europe/Madrid";
const calendar = compileCalendar({
  timezone: zone,
  hours: {
    kind: "weekly",
    days: {
      1: [{ start: 600, end: 1140 }],
      2: [{ start: 600, end: 1140 }],
      3: [{ start: 600, end: 1140 }],
      4: [{ start: 600, end: 1140 }],
      5: [{ start: 600, end: 1140 }],
    },
  },
  holidays: [],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const guide = { fixedPercent: 10, perDayPercent: 2, days: "business" as const, clause: "clause 7.1" };
const sum = { amount: 3000, currency: "EUR" };

describe("the penalty for a late stage", () => {
  it("is the guide's 10% plus 2% per business day late, of the contract sum", () => {
    // Due Friday 19:00, done the next Wednesday: Mon, Tue, Wed are three business days late.
    expect(latePenalty(guide, sum, calendar, at("2026-12-04T19:00"), at("2026-12-09T12:00"))).toEqual({
      daysLate: 3,
      days: "business",
      fixedPercent: 10,
      perDayPercent: 2,
      countedPercent: 16,
      percent: 16,
      sum: 3000,
      amount: 480,
      currency: "EUR",
      clause: "clause 7.1",
    });
  });

  it("is nothing for a stage done on time", () => {
    expect(latePenalty(guide, sum, calendar, at("2026-12-04T19:00"), at("2026-12-04T19:00"))).toBeUndefined();
  });

  it("counts calendar days when the contract does, weekends included", () => {
    const penalty = latePenalty(
      { ...guide, days: "calendar" },
      sum,
      calendar,
      at("2026-12-04T19:00"),
      at("2026-12-09T12:00"),
    );
    expect(penalty).toMatchObject({ daysLate: 5, countedPercent: 20, amount: 600 });
  });

  it("stops at the cap", () => {
    const penalty = latePenalty(
      { ...guide, capPercent: 14 },
      sum,
      calendar,
      at("2026-12-04T19:00"),
      at("2026-12-09T12:00"),
    );
    expect(penalty).toMatchObject({ countedPercent: 16, percent: 14, capPercent: 14, amount: 420 });
  });

  it("gives a share only when the contract sum is not set", () => {
    const penalty = latePenalty(guide, null, calendar, at("2026-12-04T19:00"), at("2026-12-07T12:00"));
    expect(penalty).toMatchObject({ daysLate: 1, percent: 12 });
    expect(penalty).not.toHaveProperty("amount");
  });

  it("counts a calendar day across a clock change as one day", () => {
    // Spain moves its clocks back on 2026-10-25: that day has 25 hours.
    expect(calendarDaysLate(zone, at("2026-10-24T19:00"), at("2026-10-25T19:00"))).toBe(1);
    expect(calendarDaysLate(zone, at("2026-10-24T19:00"), at("2026-10-25T19:01"))).toBe(2);
    expect(calendarDaysLate(zone, at("2026-10-24T19:00"), at("2026-10-24T19:00"))).toBe(0);
  });
});
