import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { compileCalendar } from "../calendar/index.js";
import { needsAnswer } from "./needs-answer.js";
import { responseStatistics } from "./response-statistics.js";
import { answerOf, windowTimes } from "./response-window.js";

const zone = "Europe/Madrid";
const officeHours = [{ start: 10 * 60, end: 19 * 60 }];
const calendar = compileCalendar({
  timezone: zone,
  hours: { kind: "weekly", days: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours } },
  holidays: [],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number | undefined) =>
  ms === undefined ? undefined : DateTime.fromMillis(ms, { zone }).toFormat("ccc HH:mm");
const twoHours = { unit: "minutes" as const, minutes: 120 };

describe("a response window", () => {
  it("is due two business hours after an in-hours message, with the warning at 80% of it", () => {
    const times = windowTimes(calendar, at("2026-12-02T11:00"), twoHours, { unit: "percent", percent: 20 });
    expect([local(times.dueAt), local(times.warnAt)]).toEqual(["Wed 13:00", "Wed 12:36"]);
  });

  it("for a message at 23:10 on Friday, is due Monday 12:00", () => {
    const times = windowTimes(calendar, at("2026-12-04T23:10"), twoHours, { unit: "minutes", minutes: 15 });
    expect([local(times.dueAt), local(times.warnAt)]).toEqual(["Mon 12:00", "Mon 11:45"]);
  });

  it("has no warning when the warning would come before the window even opens", () => {
    expect(
      windowTimes(calendar, at("2026-12-02T11:00"), { unit: "minutes", minutes: 10 }, { unit: "minutes", minutes: 15 })
        .warnAt,
    ).toBeUndefined();
  });

  it("measures an answer in business minutes and judges it against the due time", () => {
    const opened = at("2026-12-04T18:30");
    const { dueAt } = windowTimes(calendar, opened, twoHours, { unit: "percent", percent: 20 });
    expect(answerOf(calendar, opened, dueAt, at("2026-12-07T10:30"))).toEqual({ businessMinutes: 60, onTime: true });
    expect(answerOf(calendar, opened, dueAt, at("2026-12-07T12:00"))).toEqual({ businessMinutes: 150, onTime: false });
  });
});

describe("what needs an answer", () => {
  it.each([
    "ok",
    "OK!",
    "Thanks!",
    "спасибо",
    "Спасибо!!",
    "gracias",
    "¡Gracias!",
    "👍",
    "🙏🏻",
    "ok 👍",
    "vale",
  ])("not %j", (text) => {
    expect(needsAnswer({ text })).toBe(false);
  });
  it.each([
    "ok, but where is the report?",
    "Thanks, can you send the invoice?",
    "Когда будет отчёт?",
    "¿Cuándo empezamos?",
  ])("%j does", (text) => {
    expect(needsAnswer({ text })).toBe(true);
  });
  it("a sticker does not; a photo without caption does", () => {
    expect(needsAnswer({ isSticker: true })).toBe(false);
    expect(needsAnswer({ hasMedia: true })).toBe(true);
  });
});

describe("response statistics", () => {
  it("counts on-time answers, breaches (late or unanswered past due) and open windows, with median and 90th percentile", () => {
    const now = 10_000;
    const stats = responseStatistics(
      [
        { dueAt: 100, answeredAt: 50, businessMinutes: 30 },
        { dueAt: 100, answeredAt: 90, businessMinutes: 90 },
        { dueAt: 100, answeredAt: 150, businessMinutes: 150 },
        { dueAt: 100 },
        { dueAt: 20_000 },
      ],
      now,
    );
    expect(stats).toEqual({
      opened: 5,
      answeredOnTime: 2,
      breached: 2,
      open: 1,
      dismissed: 0,
      medianMinutes: 90,
      p90Minutes: 150,
    });
  });

  it("counts dismissed windows apart: never on time, never late, never open", () => {
    const stats = responseStatistics(
      [
        { dueAt: 100, answeredAt: 50, businessMinutes: 30 },
        { dueAt: 100, dismissed: true },
        { dueAt: 20_000, dismissed: true },
      ],
      10_000,
    );
    expect(stats).toEqual({
      opened: 1,
      answeredOnTime: 1,
      breached: 0,
      open: 0,
      dismissed: 2,
      medianMinutes: 30,
      p90Minutes: 30,
    });
  });
});
