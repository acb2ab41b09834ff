import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar, isWithinContactHours } from "../calendar/index.js";
import { contractEnded, contractEndsAt, endReminderAt, openOnEachSide, unprovidedAtEnd } from "./contract-end.js";

const zone = "Europe/Madrid";
const office = [{ start: 600, end: 1140 }];
const calendar = compileCalendar({
  timezone: zone,
  hours: { kind: "weekly", days: { 1: office, 2: office, 3: office, 4: office, 5: office } },
  holidays: [{ from: "2027-02-24", to: "2027-02-24" }],
});
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d LLL HH:mm");
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe("the contract's end", () => {
  it("is midnight after the period's last day, in the chat's zone", () => {
    const endsAt = contractEndsAt({ from: "2026-12-01", to: "2027-02-26" }, zone);
    expect(local(endsAt)).toBe("Sat 27 Feb 00:00");
    expect(contractEnded({ from: "2026-12-01", to: "2027-02-26" }, zone, endsAt - 1)).toBe(false);
    expect(contractEnded({ from: "2026-12-01", to: "2027-02-26" }, zone, endsAt)).toBe(true);
    expect(contractEnded(undefined, zone, endsAt)).toBe(false);
  });

  it("is reminded of at the opening of the n-th business day counted back from the last day", () => {
    const endsAt = contractEndsAt({ from: "2026-12-01", to: "2027-02-26" }, zone);
    expect(local(endReminderAt(calendar, endsAt, 1)!)).toBe("Fri 26 Feb 10:00");
    // Wed 24 is a holiday: Fri, Thu, Tue, Mon, then Fri 19.
    expect(local(endReminderAt(calendar, endsAt, 5)!)).toBe("Fri 19 Feb 10:00");
  });

  it("counts a period ending on a Sunday from the Friday before", () => {
    const endsAt = contractEndsAt({ from: "2026-12-01", to: "2027-02-28" }, zone);
    expect(local(endReminderAt(calendar, endsAt, 1)!)).toBe("Fri 26 Feb 10:00");
  });

  it("has no reminder when the calendar has no business day to count", () => {
    const never = compileCalendar({ timezone: zone, hours: { kind: "weekly", days: { 1: office } }, holidays: [] });
    expect(endReminderAt(never, at("2027-03-01T00:00"), 100)).toBeUndefined();
  });

  it("always reminds in contact hours, before the end, and earlier for more days", () => {
    const endsAt = contractEndsAt({ from: "2026-12-01", to: "2027-02-26" }, zone);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (days) => {
        const remindAt = endReminderAt(calendar, endsAt, days)!;
        const earlier = endReminderAt(calendar, endsAt, days + 1)!;
        expect(isWithinContactHours(calendar, remindAt)).toBe(true);
        expect(remindAt).toBeLessThan(endsAt);
        expect(earlier).toBeLessThan(remindAt);
      }),
    );
  });
});

describe("what is open at the end", () => {
  const item = (kind: "request" | "revision" | "stage" | "call", state: "open" | "delivered" | "done") => ({
    kind,
    state,
    createdAt: at("2027-02-01T10:00"),
  });

  it("puts information and delivered revisions on the client's side, open work on the specialist's", () => {
    const request = item("request", "open");
    const delivered = item("revision", "delivered");
    const revision = item("revision", "open");
    const stage = item("stage", "open");
    expect(
      openOnEachSide([request, delivered, revision, stage, item("call", "open"), item("request", "done")]),
    ).toEqual({ client: [request, delivered], specialist: [revision, stage] });
  });

  it("lists the information never provided with the business days it waited since it was asked", () => {
    const endsAt = contractEndsAt({ from: "2026-12-01", to: "2027-02-26" }, zone);
    const asked = { kind: "request" as const, state: "open" as const, createdAt: at("2027-02-22T12:00") };
    const provided = { ...asked, state: "done" as const };
    // Asked on Monday (day 0): Tue, (Wed a holiday), Thu, Fri.
    expect(unprovidedAtEnd(calendar, [asked, provided], endsAt)).toEqual([{ request: asked, waitedBusinessDays: 3 }]);
  });
});
