import { describe, expect, it } from "vitest";
import { periodOf } from "../../src/export/export-bundle.js";

describe("an export's period", () => {
  it("is read in the chat's own zone: from the first day's midnight there to the midnight after the last", () => {
    expect(periodOf("2026-11-01", "2026-11-30", "Europe/Madrid")).toEqual({
      from: Date.parse("2026-10-31T23:00:00Z"),
      to: Date.parse("2026-11-30T23:00:00Z"),
    });
    expect(periodOf("2026-11-01", "2026-11-30", "America/New_York")).toEqual({
      from: Date.parse("2026-11-01T04:00:00Z"),
      to: Date.parse("2026-12-01T05:00:00Z"),
    });
    expect(periodOf("2026-11-01", "2026-11-01")).toEqual({
      from: Date.parse("2026-11-01T00:00:00Z"),
      to: Date.parse("2026-11-02T00:00:00Z"),
    });
  });

  it("refuses a day that does not exist and a period that ends before it starts", () => {
    expect(() => periodOf("2026-11-31", "2026-12-01", "Europe/Madrid")).toThrow(
      "not a date like 2026-11-27: 2026-11-31",
    );
    expect(() => periodOf("2026-12-02", "2026-12-01", "Europe/Madrid")).toThrow(
      "ends (2026-12-01) before it starts (2026-12-02)",
    );
  });
});
