import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatSetting,
  parseSetting,
  SETTING_KEYS,
  settingKeyNamed,
  settingNameMessageId,
  type ParseContext,
} from "./settings.js";

const group: ParseContext = { isForum: false };
const forum: ParseContext = { isForum: true };

describe("reading a setting by its key", () => {
  it.each([
    ["timezone", "Europe/Moscow", "Europe/Moscow"],
    ["timezone", "europe/madrid", "Europe/Madrid"],
    ["timezone", "UTC", "UTC"],
    ["timezone", "America/Mexico_City", "America/Mexico_City"],
    ["digest", "Fri 17:00", { kind: "weekly", weekday: 5, time: 17 * 60 }],
    ["digest", "пн 9", { kind: "weekly", weekday: 1, time: 9 * 60 }],
    ["digest", "Vie 18:30", { kind: "weekly", weekday: 5, time: 18 * 60 + 30 }],
    ["digest", "OFF", { kind: "off" }],
    ["voice", "nudge", "nudge"],
    ["voice", "Off", "off"],
    ["language", "ru", "ru"],
    ["language", "ES", "es"],
    ["topic", "general", { kind: "general" }],
    ["contract", "2026-12-01..2027-02-28", { period: { from: "2026-12-01", to: "2027-02-28" } }],
    [
      "contract",
      "2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2).",
      {
        period: { from: "2026-12-01", to: "2027-02-28" },
        clause: "If information is late, work pauses (clause 5.2).",
      },
    ],
    [
      "contract",
      "2026-12-01 – 2027-02-28  Если информация\nзадерживается, работа приостанавливается.",
      {
        period: { from: "2026-12-01", to: "2027-02-28" },
        clause: "Если информация задерживается, работа приостанавливается.",
      },
    ],
    ["contract", "none", null],
    ["escalate_after", "30m", { unit: "minutes", minutes: 30 }],
    ["escalate_after", "1d", { unit: "days", days: 1 }],
    ["escalate_after", "OFF", null],
    [
      "hours",
      "Пн-Пт 10:00-19:00",
      {
        kind: "weekly",
        days: {
          1: [{ start: 600, end: 1140 }],
          2: [{ start: 600, end: 1140 }],
          3: [{ start: 600, end: 1140 }],
          4: [{ start: 600, end: 1140 }],
          5: [{ start: 600, end: 1140 }],
        },
      },
    ],
    ["holidays", "2026-12-31", [{ from: "2026-12-31", to: "2026-12-31" }]],
  ] as const)("reads %s %j", (key, text, value) => {
    expect(parseSetting(key, text, group)).toEqual({ ok: true, value });
  });

  it("reads a topic's thread id in a forum group", () => {
    expect(parseSetting("topic", "42", forum)).toEqual({ ok: true, value: { kind: "thread", threadId: 42 } });
  });

  it.each([
    ["an unknown zone", "timezone", "Mars/Olympus", "regulation-error-timezone-unknown", { value: "Mars/Olympus" }],
    ["an offset instead of a zone", "timezone", "+03:00", "regulation-error-timezone-unknown", { value: "+03:00" }],
    ["a city without its region", "timezone", "Moscow", "regulation-error-timezone-unknown", { value: "Moscow" }],
    ["a digest without a time", "digest", "Fri", "regulation-error-digest-syntax", { value: "Fri" }],
    ["a digest on an unknown day", "digest", "Freitag 17:00", "regulation-error-unknown-day", { day: "Freitag" }],
    ["a digest at an impossible time", "digest", "Fri 24:00", "regulation-error-impossible-time", { time: "24:00" }],
    [
      "an unknown voice policy",
      "voice",
      "ban",
      "regulation-error-not-a-choice",
      { value: "ban", choices: "nudge, off" },
    ],
    [
      "an unsupported language",
      "language",
      "de",
      "regulation-error-not-a-choice",
      { value: "de", choices: "en, ru, es" },
    ],
    ["topic zero", "topic", "0", "regulation-error-topic-syntax", { value: "0" }],
    ["a negative topic", "topic", "-5", "regulation-error-topic-syntax", { value: "-5" }],
    ["a topic by name", "topic", "Reports", "regulation-error-topic-syntax", { value: "Reports" }],
    [
      "a contract without an end",
      "contract",
      "2026-12-01",
      "regulation-error-contract-syntax",
      { value: "2026-12-01" },
    ],
    [
      "a contract that ends before it starts",
      "contract",
      "2027-02-28..2026-12-01",
      "regulation-error-reversed-range",
      { from: "2027-02-28", to: "2026-12-01" },
    ],
    [
      "a contract ending on a day that does not exist",
      "contract",
      "2026-12-01..2027-02-30 Clause",
      "regulation-error-impossible-date",
      { value: "2027-02-30" },
    ],
    [
      "a contract with the clause first",
      "contract",
      "Clause 5.2 2026-12-01..2027-02-28",
      "regulation-error-contract-syntax",
      { value: "Clause 5.2 2026-12-01..2027-02-28" },
    ],
  ] as const)("refuses %s: %s %s", (_name, key, text, code, args) => {
    expect(parseSetting(key, text, forum)).toEqual({ ok: false, error: { code, args } });
  });

  it("turns transcription on only where the deployment offers an engine, and off anywhere", () => {
    expect(parseSetting("transcribe", "ON", { isForum: false, transcriptionOffered: true })).toEqual({
      ok: true,
      value: "on",
    });
    expect(parseSetting("transcribe", "on", group)).toEqual({
      ok: false,
      error: { code: "regulation-error-transcription-not-offered", args: {} },
    });
    expect(parseSetting("transcribe", "off", group)).toEqual({ ok: true, value: "off" });
    expect(parseSetting("transcribe", "yes", { isForum: false, transcriptionOffered: true })).toMatchObject({
      ok: false,
      error: { code: "regulation-error-not-a-choice", args: { choices: "on, off" } },
    });
  });

  it("refuses a topic's thread id outside a forum group, where there are no topics", () => {
    expect(parseSetting("topic", "42", group)).toEqual({
      ok: false,
      error: { code: "regulation-error-topic-not-forum", args: { value: "42" } },
    });
  });

  it("refuses an unknown key and lists the valid ones", () => {
    expect(parseSetting("reply_time", "2h", group)).toEqual({
      ok: false,
      error: {
        code: "regulation-error-unknown-key",
        args: {
          key: "reply_time",
          keys: "timezone, hours, holidays, response, warn_before, escalate_after, info_deadline, revision_time, call_reminder, digest, voice, transcribe, language, topic, contract, contract_sum, penalty, end_reminder, work_start, missed_call, publish_case, third_parties",
        },
      },
    });
  });

  it("asks for a value when none is given, with an example that is itself accepted", () => {
    for (const key of SETTING_KEYS) {
      const missing = parseSetting(key, "  ", forum);
      expect(missing).toMatchObject({ ok: false, error: { code: "regulation-error-empty-value", args: { key } } });
      const example = missing.ok ? "" : String(missing.error.args.example);
      expect(parseSetting(key, example, forum).ok, `${key} ${example}`).toBe(true);
    }
  });

  it("knows a key however it is capitalised or hyphenated", () => {
    expect(settingKeyNamed("Warn-Before")).toBe("warn_before");
    expect(settingKeyNamed(" HOURS ")).toBe("hours");
    expect(settingKeyNamed("hour")).toBeUndefined();
    expect(parseSetting("Info-Deadline", "5d", group)).toEqual({ ok: true, value: { unit: "days", days: 5 } });
  });

  it("names each setting's Fluent message after its key", () => {
    expect(settingNameMessageId("warn_before")).toBe("regulation-key-warn-before");
    expect(settingNameMessageId("hours")).toBe("regulation-key-hours");
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SETTING_KEYS),
        fc.string({ maxLength: 40 }),
        fc.boolean(),
        (key, text, isForum) => {
          expect(typeof parseSetting(key, text, { isForum }).ok).toBe("boolean");
        },
      ),
    );
  });
});

