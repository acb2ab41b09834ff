import { DateTime, Duration, Info } from "luxon";
import { localFields } from "../../domain/dates/zone-formats.js";
import type { Language } from "../../domain/languages.js";

/**
 * "Wed 3 Dec 2026, 19:00 (Europe/Madrid)", in the chat's language and zone: luxon's
 * `ccc d LLL yyyy, HH:mm`, from one kept Intl formatter per zone and luxon's own names.
 * A luxon DateTime per call was most of a Mini App chat view, which shows dozens of times.
 */
export function formatLocalTime(ms: number, timezone: string, language: Language): string {
  const { year, month, day, hour, minute } = localFields(ms, timezone);
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  const names = namesIn(language);
  const clock = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  return `${names.weekdays[weekday]} ${day} ${names.months[month - 1]} ${String(year).padStart(4, "0")}, ${clock} (${timezone})`;
}

/** Standalone short names (luxon's `ccc` and `LLL`), weekdays from Monday. */
function namesIn(language: Language): { weekdays: string[]; months: string[] } {
  let names = standaloneNames.get(language);
  if (names === undefined) {
    names = {
      weekdays: Info.weekdays("short", { locale: language }),
      months: Info.months("short", { locale: language }),
    };
    standaloneNames.set(language, names);
  }
  return names;
}

const standaloneNames = new Map<Language, { weekdays: string[]; months: string[] }>();

/** "Fri 4 Dec, 16:40": an instant beside a full one that names the zone. */
export function formatShortLocalTime(ms: number, timezone: string, language: Language): string {
  return DateTime.fromMillis(ms, { zone: timezone }).setLocale(language).toFormat("ccc d LLL, HH:mm");
}

/** "Wed 9 Dec": a day, when the hour does not matter. */
export function formatLocalDay(ms: number, timezone: string, language: Language): string {
  return DateTime.fromMillis(ms, { zone: timezone }).setLocale(language).toFormat("ccc d LLL");
}

/** "2 days, 3 hours": a stretch of time to the minute, its zero units left out. */
export function formatElapsed(ms: number, language: Language): string {
  const parts = Duration.fromMillis(Math.max(ms, 60_000)).shiftTo("days", "hours", "minutes").toObject();
  const units = Object.entries(parts).filter(([, value]) => Math.floor(value ?? 0) > 0);
  return Duration.fromObject(Object.fromEntries(units.map(([unit, value]) => [unit, Math.floor(value!)])), {
    locale: language,
  }).toHuman({ unitDisplay: "long" });
}
