import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  type CalendarSpec,
  type DailyInterval,
  addBusinessTime,
  businessMinutesBetween,
  compileCalendar,
} from "./index.js";

const ZONE = "Europe/Madrid";
const madrid = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const local = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toFormat("ccc yyyy-MM-dd HH:mm");
const OFFICE_DAY: DailyInterval[] = [
  { start: 10 * 60, end: 13 * 60 },
  { start: 14 * 60, end: 19 * 60 },
];

/** Mon-Fri 10:00-13:00 and 14:00-19:00 in Madrid; Tuesday 8 December and 24-26 December off. */
const officeSpec: CalendarSpec = {
  timezone: ZONE,
  hours: { kind: "weekly", days: { 1: OFFICE_DAY, 2: OFFICE_DAY, 3: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY } },
  holidays: [
    { from: "2026-12-08", to: "2026-12-08" },
    { from: "2026-12-24", to: "2026-12-26" },
  ],
};
const office = compileCalendar(officeSpec);

describe("a reply due within business time", () => {
  it("written at 08:30, before opening, counts from 10:00", () => {
    expect(local(addBusinessTime(office, madrid("2026-11-30T08:30"), 120))).toBe("Mon 2026-11-30 12:00");
  });

  it("a 2h window from 17:00 is due at 19:00 the same day, the closing time itself", () => {
    expect(local(addBusinessTime(office, madrid("2026-12-03T17:00"), 120))).toBe("Thu 2026-12-03 19:00");
  });

  it("a window that runs past closing continues at the next opening", () => {
    expect(local(addBusinessTime(office, madrid("2026-12-03T18:00"), 120))).toBe("Fri 2026-12-04 11:00");
  });

  it("the lunch gap does not count", () => {
    expect(local(addBusinessTime(office, madrid("2026-11-30T12:00"), 120))).toBe("Mon 2026-11-30 15:00");
  });

  it("written in the lunch gap, counts from 14:00", () => {
    expect(local(addBusinessTime(office, madrid("2026-11-30T13:30"), 30))).toBe("Mon 2026-11-30 14:30");
  });

  it("written on Saturday, counts from Monday's opening", () => {
    expect(local(addBusinessTime(office, madrid("2026-12-05T11:00"), 30))).toBe("Mon 2026-12-07 10:30");
  });

  it("skips a holiday", () => {
    expect(local(addBusinessTime(office, madrid("2026-12-07T18:00"), 120))).toBe("Wed 2026-12-09 11:00");
  });

  it("skips a holiday range and the weekend after it", () => {
    expect(local(addBusinessTime(office, madrid("2026-12-23T18:00"), 120))).toBe("Mon 2026-12-28 11:00");
  });

  it("written on a holiday, counts from the next business day", () => {
    expect(local(addBusinessTime(office, madrid("2026-12-08T11:00"), 60))).toBe("Wed 2026-12-09 11:00");
  });

  it("skips a weekday without hours", () => {
    const noWednesdays = compileCalendar({
      ...officeSpec,
      hours: { kind: "weekly", days: { 1: OFFICE_DAY, 2: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY } },
    });
    expect(local(addBusinessTime(noWednesdays, madrid("2026-12-01T18:00"), 120))).toBe("Thu 2026-12-03 11:00");
  });

  it("a window of six business days ends at a closing time more than a week later", () => {
    expect(local(addBusinessTime(office, madrid("2026-11-02T10:00"), 6 * 8 * 60))).toBe("Mon 2026-11-09 19:00");
  });

  it("a window of ten business days spans two weekends", () => {
    expect(local(addBusinessTime(office, madrid("2026-11-02T10:00"), 10 * 8 * 60))).toBe("Fri 2026-11-13 19:00");
  });

  it("a zero window returns the start unchanged, even outside hours", () => {
    const saturdayNight = madrid("2026-12-05T03:00");
    expect(addBusinessTime(office, saturdayNight, 0)).toBe(saturdayNight);
  });

  it("rejects a negative window", () => {
    expect(() => addBusinessTime(office, madrid("2026-12-03T10:00"), -5)).toThrow(RangeError);
  });
});

describe("business time between two instants", () => {
  it("counts Friday's last two hours and Monday's first one", () => {
    expect(businessMinutesBetween(office, madrid("2026-12-04T17:00"), madrid("2026-12-07T11:00"))).toBe(180);
  });

  it("leaves out the lunch gap", () => {
    expect(businessMinutesBetween(office, madrid("2026-11-30T12:30"), madrid("2026-11-30T14:30"))).toBe(60);
  });

  it("is zero over a weekend and over a holiday", () => {
    expect(businessMinutesBetween(office, madrid("2026-12-05T09:00"), madrid("2026-12-06T22:00"))).toBe(0);
    expect(businessMinutesBetween(office, madrid("2026-12-08T00:00"), madrid("2026-12-09T00:00"))).toBe(0);
  });

  it("is zero when the end is not after the start", () => {
    expect(businessMinutesBetween(office, madrid("2026-11-30T12:00"), madrid("2026-11-30T11:00"))).toBe(0);
  });

  it("counts fractions of a minute", () => {
    expect(businessMinutesBetween(office, madrid("2026-11-30T10:00:30"), madrid("2026-11-30T10:05"))).toBe(4.5);
  });
});

describe("a 24/7 calendar", () => {
  const always = compileCalendar({
    timezone: ZONE,
    hours: { kind: "always" },
    holidays: [{ from: "2026-12-25", to: "2026-12-25" }],
  });

  it("counts nights and weekends", () => {
    expect(local(addBusinessTime(always, madrid("2026-12-05T22:00"), 120))).toBe("Sun 2026-12-06 00:00");
  });

  it("still stops on holidays", () => {
    expect(local(addBusinessTime(always, madrid("2026-12-24T23:00"), 120))).toBe("Sat 2026-12-26 01:00");
    expect(businessMinutesBetween(always, madrid("2026-12-24T00:00"), madrid("2026-12-27T00:00"))).toBe(2 * 24 * 60);
  });
});

describe("hours that reach midnight", () => {
  const lateShift = compileCalendar({
    timezone: ZONE,
    hours: { kind: "weekly", days: { 1: [{ start: 20 * 60, end: 1440 }], 2: [{ start: 0, end: 2 * 60 }] } },
    holidays: [],
  });

  it("run on into the next day's early hours without a break", () => {
    expect(local(addBusinessTime(lateShift, madrid("2026-11-30T23:00"), 120))).toBe("Tue 2026-12-01 01:00");
  });
});