describe("writing a setting back", () => {
  it.each([
    ["hours", "mon-fri 10-19", "Mon-Fri 10:00-19:00"],
    ["hours", "Сб-Вс 11-14; пн-пт 9-13, 14-18", "Mon-Fri 09:00-13:00,14:00-18:00; Sat-Sun 11:00-14:00"],
    ["holidays", "2027-01-08 , 2027-01-01..2027-01-07", "2027-01-01..2027-01-08"],
    ["holidays", "-", "none"],
    ["response", "90m", "1h30m"],
    ["warn_before", "20 %", "20%"],
    ["digest", "viernes 17", "Fri 17:00"],
    ["topic", "007", "7"],
    ["contract", "2026-12-01—2027-02-28", "2026-12-01..2027-02-28"],
  ] as const)("writes %s %j as %j", (key, text, canonical) => {
    const read = parseSetting(key, text, forum);
    expect(read.ok && formatSetting(key, read.value)).toBe(canonical);
  });

  // Whatever regbot accepts, it shows in a form it reads back as the same value.
  it.each([
    ["hours", /^((Mon|пн|Sáb|fri|Dom)(-(sun|Вт|mié))? (0?\d|1\d)(:[0-5]\d)?-(1\d|2[0-4])(:00)?[,;] ?){1,3}$/],
    ["holidays", /^(202[6-8]-0[1-3]-[0-3]\d(\.\.202[6-8]-0[1-3]-[0-3]\d)?, ?){1,5}$/],
    ["response", /^\d{1,3}(h|m|d)(\d{1,2}m)?$/],
    ["digest", /^(Mon|пт|Sáb) \d{1,2}(:[0-5]\d)?$/],
    ["contract", /^2026-1[0-2]-[0-3]\d\.\.2027-0[1-3]-[0-3]\d( [a-z ]{0,12})?$/],
  ] as const)("reads back what it writes for any accepted %s", (key, shape) => {
    fc.assert(
      fc.property(fc.stringMatching(shape), (text) => {
        const read = parseSetting(key, text, forum);
        if (read.ok) expect(parseSetting(key, formatSetting(key, read.value), forum)).toEqual(read);
      }),
      { numRuns: 500 },
    );
  });
});
