import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { contactTimeProblem } from "./contact-time.js";
import { applySetting, defaultRegulation } from "./regulation.js";

const madrid = defaultRegulation({ timezone: "Europe/Madrid", language: "en" });
const now = DateTime.fromISO("2026-12-05T10:00", { zone: "Europe/Madrid" }).toMillis();
const withHolidays = (...ranges: Array<[string, string]>) =>
  applySetting(
    madrid,
    "holidays",
    ranges.map(([from, to]) => ({ from, to })),
  );

describe("contact time a regulation leaves", () => {
  it("is enough with weekly hours and ordinary holidays", () => {
    expect(contactTimeProblem(madrid, now)).toBeUndefined();
    expect(
      contactTimeProblem(withHolidays(["2026-12-24", "2027-01-06"], ["2027-08-01", "2027-08-31"]), now),
    ).toBeUndefined();
    // Eleven months off still leaves December.
    expect(contactTimeProblem(withHolidays(["2027-01-01", "2027-11-30"]), now)).toBeUndefined();
  });

  it("is none when holidays cover the coming 365 days", () => {
    expect(contactTimeProblem(withHolidays(["2026-01-01", "9999-12-31"]), now)).toEqual({
      kind: "none-in-coming-year",
    });
    expect(contactTimeProblem(withHolidays(["2026-12-01", "2027-12-31"]), now)).toEqual({
      kind: "none-in-coming-year",
    });
    expect(contactTimeProblem(applySetting(madrid, "hours", { kind: "weekly", days: {} }), now)).toEqual({
      kind: "none-in-coming-year",
    });
  });

  it("names a year-long run of holidays later on, even when it is pieced together with short gaps", () => {
    expect(contactTimeProblem(withHolidays(["2030-01-01", "9999-12-31"]), now)).toEqual({
      kind: "year-long-holidays",
      from: "2030-01-01",
      to: "9999-12-31",
    });
    // A weekend between two ranges is no contact time either.
    expect(contactTimeProblem(withHolidays(["2028-01-01", "2028-06-30"], ["2028-07-03", "2029-01-10"]), now)).toEqual({
      kind: "year-long-holidays",
      from: "2028-01-01",
      to: "2029-01-10",
    });
    // One that ended already does not matter.
    expect(contactTimeProblem(withHolidays(["2020-01-01", "2022-12-31"]), now)).toBeUndefined();
  });
});
