import type { Regulation, SettingKey } from "./regulation.js";
import { formatSetting, SETTING_KEYS } from "./settings.js";

export interface SettingChange {
  key: SettingKey;
  old: string;
  new: string;
}

/** The settings whose canonical text differs, in the order regbot lists them, for announcing a change. */
export function describeChanges(before: Regulation, after: Regulation): SettingChange[] {
  return SETTING_KEYS.flatMap((key) => {
    const old = formatSetting(key, before[key]);
    const now = formatSetting(key, after[key]);
    return old === now ? [] : [{ key, old, new: now }];
  });
}
