import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type CalendarSpec, type DailyInterval, addBusinessDays, compileCalendar } from "./index.js";

const ZONE = "Europe/Madrid";
const madrid = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const local = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toFormat("ccc yyyy-MM-dd HH:mm");
const DAY: DailyInterval[] = [{ start: 10 * 60, end: 19 * 60 }];

/** Mon-Fri 10:00-19:00 in Madrid; Tuesday 8 December and 24-26 December off. */
const officeSpec: CalendarSpec = {
  timezone: ZONE,
  hours: { kind: "weekly", days: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY } },
  holidays: [
    { from: "2026-12-08", to: "2026-12-08" },
    { from: "2026-12-24", to: "2026-12-26" },
  ],
};
const office = compileCalendar(officeSpec);

describe("edits due within business days", () => {
  it("discussed on a Friday, 2 days are due Tuesday 19:00, live by Wednesday", () => {
    expect(local(addBusinessDays(office, madrid("2026-11-27T17:00"), 2))).toBe("Tue 2026-12-01 19:00");
  });

  it("the day of arrival is day 0 whatever the hour", () => {
    expect(local(addBusinessDays(office, madrid("2026-11-27T00:10"), 2))).toBe("Tue 2026-12-01 19:00");
    expect(local(addBusinessDays(office, madrid("2026-11-27T23:50"), 2))).toBe("Tue 2026-12-01 19:00");
  });

  it("asked on a Saturday, 2 days are also due Tuesday", () => {
    expect(local(addBusinessDays(office, madrid("2026-11-28T11:00"), 2))).toBe("Tue 2026-12-01 19:00");
  });

  it("a holiday is not a business day", () => {
    expect(local(addBusinessDays(office, madrid("2026-12-04T12:00"), 2))).toBe("Wed 2026-12-09 19:00");
  });

  it("a holiday range and the weekend after it are skipped", () => {
    expect(local(addBusinessDays(office, madrid("2026-12-23T12:00"), 2))).toBe("Tue 2026-12-29 19:00");
  });

  it("is due at the close of the day's last interval", () => {
    const shortFridays = compileCalendar({
      ...officeSpec,
      hours: {
        kind: "weekly",
        days: {
          1: DAY,
          2: DAY,
          3: DAY,
          4: DAY,
          5: [
            { start: 9 * 60, end: 11 * 60 },
            { start: 12 * 60, end: 15 * 60 },
          ],
        },
      },
    });
    expect(local(addBusinessDays(shortFridays, madrid("2026-12-02T12:00"), 2))).toBe("Fri 2026-12-04 15:00");
  });

  it("three weeks of days cross three weekends", () => {
    expect(local(addBusinessDays(office, madrid("2026-11-02T12:00"), 15))).toBe("Mon 2026-11-23 19:00");
  });

  it("rejects a fraction or a negative number of days", () => {
    expect(() => addBusinessDays(office, madrid("2026-11-27T17:00"), 1.5)).toThrow(RangeError);
    expect(() => addBusinessDays(office, madrid("2026-11-27T17:00"), -1)).toThrow(RangeError);
  });
});

describe("due the same business day (0 days)", () => {
  it("is today's close while today still has contact time", () => {
    expect(local(addBusinessDays(office, madrid("2026-12-03T08:00"), 0))).toBe("Thu 2026-12-03 19:00");
    expect(local(addBusinessDays(office, madrid("2026-12-03T18:59"), 0))).toBe("Thu 2026-12-03 19:00");
  });

  it("is the next business day's close once today has closed", () => {
    expect(local(addBusinessDays(office, madrid("2026-12-03T19:00"), 0))).toBe("Fri 2026-12-04 19:00");
    expect(local(addBusinessDays(office, madrid("2026-12-05T11:00"), 0))).toBe("Mon 2026-12-07 19:00");
  });
});

describe("days the work waited on the client", () => {
  it("a business day whose contact time is all paused does not count", () => {
    const mondayWaiting = [{ start: madrid("2026-11-30T10:00"), end: madrid("2026-11-30T19:00") }];
    expect(local(addBusinessDays(office, madrid("2026-11-27T17:00"), 2, mondayWaiting))).toBe("Wed 2026-12-02 19:00");
  });

  it("a pause over a weekend changes nothing", () => {
    const weekendWaiting = [{ start: madrid("2026-11-27T19:00"), end: madrid("2026-11-30T10:00") }];
    expect(local(addBusinessDays(office, madrid("2026-11-27T17:00"), 2, weekendWaiting))).toBe("Tue 2026-12-01 19:00");
  });

  it("days only partly paused still count", () => {
    const middayToMidday = [{ start: madrid("2026-11-30T12:00"), end: madrid("2026-12-01T12:00") }];
    expect(local(addBusinessDays(office, madrid("2026-11-27T17:00"), 2, middayToMidday))).toBe("Tue 2026-12-01 19:00");
  });

  it("a week-long wait moves the deadline a week", () => {
    const weekWaiting = [{ start: madrid("2026-11-28T00:00"), end: madrid("2026-12-05T00:00") }];
    expect(local(addBusinessDays(office, madrid("2026-11-27T17:00"), 2, weekWaiting))).toBe("Wed 2026-12-09 19:00");
  });
});
