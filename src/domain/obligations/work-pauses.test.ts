import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addBusinessTime,
  businessMinutesBetween,
  compileCalendar,
  type DailyInterval,
  type PauseInterval,
  type Weekday,
} from "../calendar/index.js";
import { dueAfterPauses, shiftedDue } from "./work-pauses.js";

const zone = "Europe/Madrid";
const officeHours = [{ start: 10 * 60, end: 19 * 60 }];
const office = compileCalendar({
  timezone: zone,
  hours: { kind: "weekly", days: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours } },
  holidays: [],
});
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc d HH:mm");
const pause = (from: string, to: string): PauseInterval => ({ start: at(from), end: at(to) });
/** R1 was due Tuesday's close and provided Thursday at 11:00: Wednesday and an hour of Thursday were lost. */
const waited = pause("2026-12-01T19:00", "2026-12-03T11:00");

describe("a specialist's deadline when the work waited on the client", () => {
  it("moves later by the business time the work waited", () => {
    expect(local(shiftedDue(office, { startAt: at("2026-11-30T10:00"), dueAt: at("2026-12-02T19:00") }, waited))).toBe(
      "Fri 4 11:00",
    );
  });

  it("stays when it was due before the waiting began", () => {
    expect(shiftedDue(office, { startAt: at("2026-11-30T10:00"), dueAt: at("2026-12-01T19:00") }, waited)).toBe(
      at("2026-12-01T19:00"),
    );
  });

  it("moves only by the waiting after it was asked for", () => {
    // Asked Wednesday noon: Wednesday afternoon (7 h) and Thursday's first hour were lost, not Wednesday morning.
    expect(local(shiftedDue(office, { startAt: at("2026-12-02T12:00"), dueAt: at("2026-12-03T19:00") }, waited))).toBe(
      "Fri 4 18:00",
    );
  });

  it("stays when the waiting held no contact time", () => {
    const weekend = pause("2026-12-04T19:00", "2026-12-07T10:00");
    expect(shiftedDue(office, { startAt: at("2026-12-04T10:00"), dueAt: at("2026-12-08T19:00") }, weekend)).toBe(
      at("2026-12-08T19:00"),
    );
  });

  it("counts overlapping waits once", () => {
    const clock = { startAt: at("2026-11-30T10:00"), dueAt: at("2026-12-02T19:00") };
    const overlapping = pause("2026-12-02T10:00", "2026-12-03T10:00");
    expect(local(dueAfterPauses(office, clock, [overlapping, waited]))).toBe("Fri 4 11:00");
  });

  it("applies a second waiting on top of the first", () => {
    const clock = { startAt: at("2026-11-30T10:00"), dueAt: at("2026-12-02T19:00") };
    const later = pause("2026-12-04T10:00", "2026-12-04T12:00");
    const once = shiftedDue(office, clock, waited);
    expect(local(shiftedDue(office, { ...clock, dueAt: once }, later, [waited]))).toBe("Fri 4 13:00");
    expect(dueAfterPauses(office, clock, [later, waited])).toBe(at("2026-12-04T13:00"));
  });
});

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const FROM = at("2026-01-01T00:00");
const dayHours: fc.Arbitrary<DailyInterval[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 4 })
  .map((quarters) => {
    const points = quarters.sort((a, b) => a - b).map((quarter) => quarter * 15);
    const intervals: DailyInterval[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) intervals.push({ start: points[i]!, end: points[i + 1]! });
    return intervals;
  });
const calendar = fc
  .tuple(
    fc.constantFrom("Europe/Madrid", "America/New_York", "Asia/Kolkata"),
    fc.array(dayHours, { minLength: 7, maxLength: 7 }),
  )
  .filter(([, week]) => week.some((day) => day.length > 0))
  .map(([timezone, week]) =>
    compileCalendar({
      timezone,
      hours: {
        kind: "weekly",
        days: Object.fromEntries(week.map((day, index) => [index + 1, day])) as Partial<
          Record<Weekday, DailyInterval[]>
        >,
      },
      holidays: [],
    }),
  );
/** An obligation asked for within two years, due after up to 60 business hours; a waiting near it, up to five days long. */
const scenario = fc
  .record({
    calendar,
    startAt: fc.integer({ min: FROM, max: FROM + 730 * DAY_MS }),
    work: fc.integer({ min: 0, max: 3600 }),
    pauseFrom: fc.integer({ min: -5 * DAY_MS, max: 20 * DAY_MS }),
    pauseLength: fc.integer({ min: 0, max: 5 * DAY_MS }),
  })
  .map(({ calendar, startAt, work, pauseFrom, pauseLength }) => ({
    calendar,
    clock: { startAt, dueAt: addBusinessTime(calendar, startAt, work) },
    pause: { start: startAt + pauseFrom, end: startAt + pauseFrom + pauseLength },
  }));

describe("laws of moving a deadline by a waiting", () => {
  it("never moves it earlier", () => {
    fc.assert(fc.property(scenario, ({ calendar, clock, pause }) => shiftedDue(calendar, clock, pause) >= clock.dueAt));
  });

  it("leaves a deadline due before the waiting began where it was", () => {
    fc.assert(
      fc.property(scenario, ({ calendar, clock, pause }) => {
        fc.pre(clock.dueAt <= pause.start);
        expect(shiftedDue(calendar, clock, pause)).toBe(clock.dueAt);
      }),
    );
  });

  it("keeps the business time from the start to the deadline, not counting the waiting", () => {
    fc.assert(
      fc.property(scenario, ({ calendar, clock, pause }) => {
        const moved = shiftedDue(calendar, clock, pause);
        expect(businessMinutesBetween(calendar, clock.startAt, moved, [pause])).toBeCloseTo(
          businessMinutesBetween(calendar, clock.startAt, clock.dueAt),
          6,
        );
      }),
    );
  });

  it("moves it by exactly the contact time lost while it was being worked on", () => {
    fc.assert(
      fc.property(scenario, ({ calendar, clock, pause }) => {
        const moved = shiftedDue(calendar, clock, pause);
        const lost = businessMinutesBetween(calendar, Math.max(clock.startAt, pause.start), Math.min(pause.end, moved));
        expect(businessMinutesBetween(calendar, clock.dueAt, moved)).toBeCloseTo(
          clock.dueAt <= pause.start ? 0 : lost,
          6,
        );
      }),
    );
  });
});
