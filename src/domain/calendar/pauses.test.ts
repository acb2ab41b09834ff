import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type DailyInterval, addBusinessTime, businessMinutesBetween, compileCalendar } from "./index.js";

const ZONE = "Europe/Madrid";
const madrid = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const local = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toFormat("ccc yyyy-MM-dd HH:mm");
const pause = (from: string, to: string) => ({ start: madrid(from), end: madrid(to) });
const DAY: DailyInterval[] = [
  { start: 10 * 60, end: 13 * 60 },
  { start: 14 * 60, end: 19 * 60 },
];
const office = compileCalendar({
  timezone: ZONE,
  hours: { kind: "weekly", days: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY } },
  holidays: [],
});
const mondayTen = madrid("2026-11-30T10:00");

describe("a deadline while the work waits on the other side", () => {
  it("moves later by exactly the paused business time", () => {
    expect(local(addBusinessTime(office, mondayTen, 120, [pause("2026-11-30T10:30", "2026-11-30T11:00")]))).toBe(
      "Mon 2026-11-30 12:30",
    );
  });

  it("counts only the paused time that was inside hours", () => {
    const overLunch = [pause("2026-11-30T12:30", "2026-11-30T14:30")];
    expect(local(addBusinessTime(office, mondayTen, 240))).toBe("Mon 2026-11-30 15:00");
    expect(local(addBusinessTime(office, mondayTen, 240, overLunch))).toBe("Mon 2026-11-30 16:00");
  });

  it("a pause begun before the request counts from the pause's end", () => {
    expect(local(addBusinessTime(office, mondayTen, 60, [pause("2026-11-30T09:00", "2026-11-30T11:00")]))).toBe(
      "Mon 2026-11-30 12:00",
    );
  });

  it("a deadline that would fall inside a pause waits for it to end", () => {
    expect(local(addBusinessTime(office, mondayTen, 60, [pause("2026-11-30T10:30", "2026-11-30T16:00")]))).toBe(
      "Mon 2026-11-30 16:30",
    );
  });

  it("a pause outside hours changes nothing", () => {
    const fridayEvening = madrid("2026-11-27T18:00");
    const weekend = [pause("2026-11-27T19:00", "2026-11-30T10:00")];
    expect(addBusinessTime(office, fridayEvening, 120, weekend)).toBe(addBusinessTime(office, fridayEvening, 120));
  });

  it("overlapping pauses, in any order, are paused once", () => {
    const overlapping = [pause("2026-11-30T10:45", "2026-11-30T11:15"), pause("2026-11-30T10:30", "2026-11-30T11:00")];
    expect(local(addBusinessTime(office, mondayTen, 120, overlapping))).toBe("Mon 2026-11-30 12:45");
  });

  it("a pause spanning days carries the deadline past them", () => {
    const tuesdayAndWednesday = [pause("2026-12-01T00:00", "2026-12-03T00:00")];
    expect(local(addBusinessTime(office, madrid("2026-11-30T18:00"), 120, tuesdayAndWednesday))).toBe(
      "Thu 2026-12-03 11:00",
    );
  });
});

describe("business time measured across pauses", () => {
  it("leaves out the paused part of the day", () => {
    const paused = [pause("2026-11-30T12:00", "2026-11-30T15:00")];
    expect(businessMinutesBetween(office, mondayTen, madrid("2026-11-30T19:00"), paused)).toBe(480 - 120);
  });

  it("ignores pauses outside the measured span", () => {
    const elsewhere = [pause("2026-11-27T10:00", "2026-11-27T19:00"), pause("2026-12-01T10:00", "2026-12-01T19:00")];
    expect(businessMinutesBetween(office, mondayTen, madrid("2026-11-30T19:00"), elsewhere)).toBe(480);
  });

  it("rejects a pause that is not an instant", () => {
    expect(() =>
      businessMinutesBetween(office, mondayTen, mondayTen + 1, [{ start: Number.NaN, end: mondayTen }]),
    ).toThrow(RangeError);
  });
});
