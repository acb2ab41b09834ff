import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatContractSum, formatPenaltyRule, parseContractSum, parsePenaltyRule, readAmount } from "./terms.js";

describe("the contract sum", () => {
  it.each([
    ["3000 EUR", { amount: 3000, currency: "EUR" }],
    ["3 000 €", { amount: 3000, currency: "EUR" }],
    ["EUR 3,000.50", { amount: 3000.5, currency: "EUR" }],
    ["3.000,50 eur", { amount: 3000.5, currency: "EUR" }],
    ["150000 ₽", { amount: 150000, currency: "RUB" }],
    ["$1,5", { amount: 1.5, currency: "USD" }],
    ["none", null],
  ] as const)("reads %j", (text, value) => {
    expect(parseContractSum(text)).toEqual({ ok: true, value });
  });

  it.each(["3000", "EUR", "0 EUR", "3000 XYZ", "3.0.0,1,2 EUR", "lots"])("refuses %j with an example", (text) => {
    expect(parseContractSum(text)).toEqual({
      ok: false,
      error: { code: "regulation-error-contract-sum-syntax", args: { value: text } },
    });
  });

  it("reads back what it writes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom("EUR", "USD", "RUB", "MXN"),
        (whole, cents, currency) => {
          const sum = { amount: (whole * 100 + cents) / 100, currency };
          expect(parseContractSum(formatContractSum(sum))).toEqual({ ok: true, value: sum });
        },
      ),
    );
  });

  it("tells thousands from decimals as people write them", () => {
    expect(readAmount("3.000")).toBe(3000);
    expect(readAmount("3,5")).toBe(3.5);
    expect(readAmount("1.234.567")).toBe(1234567);
    expect(readAmount("12.")).toBeUndefined();
  });
});

describe("the penalty rule", () => {
  it.each([
    [
      "10% + 2%/day business max 30% clause 7.1",
      { fixedPercent: 10, perDayPercent: 2, days: "business", capPercent: 30, clause: "clause 7.1" },
    ],
    ["10%+2%/day", { fixedPercent: 10, perDayPercent: 2, days: "business" }],
    ["0,5% per day calendar days", { fixedPercent: 0, perDayPercent: 0.5, days: "calendar" }],
    [
      "10% + 1%/день календарных макс 20% п. 7.1",
      { fixedPercent: 10, perDayPercent: 1, days: "calendar", capPercent: 20, clause: "п. 7.1" },
    ],
    [
      "5% + 1% por día naturales cláusula 9",
      { fixedPercent: 5, perDayPercent: 1, days: "calendar", clause: "cláusula 9" },
    ],
    ["15%", { fixedPercent: 15, perDayPercent: 0, days: "business" }],
    ["none", null],
  ] as const)("reads %j", (text, value) => {
    expect(parsePenaltyRule(text)).toEqual({ ok: true, value });
  });

  it.each(["a fine", "0%", "10% max 0%", "%/day"])("refuses %j", (text) => {
    expect(parsePenaltyRule(text)).toEqual({
      ok: false,
      error: { code: "regulation-error-penalty-syntax", args: { value: text } },
    });
  });

  it("reads back what it writes", () => {
    const percent = fc.integer({ min: 0, max: 400 }).map((tenths) => tenths / 10);
    fc.assert(
      fc.property(
        percent,
        percent,
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 100 })),
        fc.option(fc.constantFrom("clause 7.1", "п. 7.1")),
        (fixed, perDay, calendar, cap, clause) => {
          fc.pre(fixed + perDay > 0);
          const read = parsePenaltyRule(
            `${fixed}% + ${perDay}%/day ${calendar ? "calendar" : "business"}${cap === null ? "" : ` max ${cap}%`}${clause === null ? "" : ` ${clause}`}`,
          );
          expect(read.ok).toBe(true);
          if (read.ok) expect(parsePenaltyRule(formatPenaltyRule(read.value))).toEqual(read);
        },
      ),
    );
  });
});
