import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "../calendar/index.js";
import { parseHumanDate, type HumanDate } from "../dates/human-date.js";
import { planProgress, stageDeadline } from "./plan.js";

const zone = "Europe/Madrid";
const officeHours = [{ start: 10 * 60, end: 19 * 60 }];
const calendar = compileCalendar({
  timezone: zone,
  hours: { kind: "weekly", days: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours } },
  holidays: [{ from: "2026-12-08", to: "2026-12-08" }],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d HH:mm");
const named = (text: string) =>
  parseHumanDate(text, { now: at("2026-12-03T10:00"), timezone: zone, language: "en" }) as HumanDate;

describe("a stage's deadline", () => {
  it("is the time given", () => {
    expect(stageDeadline(calendar, zone, named("2026-12-10 12:30 Report"))).toEqual({
      dueAt: at("2026-12-10T12:30"),
      basis: "time",
    });
  });

  it("without a time, is the close of that day's contact hours", () => {
    const deadline = stageDeadline(calendar, zone, named("2026-12-10 Report"));
    expect([local(deadline.dueAt), deadline.basis]).toEqual(["Thu 10 19:00", "close"]);
  });

  it("on a day without contact hours (a Saturday, a holiday), is the end of that day", () => {
    expect(local(stageDeadline(calendar, zone, named("2026-12-05 Report")).dueAt)).toBe("Sat 5 23:59");
    expect(stageDeadline(calendar, zone, named("2026-12-08 Report"))).toEqual({
      dueAt: at("2026-12-08T23:59"),
      basis: "end-of-day",
    });
  });
});

describe("where the plan stands", () => {
  const stage = (due: string, state: "open" | "done" | "cancelled" = "open") => ({ dueAt: at(due), state });

  it("counts done stages, lists the overdue ones and names the next open one as current", () => {
    const overdue = stage("2026-12-02T19:00");
    const current = stage("2026-12-10T19:00");
    const progress = planProgress(
      [
        stage("2026-12-01T19:00", "done"),
        stage("2026-12-12T19:00"),
        current,
        overdue,
        stage("2026-12-04T19:00", "cancelled"),
      ],
      at("2026-12-03T10:00"),
    );
    expect(progress).toEqual({ done: 1, total: 4, overdue: [overdue], current });
  });

  it("has no current stage when every open one is overdue or none is left", () => {
    expect(planProgress([stage("2026-12-01T19:00", "done")], at("2026-12-03T10:00")).current).toBeUndefined();
  });
});
