import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  type DailyInterval,
  addBusinessDays,
  addBusinessTime,
  businessMinutesBetween,
  closeOfLocalDay,
  compileCalendar,
  nextOpening,
} from "./index.js";

/** Contact hours are wall-clock times: a change of clocks moves them in UTC, never on the wall. */
const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();
const wall = (ms: number, zone: string): string =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? "";

function weekdaysOnly(zone: string, day: DailyInterval[]) {
  return compileCalendar({
    timezone: zone,
    hours: { kind: "weekly", days: { 1: day, 2: day, 3: day, 4: day, 5: day } },
    holidays: [],
  });
}
function sundaysOnly(zone: string, day: DailyInterval[]) {
  return compileCalendar({ timezone: zone, hours: { kind: "weekly", days: { 7: day } }, holidays: [] });
}
function allDay(zone: string) {
  return compileCalendar({ timezone: zone, hours: { kind: "always" }, holidays: [] });
}

describe("Europe/Madrid, clocks forward on Sunday 29 March 2026 at 02:00", () => {
  const zone = "Europe/Madrid";
  const office = weekdaysOnly(zone, [
    { start: 10 * 60, end: 13 * 60 },
    { start: 14 * 60, end: 19 * 60 },
  ]);

  it("a Friday 18:00 request with 2 hours is due Monday 11:00 summer time", () => {
    const due = addBusinessTime(office, at("2026-03-27T18:00", zone), 120);
    expect(wall(due, zone)).toBe("2026-03-30T11:00:00+02:00");
    expect(businessMinutesBetween(office, at("2026-03-27T18:00", zone), due)).toBe(120);
  });

  it("a Friday request with 1 business day is due at Monday's 19:00 close", () => {
    expect(wall(addBusinessDays(office, at("2026-03-27T12:00", zone), 1), zone)).toBe("2026-03-30T19:00:00+02:00");
  });

  it("around the clock, 6 hours from Saturday 22:00 end at 05:00, the skipped hour never counted", () => {
    expect(wall(addBusinessTime(allDay(zone), at("2026-03-28T22:00", zone), 360), zone)).toBe(
      "2026-03-29T05:00:00+02:00",
    );
  });

  it("night hours 00:00-06:00 that cover the skipped hour last 5 hours", () => {
    const nights = sundaysOnly(zone, [{ start: 0, end: 6 * 60 }]);
    expect(businessMinutesBetween(nights, at("2026-03-29T00:00", zone), at("2026-03-30T00:00", zone))).toBe(300);
  });

  it("the day itself lasts 23 hours", () => {
    expect(closeOfLocalDay(allDay(zone), at("2026-03-29T12:00", zone))).toBe(
      at("2026-03-29T00:00", zone) + 23 * 3_600_000,
    );
  });
});

describe("Europe/Madrid, clocks back on Sunday 25 October 2026 at 03:00", () => {
  const zone = "Europe/Madrid";

  it("around the clock, 6 hours from Saturday 22:00 end at 03:00, the repeated hour counted twice", () => {
    expect(wall(addBusinessTime(allDay(zone), at("2026-10-24T22:00", zone), 360), zone)).toBe(
      "2026-10-25T03:00:00+01:00",
    );
  });

  it("night hours 00:00-06:00 that cover the repeated hour last 7 hours", () => {
    const nights = sundaysOnly(zone, [{ start: 0, end: 6 * 60 }]);
    expect(businessMinutesBetween(nights, at("2026-10-25T00:00", zone), at("2026-10-26T00:00", zone))).toBe(420);
  });

  it("a Friday 18:00 request with 2 hours is due Monday 11:00 winter time", () => {
    const office = weekdaysOnly(zone, [{ start: 10 * 60, end: 19 * 60 }]);
    expect(wall(addBusinessTime(office, at("2026-10-23T18:00", zone), 120), zone)).toBe("2026-10-26T11:00:00+01:00");
  });
});

describe("America/New_York, clocks forward on Sunday 8 March 2026 at 02:00", () => {
  const zone = "America/New_York";

  it("around the clock, 3 hours from Saturday 23:00 end at 03:00", () => {
    expect(wall(addBusinessTime(allDay(zone), at("2026-03-07T23:00", zone), 180), zone)).toBe(
      "2026-03-08T03:00:00-04:00",
    );
  });

  it("hours 01:00-04:00 last 2 hours", () => {
    const early = sundaysOnly(zone, [{ start: 60, end: 4 * 60 }]);
    expect(businessMinutesBetween(early, at("2026-03-08T00:00", zone), at("2026-03-09T00:00", zone))).toBe(120);
  });

  it("hours opening at 02:30, a time that never shows, open when the clock jumps to 03:00", () => {
    const skipped = sundaysOnly(zone, [{ start: 150, end: 4 * 60 }]);
    expect(wall(nextOpening(skipped, at("2026-03-08T00:00", zone)), zone)).toBe("2026-03-08T03:00:00-04:00");
    expect(businessMinutesBetween(skipped, at("2026-03-08T00:00", zone), at("2026-03-09T00:00", zone))).toBe(60);
  });

  it("a Friday 16:00 request with 2 hours on 09:00-17:00 is due Monday 10:00 daylight time", () => {
    const office = weekdaysOnly(zone, [{ start: 9 * 60, end: 17 * 60 }]);
    expect(wall(addBusinessTime(office, at("2026-03-06T16:00", zone), 120), zone)).toBe("2026-03-09T10:00:00-04:00");
  });
});

describe("America/New_York, clocks back on Sunday 1 November 2026 at 02:00", () => {
  const zone = "America/New_York";

  it("around the clock, 3 hours from Saturday 23:00 end at the second 01:00", () => {
    expect(wall(addBusinessTime(allDay(zone), at("2026-10-31T23:00", zone), 180), zone)).toBe(
      "2026-11-01T01:00:00-05:00",
    );
  });

  it("hours 01:00-04:00 open at the first 01:00 and last 4 hours", () => {
    const early = sundaysOnly(zone, [{ start: 60, end: 4 * 60 }]);
    expect(wall(nextOpening(early, at("2026-11-01T00:00", zone)), zone)).toBe("2026-11-01T01:00:00-04:00");
    expect(businessMinutesBetween(early, at("2026-11-01T00:00", zone), at("2026-11-02T00:00", zone))).toBe(240);
  });

  it("a Friday 16:00 request with 2 hours on 09:00-17:00 is due Monday 10:00 standard time", () => {
    const office = weekdaysOnly(zone, [{ start: 9 * 60, end: 17 * 60 }]);
    expect(wall(addBusinessTime(office, at("2026-10-30T16:00", zone), 120), zone)).toBe("2026-11-02T10:00:00-05:00");
  });
});
