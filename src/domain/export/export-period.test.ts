import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { readExportPeriod } from "./export-period.js";

const day = fc
  .integer({ min: 0, max: 365 * 30 })
  .map((offset) => DateTime.fromISO("2013-01-01", { zone: "utc" }).plus({ days: offset }).toISODate()!);

describe("the period of an export", () => {
  it("is the whole history when none is given", () => {
    expect(readExportPeriod("")).toEqual({ kind: "whole" });
    expect(readExportPeriod("   ")).toEqual({ kind: "whole" });
  });

  it("reads any two calendar dates in order, joined by .., a dash or a space", () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom("..", " .. ", "–", " — ", "-", " "), (a, b, joint) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(readExportPeriod(`${from}${joint}${to}`)).toEqual({ kind: "period", from, to });
      }),
    );
    expect(readExportPeriod("2026-11-07..2026-11-07")).toEqual({
      kind: "period",
      from: "2026-11-07",
      to: "2026-11-07",
    });
  });

  it("says which date does not exist, that the period runs backwards, or that it cannot read it", () => {
    expect(readExportPeriod("2026-11-01..2026-11-31")).toEqual({ kind: "not-a-date", date: "2026-11-31" });
    expect(readExportPeriod("2026-02-29..2026-03-01")).toEqual({ kind: "not-a-date", date: "2026-02-29" });
    expect(readExportPeriod("2026-11-30..2026-11-01")).toEqual({
      kind: "reversed",
      from: "2026-11-30",
      to: "2026-11-01",
    });
    expect(readExportPeriod("November")).toEqual({ kind: "unreadable", given: "November" });
    expect(readExportPeriod("01.11.2026..30.11.2026")).toEqual({ kind: "unreadable", given: "01.11.2026..30.11.2026" });
  });
});

describe("reading a period", () => {
  /** The best of a few timed batches of calls: the machine's noise only ever adds time. */
  function bestTime(text: string): number {
    let best = Infinity;
    for (let batch = 0; batch < 7; batch += 1) {
      const started = process.hrtime.bigint();
      for (let call = 0; call < 5; call += 1) readExportPeriod(text);
      best = Math.min(best, Number(process.hrtime.bigint() - started));
    }
    return best;
  }

  it("takes time in proportion to the text: ten times the text, about ten times the time, never a hundred", () => {
    const shapes = [
      (n: number) => `2026-01-01${" ".repeat(n)}x`,
      (n: number) => `2026-01-01 ..${" ".repeat(n)}2026-01-0x`,
      (n: number) => `2026-01-01${"\t ".repeat(n / 2)}2026-01-02`,
      (n: number) => `${"2026-01-01 ".repeat(n / 11)}`,
    ];
    for (const shape of shapes) {
      const short = shape(10_000);
      const long = shape(100_000);
      expect(long.length).toBeGreaterThanOrEqual(99_000);
      readExportPeriod(long);
      // Linear work grows 10×; the old pattern's quadratic backtracking grew 100×.
      expect(bestTime(long) / bestTime(short)).toBeLessThan(30);
    }
    expect(readExportPeriod(`2026-01-01${" ".repeat(100_000)}2026-01-02`)).toEqual({
      kind: "period",
      from: "2026-01-01",
      to: "2026-01-02",
    });
    expect(readExportPeriod(`2026-01-01${" ".repeat(100_000)}x`)).toMatchObject({ kind: "unreadable" });
  });
});
