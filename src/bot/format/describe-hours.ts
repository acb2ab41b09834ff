import type { Language } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { formatSetting } from "../../domain/regulation/settings.js";

/** Contact hours as people of the chat read them in a sentence: "lun–vie 10:00–19:00" in a Spanish chat. */
export function describeHours(regulation: Regulation, language: Language): string {
  return formatSetting("hours", regulation.hours, language).replaceAll("-", "–");
}
