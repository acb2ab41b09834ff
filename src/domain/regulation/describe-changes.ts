import type { Language } from "../languages.js";
import type { Regulation, SettingKey } from "./regulation.js";
import { formatSetting, SETTING_KEYS } from "./settings.js";

export interface SettingChange {
  key: SettingKey;
  old: string;
  new: string;
}

/**
 * The settings whose canonical text differs, in the order regbot lists them, for announcing a
 * change: old and new written in `language` (the canonical English by default, as logged).
 */
export function describeChanges(before: Regulation, after: Regulation, language?: Language): SettingChange[] {
  return SETTING_KEYS.flatMap((key) => {
    if (formatSetting(key, before[key]) === formatSetting(key, after[key])) return [];
    return [{ key, old: formatSetting(key, before[key], language), new: formatSetting(key, after[key], language) }];
  });
}
