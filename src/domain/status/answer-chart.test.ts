import { DateTime } from "luxon";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerBar, CELLS_AT_AGREED_TIME, dailyAnswerMedians } from "./answer-chart.js";

const madrid = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Madrid" }).toMillis();

describe("answer times per day", () => {
  it("groups questions by the local day they were asked and takes each day's median as the statistics do (nearest rank)", () => {
    const questions = [
      { askedAt: madrid("2026-12-01T10:00"), businessMinutes: 30 },
      { askedAt: madrid("2026-12-01T18:30"), businessMinutes: 90 },
      { askedAt: madrid("2026-12-01T23:50"), businessMinutes: 60 },
      // 00:10 in Madrid is still the day before in UTC: the local day counts.
      { askedAt: madrid("2026-12-03T00:10"), businessMinutes: 200 },
      { askedAt: madrid("2026-12-03T12:00"), businessMinutes: 100 },
    ];
    expect(dailyAnswerMedians(questions, "Europe/Madrid")).toEqual([
      { day: "2026-12-01", answered: 3, medianMinutes: 60 },
      { day: "2026-12-03", answered: 2, medianMinutes: 100 },
    ]);
  });

  it("draws the agreed time as five full cells, a late median longer, capped at twice as long", () => {
    expect(answerBar(120, 120)).toBe("█████");
    expect(answerBar(60, 120)).toBe("██▌");
    expect(answerBar(135, 120)).toBe("█████▋");
    expect(answerBar(10_000, 120)).toBe("██████████");
    expect(answerBar(0, 120), "an instant answer still shows a sliver").toBe("▏");
  });

  it("never draws a shorter bar for a longer answer time", () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.nat(1_000), fc.integer({ min: 1, max: 600 }), (a, b, agreed) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        const width = (bar: string) =>
          [...bar].reduce((sum, cell) => sum + (cell === "█" ? 8 : " ▏▎▍▌▋▊▉".indexOf(cell)), 0);
        expect(width(answerBar(shorter, agreed))).toBeLessThanOrEqual(width(answerBar(longer, agreed)));
        expect(width(answerBar(longer, agreed))).toBeLessThanOrEqual(2 * CELLS_AT_AGREED_TIME * 8);
      }),
    );
  });
});
