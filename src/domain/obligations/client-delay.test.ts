import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "../calendar/index.js";
import { totalBusinessDaysLate, waitingOn, type OwedByClient } from "./client-delay.js";

const zone = "Europe/Madrid";
const officeHours = [{ start: 10 * 60, end: 19 * 60 }];
const calendar = compileCalendar({
  timezone: zone,
  hours: { kind: "weekly", days: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours } },
  holidays: [],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const due = at("2026-12-01T19:00");
const request = (
  state: OwedByClient["state"],
  closedAt: number | null = null,
  businessDaysLate: number | null = null,
): OwedByClient => ({ state, dueAt: due, closedAt, businessDaysLate });

describe("the time the work waited on the client", () => {
  it("runs from a late request's due date to when it was provided", () => {
    expect(waitingOn(request("done", at("2026-12-03T11:00"), 2), at("2026-12-09T10:00"))).toEqual({
      waited: true,
      pause: { start: due, end: at("2026-12-03T11:00") },
      stillOpen: false,
    });
  });

  it("runs to now while the request is still missing", () => {
    expect(waitingOn(request("open"), at("2026-12-02T15:00"))).toEqual({
      waited: true,
      pause: { start: due, end: at("2026-12-02T15:00") },
      stillOpen: true,
    });
  });

  it("is nothing for a request provided on time or not yet due", () => {
    expect(waitingOn(request("done", at("2026-12-01T18:00"), 0), at("2026-12-09T10:00"))).toEqual({
      waited: false,
      reason: "provided-on-time",
    });
    expect(waitingOn(request("open"), at("2026-12-01T18:00"))).toEqual({ waited: false, reason: "not-overdue" });
  });

  it("adds up in business days: those provided late and those still overdue so far", () => {
    const now = at("2026-12-07T12:00");
    const requests = [
      request("done", at("2026-12-03T11:00"), 2),
      request("done", at("2026-12-01T12:00"), 0),
      request("open"),
      { ...request("open"), dueAt: at("2026-12-08T19:00") },
    ];
    // The open one, due Tue 1 19:00, is four business days late by Monday noon: Wed, Thu, Fri and Monday so far.
    expect(totalBusinessDaysLate(calendar, requests, now)).toBe(2 + 0 + 4 + 0);
  });
});
