import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type DailyInterval, closeOfLocalDay, compileCalendar, isWithinContactHours, nextOpening } from "./index.js";

const ZONE = "Europe/Madrid";
const madrid = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const local = (ms: number | null): string | null =>
  ms === null ? null : DateTime.fromMillis(ms, { zone: ZONE }).toFormat("ccc yyyy-MM-dd HH:mm");
const DAY: DailyInterval[] = [
  { start: 10 * 60, end: 13 * 60 },
  { start: 14 * 60, end: 19 * 60 },
];
const office = compileCalendar({
  timezone: ZONE,
  hours: { kind: "weekly", days: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY } },
  holidays: [{ from: "2026-12-08", to: "2026-12-08" }],
});

describe("whether someone is owed a reply now", () => {
  it.each([
    ["2026-12-03T10:00", true, "opening"],
    ["2026-12-03T12:59", true, "just before lunch"],
    ["2026-12-03T13:00", false, "the lunch gap"],
    ["2026-12-03T18:59", true, "the last minute"],
    ["2026-12-03T19:00", false, "closing time"],
    ["2026-12-05T12:00", false, "Saturday"],
    ["2026-12-08T12:00", false, "a holiday"],
  ])("at %s (%s: %s)", (iso, expected) => {
    expect(isWithinContactHours(office, madrid(iso))).toBe(expected);
  });
});

describe("when contact hours next begin", () => {
  it("is now while they are on", () => {
    expect(nextOpening(office, madrid("2026-12-03T11:15"))).toBe(madrid("2026-12-03T11:15"));
  });

  it("is 14:00 during lunch", () => {
    expect(local(nextOpening(office, madrid("2026-12-03T13:00")))).toBe("Thu 2026-12-03 14:00");
  });

  it("is Monday 10:00 after Friday's close", () => {
    expect(local(nextOpening(office, madrid("2026-12-04T23:10")))).toBe("Mon 2026-12-07 10:00");
  });

  it("is the day after a holiday", () => {
    expect(local(nextOpening(office, madrid("2026-12-07T19:00")))).toBe("Wed 2026-12-09 10:00");
  });
});

describe("when today's contact hours end", () => {
  it("is the close of the last interval, whatever the hour", () => {
    expect(local(closeOfLocalDay(office, madrid("2026-12-03T07:00")))).toBe("Thu 2026-12-03 19:00");
    expect(local(closeOfLocalDay(office, madrid("2026-12-03T23:30")))).toBe("Thu 2026-12-03 19:00");
  });

  it("is null on a weekend or a holiday", () => {
    expect(closeOfLocalDay(office, madrid("2026-12-05T12:00"))).toBeNull();
    expect(closeOfLocalDay(office, madrid("2026-12-08T12:00"))).toBeNull();
  });

  it("is the next midnight around the clock", () => {
    const always = compileCalendar({ timezone: ZONE, hours: { kind: "always" }, holidays: [] });
    expect(local(closeOfLocalDay(always, madrid("2026-12-05T12:00")))).toBe("Sun 2026-12-06 00:00");
  });
});
