import { DateTime } from "luxon";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerSeries, type AskedQuestion } from "./answer-series.js";

const madrid = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Madrid" }).toMillis();
const hours = (n: number) => n * 3_600_000;

describe("answer times per day and week for the Mini App's chart", () => {
  const now = madrid("2026-12-10T12:00");
  const questions: AskedQuestion[] = [
    {
      askedAt: madrid("2026-11-30T10:00"),
      dueAt: madrid("2026-11-30T12:00"),
      answeredAt: madrid("2026-11-30T10:30"),
      businessMinutes: 30,
    },
    // Answered after its due time: a breach on Monday.
    {
      askedAt: madrid("2026-11-30T16:00"),
      dueAt: madrid("2026-11-30T18:00"),
      answeredAt: madrid("2026-11-30T19:00"),
      businessMinutes: 180,
    },
    // 00:30 on Sunday in Madrid is still Saturday in UTC: the local day and week count.
    {
      askedAt: madrid("2026-12-06T00:30"),
      dueAt: madrid("2026-12-07T11:00"),
      answeredAt: madrid("2026-12-07T10:00"),
      businessMinutes: 60,
    },
    // Never answered and past due: a breach without an answer time.
    { askedAt: madrid("2026-12-08T09:00"), dueAt: madrid("2026-12-08T11:00") },
    // Still within its time: neither answered nor breached.
    { askedAt: madrid("2026-12-10T11:00"), dueAt: now + hours(1) },
  ];

  it("groups by the local day the client asked, with each day's breaches and median", () => {
    expect(answerSeries(questions, "Europe/Madrid", now).days).toEqual([
      { start: "2026-11-30", opened: 2, breached: 1, medianMinutes: 30 },
      { start: "2026-12-06", opened: 1, breached: 0, medianMinutes: 60 },
      { start: "2026-12-08", opened: 1, breached: 1, medianMinutes: null },
      { start: "2026-12-10", opened: 1, breached: 0, medianMinutes: null },
    ]);
  });

  it("groups by week from Monday, a Sunday belonging to the week before", () => {
    expect(answerSeries(questions, "Europe/Madrid", now).weeks).toEqual([
      { start: "2026-11-30", opened: 3, breached: 1, medianMinutes: 60 },
      { start: "2026-12-07", opened: 2, breached: 1, medianMinutes: null },
    ]);
  });

  it("loses or invents no question: the buckets add up to what was asked", () => {
    const question = fc.record({
      askedAt: fc.integer({ min: madrid("2026-01-01T00:00"), max: madrid("2026-12-31T00:00") }),
      late: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(question, { maxLength: 40 }),
        fc.constantFrom("day" as const, "week" as const),
        (drawn, unit) => {
          const asked = drawn.map(({ askedAt, late }) => ({
            askedAt,
            dueAt: askedAt + hours(2),
            answeredAt: askedAt + hours(late ? 3 : 1),
            businessMinutes: late ? 180 : 60,
          }));
          const series = answerSeries(asked, "Europe/Madrid", now)[unit === "day" ? "days" : "weeks"];
          expect(series.reduce((sum, bucket) => sum + bucket.opened, 0)).toBe(asked.length);
          expect(series.reduce((sum, bucket) => sum + bucket.breached, 0)).toBe(
            drawn.filter((question) => question.late).length,
          );
        },
      ),
    );
  });
});
