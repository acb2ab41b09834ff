import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "../calendar/index.js";
import { countDeadline } from "./deadline-count.js";

const zone = "Europe/Madrid";
const officeHours = [{ start: 10 * 60, end: 19 * 60 }];
const calendar = compileCalendar({
  timezone: zone,
  hours: { kind: "weekly", days: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours } },
  holidays: [{ from: "2026-12-08", to: "2026-12-08" }],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d HH:mm");
const counted = (iso: string, duration: Parameters<typeof countDeadline>[2]) => {
  const count = countDeadline(calendar, at(iso), duration);
  return { from: local(count.countedFrom), due: local(count.dueAt), live: local(count.liveBy) };
};

describe("a revision's deadline, counted so both sides can check it", () => {
  it("asked on Friday afternoon with two days: counted from Monday, due Tuesday's close, live by Wednesday", () => {
    expect(counted("2026-11-27T16:40", { unit: "days", days: 2 })).toEqual({
      from: "Mon 30 10:00",
      due: "Tue 1 19:00",
      live: "Wed 2 10:00",
    });
  });

  it("counts the arrival day as day 0 even when asked before opening", () => {
    expect(counted("2026-11-30T08:00", { unit: "days", days: 1 })).toEqual({
      from: "Tue 1 10:00",
      due: "Tue 1 19:00",
      live: "Wed 2 10:00",
    });
  });

  it("skips a holiday in the count and in the day it goes live", () => {
    expect(counted("2026-12-04T12:00", { unit: "days", days: 1 })).toEqual({
      from: "Mon 7 10:00",
      due: "Mon 7 19:00",
      live: "Wed 9 10:00",
    });
  });

  it("asked on a Saturday: the weekend is day 0", () => {
    expect(counted("2026-11-28T11:00", { unit: "days", days: 2 })).toEqual({
      from: "Mon 30 10:00",
      due: "Tue 1 19:00",
      live: "Wed 2 10:00",
    });
  });

  it("an estimate in hours counts business time from the next contact time", () => {
    expect(counted("2026-11-27T16:40", { unit: "minutes", minutes: 4 * 60 })).toEqual({
      from: "Fri 27 16:40",
      due: "Mon 30 11:40",
      live: "Tue 1 10:00",
    });
    expect(counted("2026-11-28T11:00", { unit: "minutes", minutes: 60 })).toEqual({
      from: "Mon 30 10:00",
      due: "Mon 30 11:00",
      live: "Tue 1 10:00",
    });
  });
});
