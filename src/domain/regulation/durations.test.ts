import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSetting, formatSetting, type ParseContext } from "./settings.js";

const chat: ParseContext = { isForum: false };

describe("reading durations", () => {
  it.each([
    ["response", "2h", { unit: "minutes", minutes: 120 }],
    ["response", "30m", { unit: "minutes", minutes: 30 }],
    ["response", "1h30m", { unit: "minutes", minutes: 90 }],
    ["response", "1h 30 min", { unit: "minutes", minutes: 90 }],
    ["response", "1D", { unit: "days", days: 1 }],
    ["info_deadline", "3d", { unit: "days", days: 3 }],
    ["revision_time", "2d", { unit: "days", days: 2 }],
    ["call_reminder", "10m", { unit: "minutes", minutes: 10 }],
    ["call_reminder", "1h", { unit: "minutes", minutes: 60 }],
    ["warn_before", "20%", { unit: "percent", percent: 20 }],
    ["warn_before", "15m", { unit: "minutes", minutes: 15 }],
  ] as const)("reads %s %s", (key, text, value) => {
    expect(parseSetting(key, text, chat)).toEqual({ ok: true, value });
  });

  it.each([
    [
      "a zero response time",
      "response",
      "0h",
      "regulation-error-duration-not-positive",
      { value: "0h", example: "2h" },
    ],
    [
      "a negative response time",
      "response",
      "-2h",
      "regulation-error-duration-not-positive",
      { value: "-2h", example: "2h" },
    ],
    [
      "zero days for information",
      "info_deadline",
      "0d",
      "regulation-error-duration-not-positive",
      { value: "0d", example: "3d" },
    ],
    [
      "a negative call reminder",
      "call_reminder",
      "-10m",
      "regulation-error-duration-not-positive",
      { value: "-10m", example: "10m" },
    ],
    ["a fractional duration", "response", "1.5h", "regulation-error-duration-syntax", { value: "1.5h", example: "2h" }],
    ["a number without a unit", "response", "2", "regulation-error-duration-syntax", { value: "2", example: "2h" }],
    ["days mixed with hours", "response", "1d2h", "regulation-error-duration-syntax", { value: "1d2h", example: "2h" }],
    [
      "a number too large to count",
      "response",
      "99999999999999999999m",
      "regulation-error-duration-syntax",
      { value: "99999999999999999999m", example: "2h" },
    ],
    [
      "hours for a deadline in business days",
      "info_deadline",
      "48h",
      "regulation-error-duration-needs-days",
      { value: "48h", example: "3d" },
    ],
    [
      "minutes for revisions",
      "revision_time",
      "90m",
      "regulation-error-duration-needs-days",
      { value: "90m", example: "2d" },
    ],
    [
      "days before a call",
      "call_reminder",
      "1d",
      "regulation-error-duration-needs-minutes",
      { value: "1d", example: "10m" },
    ],
    [
      "days before a response is due",
      "warn_before",
      "1d",
      "regulation-error-duration-needs-minutes",
      { value: "1d", example: "15m" },
    ],
    ["no share at all", "warn_before", "0%", "regulation-error-warn-before-percent", { value: "0%" }],
    ["the whole window", "warn_before", "100%", "regulation-error-warn-before-percent", { value: "100%" }],
    ["a negative share", "warn_before", "-5%", "regulation-error-warn-before-percent", { value: "-5%" }],
    [
      "a zero lead time",
      "warn_before",
      "0m",
      "regulation-error-duration-not-positive",
      { value: "0m", example: "15m" },
    ],
    ["a word", "warn_before", "soon", "regulation-error-warn-before-syntax", { value: "soon" }],
  ] as const)("refuses %s: %s %s", (_name, key, text, code, args) => {
    expect(parseSetting(key, text, chat)).toEqual({ ok: false, error: { code, args } });
  });
});

describe("writing durations", () => {
  it.each([
    [{ unit: "minutes", minutes: 45 }, "45m"],
    [{ unit: "minutes", minutes: 120 }, "2h"],
    [{ unit: "minutes", minutes: 90 }, "1h30m"],
    [{ unit: "minutes", minutes: 1500 }, "25h"],
    [{ unit: "days", days: 3 }, "3d"],
  ] as const)("writes %o as %s", (value, text) => {
    expect(formatSetting("response", value)).toBe(text);
  });

  const minutes = fc.integer({ min: 1, max: 100_000 }).map((count) => ({ unit: "minutes" as const, minutes: count }));
  const days = fc.integer({ min: 1, max: 1000 }).map((count) => ({ unit: "days" as const, days: count }));
  const percent = fc.integer({ min: 1, max: 99 }).map((share) => ({ unit: "percent" as const, percent: share }));

  it.each([
    ["response", fc.oneof(minutes, days)],
    ["info_deadline", days],
    ["revision_time", days],
    ["call_reminder", minutes],
    ["warn_before", fc.oneof(minutes, percent)],
  ] as const)("reads back exactly the %s it wrote", (key, values) => {
    fc.assert(
      fc.property(values, (value) => {
        expect(parseSetting(key, formatSetting(key, value), chat)).toEqual({ ok: true, value });
      }),
    );
  });
});
