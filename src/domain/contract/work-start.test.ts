import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "../calendar/index.js";
import { workStartsAt } from "./work-start.js";

const zone = "Europe/Madrid";
const weekdays = {
  kind: "weekly" as const,
  days: {
    1: [{ start: 600, end: 1140 }],
    2: [{ start: 600, end: 1140 }],
    3: [{ start: 600, end: 1140 }],
    4: [{ start: 600, end: 1140 }],
    5: [{ start: 600, end: 1140 }],
  },
};
const calendar = compileCalendar({
  timezone: zone,
  hours: weekdays,
  holidays: [{ from: "2026-12-08", to: "2026-12-08" }],
});
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d HH:mm");
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe("when work starts after the payment", () => {
  it("is the opening of the n-th business day after the payment's day", () => {
    expect(local(workStartsAt(calendar, at("2026-12-01T15:00"), 3))).toBe("Fri 4 10:00");
  });

  it("skips weekends and holidays", () => {
    // Paid on Friday: Mon 7 is day 1, Tue 8 is a holiday, Wed 9 is day 2.
    expect(local(workStartsAt(calendar, at("2026-12-04T18:00"), 2))).toBe("Wed 9 10:00");
  });

  it("counts a payment on a Sunday from that Sunday", () => {
    expect(local(workStartsAt(calendar, at("2026-12-06T12:00"), 1))).toBe("Mon 7 10:00");
  });
});
