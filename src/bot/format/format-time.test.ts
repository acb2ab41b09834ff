import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "../../domain/languages.js";
import { formatLocalTime } from "./format-time.js";

const ZONES = ["Europe/Madrid", "Europe/Moscow", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"];

describe("formatLocalTime", () => {
  it("writes the local time as luxon's ccc d LLL yyyy, HH:mm with the zone", () => {
    expect(formatLocalTime(Date.UTC(2026, 11, 3, 18, 0), "Europe/Madrid", "en")).toBe(
      "Thu 3 Dec 2026, 19:00 (Europe/Madrid)",
    );
  });

  it("says what luxon says, in every language, zone and instant, across daylight-saving changes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...SUPPORTED_LANGUAGES),
        (ms, zone, language) => {
          const luxon = DateTime.fromMillis(ms, { zone }).setLocale(language).toFormat("ccc d LLL yyyy, HH:mm");
          expect(formatLocalTime(ms, zone, language)).toBe(`${luxon} (${zone})`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("agrees with luxon around midnight and each hour of a spring-forward and a fall-back day", () => {
    for (const day of [Date.UTC(2026, 2, 29), Date.UTC(2026, 9, 25)])
      for (let minute = -120; minute < 26 * 60; minute += 15)
        for (const language of SUPPORTED_LANGUAGES) {
          const ms = day + minute * 60_000;
          const luxon = DateTime.fromMillis(ms, { zone: "Europe/Madrid" }).setLocale(language);
          expect(formatLocalTime(ms, "Europe/Madrid", language)).toBe(
            `${luxon.toFormat("ccc d LLL yyyy, HH:mm")} (Europe/Madrid)`,
          );
        }
  });
});
