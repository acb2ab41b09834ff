import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SUPPORTED_LANGUAGES } from "../languages.js";
import { defaultRegulation, type SettingKey } from "./regulation.js";
import { formatSetting, parseSetting, SETTING_KEYS, type ParseContext } from "./settings.js";

const forum: ParseContext = { isForum: true, transcriptionOffered: true };

describe("a setting's value in the chat's language", () => {
  it.each([
    [
      "hours",
      "Mon-Thu 10:00-19:00; Fri 10:00-17:00",
      "Пн-Чт 10:00-19:00; Пт 10:00-17:00",
      "lun-jue 10:00-19:00; vie 10:00-17:00",
    ],
    ["digest", "Fri 17:00", "Пт 17:00", "vie 17:00"],
    ["digest", "off", "выкл", "no"],
    ["holidays", "none", "нет", "ninguno"],
    ["contract", "none", "нет", "ninguno"],
    ["voice", "nudge", "напоминать", "recordar"],
    ["voice", "off", "выкл", "no"],
    ["transcribe", "on", "вкл", "sí"],
    ["topic", "general", "общая", "general"],
    ["response", "2h", "2 ч", "2 h"],
    ["response", "1h30m", "1 ч 30 мин", "1 h 30 min"],
    ["info_deadline", "3d", "3 дн", "3 d"],
    ["warn_before", "15m", "15 мин", "15 min"],
    ["warn_before", "20%", "20%", "20%"],
    ["end_reminder", "off", "выкл", "no"],
    ["publish_case", "ask", "спросить", "consultar"],
    ["third_parties", "yes", "да", "sí"],
    [
      "penalty",
      "10% + 2%/day business max 30% clause 7.1",
      "10% + 2% в день рабочих макс. 30% clause 7.1",
      "10% + 2% por día hábil máx. 30% clause 7.1",
    ],
    ["penalty", "2%/day calendar", "2% в день календарных", "2% por día natural"],
    ["contract_sum", "none", "нет", "ninguno"],
  ] as const)("writes %s %j as %j in Russian and %j in Spanish", (key, english, russian, spanish) => {
    const read = parseSetting(key, english, forum);
    if (!read.ok) throw new Error(`${key} ${english} was refused`);
    expect(formatSetting(key, read.value, "en")).toBe(english);
    expect(formatSetting(key, read.value, "ru")).toBe(russian);
    expect(formatSetting(key, read.value, "es")).toBe(spanish);
  });

  it.each([
    ["digest", "Пт 17:00", "Fri 17:00"],
    ["digest", "vie 17", "Fri 17:00"],
    ["digest", "Выкл", "off"],
    ["voice", "no", "off"],
    ["transcribe", "sí", "on"],
    ["holidays", "ninguno", "none"],
    ["topic", "общая", "general"],
    ["response", "2 часа", "2h"],
    ["response", "90 минут", "1h30m"],
    ["response", "1 hora 30 min", "1h30m"],
    ["info_deadline", "3 дня", "3d"],
    ["revision_time", "2 días", "2d"],
    ["call_reminder", "10 мин.", "10m"],
  ] as const)("/set %s reads %j in any language's spelling, %j in English", (key, typed, canonical) => {
    const read = parseSetting(key, typed, forum);
    expect(read.ok && formatSetting(key, read.value)).toBe(canonical);
  });

  // Whatever a chat is shown, a specialist may copy back into /set and mean the same value.
  it.each(SUPPORTED_LANGUAGES)("reads back every default and any contact hours written in %s", (language) => {
    const defaults = defaultRegulation({ timezone: "Europe/Madrid", language });
    for (const key of SETTING_KEYS) {
      const shown = formatSetting(key, defaults[key], language);
      expect(parseSetting(key as SettingKey, shown, forum), `${key} ${shown}`).toEqual({
        ok: true,
        value: defaults[key],
      });
    }
    fc.assert(
      fc.property(
        fc.stringMatching(
          /^((Mon|пн|Sáb|fri|Dom)(-(sun|Вт|mié))? (0?\d|1\d)(:[0-5]\d)?-(1\d|2[0-4])(:00)?[,;] ?){1,3}$/,
        ),
        (text) => {
          const read = parseSetting("hours", text, forum);
          if (read.ok) expect(parseSetting("hours", formatSetting("hours", read.value, language), forum)).toEqual(read);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom("5%", "10% + 2%/day", "1.5%/day calendar max 20%", "3% + 1%/day business cap 9% clause 2"),
        (text) => {
          const read = parseSetting("penalty", text, forum);
          expect(read.ok && parseSetting("penalty", formatSetting("penalty", read.value, language), forum)).toEqual(
            read,
          );
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom("m", "h", "d"), (amount, unit) => {
        const read = parseSetting("response", `${amount}${unit}`, forum);
        if (read.ok)
          expect(parseSetting("response", formatSetting("response", read.value, language), forum)).toEqual(read);
      }),
    );
  });
});
