import { describe, expect, it } from "vitest";
import { describeChanges } from "./describe-changes.js";
import { applySetting, calendarSpecOf, completeRegulation, defaultRegulation } from "./regulation.js";
import { formatSetting, parseSetting, SETTING_KEYS } from "./settings.js";

const fresh = defaultRegulation({ timezone: "Europe/Moscow", language: "ru" });

describe("a chat's regulation", () => {
  it("starts with the guide's figures, in the deployment's zone and the chat's language", () => {
    const shown = Object.fromEntries(SETTING_KEYS.map((key) => [key, formatSetting(key, fresh[key])]));
    expect(shown).toEqual({
      timezone: "Europe/Moscow",
      hours: "Mon-Fri 10:00-19:00",
      holidays: "none",
      response: "2h",
      warn_before: "20%",
      escalate_after: "off",
      info_deadline: "3d",
      revision_time: "2d",
      call_reminder: "10m",
      digest: "Fri 17:00",
      voice: "nudge",
      transcribe: "off",
      language: "ru",
      topic: "general",
      contract: "none",
      contract_sum: "none",
      penalty: "none",
      end_reminder: "5d",
      work_start: "3d",
      missed_call: "none",
      publish_case: "ask",
      third_parties: "ask",
    });
  });

  it("reads a version stored before transcription existed as transcription off", () => {
    const { transcribe: _absent, ...storedEarlier } = fresh;
    expect(completeRegulation(storedEarlier)).toEqual({ ...fresh, transcribe: "off" });
    expect(completeRegulation({ ...fresh, transcribe: "on" }).transcribe).toBe("on");
  });

  it("reads a version stored before the contract's terms existed as having none of them", () => {
    const {
      contract_sum: _sum,
      penalty: _penalty,
      end_reminder: _end,
      work_start: _start,
      missed_call: _missed,
      publish_case: _publish,
      third_parties: _third,
      ...storedEarlier
    } = fresh;
    expect(completeRegulation(storedEarlier)).toEqual(fresh);
  });

  it("reads a version stored before escalation existed as escalation off", () => {
    const { escalate_after: _absent, ...storedEarlier } = fresh;
    expect(completeRegulation(storedEarlier)).toEqual({ ...fresh, escalate_after: null });
  });

  it("changes one setting into a new regulation and leaves the old one as it was", () => {
    const longer = parseSetting("response", "1d", { isForum: false });
    if (!longer.ok) throw new Error("1d is a valid response time");
    const changed = applySetting(fresh, "response", longer.value);
    expect(changed.response).toEqual({ unit: "days", days: 1 });
    expect(fresh.response).toEqual({ unit: "minutes", minutes: 120 });
    expect({ ...changed, response: fresh.response }).toEqual(fresh);
  });

  it("gives the business calendar its zone, hours and holidays", () => {
    const withHolidays = applySetting(fresh, "holidays", [{ from: "2026-12-31", to: "2027-01-08" }]);
    expect(calendarSpecOf(withHolidays)).toEqual({
      timezone: "Europe/Moscow",
      hours: fresh.hours,
      holidays: [{ from: "2026-12-31", to: "2027-01-08" }],
    });
  });
});

describe("announcing changes", () => {
  it("lists each changed setting with its old and new text, in the order regbot lists settings", () => {
    const after = applySetting(applySetting(fresh, "voice", "off"), "hours", { kind: "always" });
    expect(describeChanges(fresh, after)).toEqual([
      { key: "hours", old: "Mon-Fri 10:00-19:00", new: "24/7" },
      { key: "voice", old: "nudge", new: "off" },
    ]);
  });

  it("announces nothing when a setting is set to what it already was, however it was typed", () => {
    const retyped = parseSetting("hours", "пн-пт 10-13, 13-19", { isForum: false });
    if (!retyped.ok) throw new Error("the hours are valid");
    expect(describeChanges(fresh, applySetting(fresh, "hours", retyped.value))).toEqual([]);
  });
});
