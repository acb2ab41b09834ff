import { Info } from "luxon";
import type { Language } from "../../domain/languages.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { formatSetting } from "../../domain/regulation/settings.js";

const ENGLISH_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Contact hours as people of the chat read them: "lun–vie 10:00–19:00" in a Spanish chat. */
export function describeHours(regulation: Regulation, language: Language): string {
  const localDays = Info.weekdays("short", { locale: language });
  return formatSetting("hours", regulation.hours)
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g, (day) => localDays[ENGLISH_DAYS.indexOf(day)] ?? day)
    .replaceAll("-", "–");
}
