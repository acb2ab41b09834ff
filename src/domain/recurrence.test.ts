import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { nextWeeklyOccurrence } from "./recurrence.js";

const madrid = "Europe/Madrid";
const at = (iso: string, zone = madrid) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone = madrid) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm ccc");
const fridayFivePm = { weekday: 5 as const, minute: 17 * 60, timezone: madrid };

describe("the next weekly occurrence", () => {
  it("is later the same day when the time has not come yet", () => {
    expect(local(nextWeeklyOccurrence(fridayFivePm, at("2026-12-04T09:00")))).toBe("2026-12-04 17:00 Fri");
  });

  it("is a week later when the time has just passed, or is exactly now", () => {
    expect(local(nextWeeklyOccurrence(fridayFivePm, at("2026-12-04T17:00")))).toBe("2026-12-11 17:00 Fri");
    expect(local(nextWeeklyOccurrence(fridayFivePm, at("2026-12-05T10:00")))).toBe("2026-12-11 17:00 Fri");
  });

  it("keeps 17:00 local time across the spring and autumn clock changes", () => {
    const beforeSpring = nextWeeklyOccurrence(fridayFivePm, at("2027-03-20T12:00"));
    const afterSpring = nextWeeklyOccurrence(fridayFivePm, beforeSpring);
    expect([local(beforeSpring), local(afterSpring)]).toEqual(["2027-03-26 17:00 Fri", "2027-04-02 17:00 Fri"]);
    expect(afterSpring - beforeSpring).toBe(7 * 24 * 3600_000 - 3600_000);
    const beforeAutumn = nextWeeklyOccurrence(fridayFivePm, at("2027-10-25T12:00"));
    const afterAutumn = nextWeeklyOccurrence(fridayFivePm, beforeAutumn);
    expect([local(beforeAutumn), local(afterAutumn)]).toEqual(["2027-10-29 17:00 Fri", "2027-11-05 17:00 Fri"]);
    expect(afterAutumn - beforeAutumn).toBe(7 * 24 * 3600_000 + 3600_000);
  });

  it("works in zones far from UTC, where the local weekday differs from UTC's", () => {
    const mondayNineAm = { weekday: 1 as const, minute: 9 * 60, timezone: "Pacific/Auckland" };
    const next = nextWeeklyOccurrence(mondayNineAm, at("2026-12-06T19:00", "UTC"));
    expect(local(next, "Pacific/Auckland")).toBe("2026-12-07 09:00 Mon");
  });
});
