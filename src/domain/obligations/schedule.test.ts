import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar, dueAfter } from "../calendar/index.js";
import { businessDaysLate, reminderTimes } from "./schedule.js";

const zone = "Europe/Madrid";
const officeHours = [{ start: 10 * 60, end: 19 * 60 }];
const calendar = compileCalendar({
  timezone: zone,
  hours: { kind: "weekly", days: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours } },
  holidays: [{ from: "2026-12-08", to: "2026-12-08" }],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d HH:mm");

describe("an information request's deadline", () => {
  it("with three business days from Thursday, across a weekend and a holiday, is due Wednesday's close", () => {
    const due = dueAfter(calendar, at("2026-12-03T16:00"), { unit: "days", days: 3 });
    expect(local(due)).toBe("Wed 9 19:00");
  });

  it("reminds at the opening of the business day before and of the due day", () => {
    const asked = at("2026-12-03T16:00");
    const due = dueAfter(calendar, asked, { unit: "days", days: 3 });
    expect(reminderTimes(calendar, zone, asked, due).map(local)).toEqual(["Mon 7 10:00", "Wed 9 10:00"]);
  });

  it("skips reminders that would come before the request was made", () => {
    const asked = at("2026-12-02T18:00");
    const due = dueAfter(calendar, asked, { unit: "days", days: 1 });
    expect(reminderTimes(calendar, zone, asked, due).map(local)).toEqual(["Thu 3 10:00"]);
  });

  it("counts the client's delay in business days", () => {
    const due = at("2026-12-04T19:00");
    expect(businessDaysLate(calendar, due, at("2026-12-04T18:00"))).toBe(0);
    expect(businessDaysLate(calendar, due, at("2026-12-05T12:00"))).toBe(1);
    expect(businessDaysLate(calendar, due, at("2026-12-07T12:00"))).toBe(1);
    expect(businessDaysLate(calendar, due, at("2026-12-09T12:00"))).toBe(2);
  });
});
