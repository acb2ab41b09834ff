import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { SETTING_ERROR_CODES, type SettingError } from "./setting-error.js";
import { parseSetting, SETTING_KEYS, settingNameMessageId, type ParseContext } from "./settings.js";

const LANGUAGES = ["en", "ru", "es"] as const;

function loadRegulationTexts(language: string): { source: string; resource: FluentResource; bundle: FluentBundle } {
  const source = readFileSync(new URL(`../../../locales/${language}/regulation.ftl`, import.meta.url), "utf8");
  const resource = new FluentResource(source);
  const bundle = new FluentBundle(language, { useIsolating: false });
  expect(bundle.addResource(resource)).toEqual([]);
  return { source, resource, bundle };
}

/** One text per error code that the parser refuses with it, so every message is tried with real arguments. */
const REFUSED: ReadonlyArray<[string, string, ParseContext]> = [
  ["reply_time", "2h", { isForum: false }],
  ["hours", "", { isForum: false }],
  ["timezone", "Mars/Olympus", { isForum: false }],
  ["hours", "Mon-Fri", { isForum: false }],
  ["hours", "10:00-19:00", { isForum: false }],
  ["hours", "Mon-Fri 19:00-10:00", { isForum: false }],
  ["hours", "Mon 10:00-10:00", { isForum: false }],
  ["hours", "Mon-Fri 10-19; Wed 18-20", { isForum: false }],
  ["hours", "Mox 10-19", { isForum: false }],
  ["hours", "Mon 25:00-26:00", { isForum: false }],
  ["holidays", "31.12.2026", { isForum: false }],
  ["holidays", "2027-02-30", { isForum: false }],
  ["holidays", "2027-01-08..2027-01-01", { isForum: false }],
  ["response", "soon", { isForum: false }],
  ["response", "-2h", { isForum: false }],
  ["info_deadline", "48h", { isForum: false }],
  ["call_reminder", "1d", { isForum: false }],
  ["warn_before", "soon", { isForum: false }],
  ["warn_before", "100%", { isForum: false }],
  ["digest", "Fri", { isForum: false }],
  ["voice", "ban", { isForum: false }],
  ["transcribe", "on", { isForum: false }],
  ["topic", "Reports", { isForum: false }],
  ["topic", "42", { isForum: false }],
  ["contract", "2026-12-01", { isForum: false }],
  ["contract_sum", "lots", { isForum: false }],
  ["penalty", "a fine", { isForum: false }],
];

function refusalOf(key: string, text: string, context: ParseContext): SettingError {
  const result = parseSetting(key, text, context);
  if (result.ok) throw new Error(`${key} "${text}" was accepted`);
  return result.error;
}

describe("the regulation's texts", () => {
  const texts = Object.fromEntries(LANGUAGES.map((language) => [language, loadRegulationTexts(language)]));

  it.each(LANGUAGES)("parse without errors in %s: every entry in the file became a message", (language) => {
    const { source, resource } = texts[language]!;
    const entries = source.split("\n").filter((line) => /^[a-z][\w-]*\s*=/.test(line));
    expect(resource.body.map((message) => message.id)).toEqual(entries.map((line) => line.split("=")[0]!.trim()));
  });

  it("have the same message ids in all three languages", () => {
    const [english, ...others] = LANGUAGES.map((language) =>
      texts[language]!.resource.body.map((message) => message.id).sort(),
    );
    for (const ids of others) expect(ids).toEqual(english);
  });

  it.each(LANGUAGES)("name every setting in %s", (language) => {
    const { bundle } = texts[language]!;
    for (const key of SETTING_KEYS) expect(bundle.getMessage(settingNameMessageId(key))?.value, key).toBeTruthy();
  });

  it("refuse something with every error code, so each message below is tried", () => {
    expect(new Set(REFUSED.map(([key, text, context]) => refusalOf(key, text, context).code))).toEqual(
      new Set(SETTING_ERROR_CODES),
    );
  });

  it.each(LANGUAGES)("explain every refusal in %s, with every argument filled in", (language) => {
    const { bundle } = texts[language]!;
    for (const [key, text, context] of REFUSED) {
      const { code, args } = refusalOf(key, text, context);
      const message = bundle.getMessage(code);
      expect(message?.value, code).toBeTruthy();
      const errors: Error[] = [];
      const explanation = bundle.formatPattern(message!.value!, args, errors);
      expect(errors, code).toEqual([]);
      for (const [name, value] of Object.entries(args)) {
        if (name !== "day") expect(explanation, `${code} shows $${name}`).toContain(String(value));
      }
    }
  });

  it.each([
    ["en", "On Wednesday the hours 10:00-19:00 and 18:00-20:00 overlap."],
    ["ru", "В среду часы 10:00-19:00 и 18:00-20:00 пересекаются."],
    ["es", "El miércoles los horarios 10:00-19:00 y 18:00-20:00 se solapan."],
  ] as const)("name the overlapping day in %s", (language, start) => {
    const { bundle } = texts[language]!;
    const { code, args } = refusalOf("hours", "Mon-Fri 10-19; Wed 18-20", { isForum: false });
    expect(bundle.formatPattern(bundle.getMessage(code)!.value!, args)).toContain(start);
  });
});
