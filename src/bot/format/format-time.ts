import { DateTime, Duration } from "luxon";
import type { Language } from "../../domain/languages.js";

/** "Wed 3 Dec 2026, 19:00 (Europe/Madrid)", in the chat's language and zone. */
export function formatLocalTime(ms: number, timezone: string, language: Language): string {
  const local = DateTime.fromMillis(ms, { zone: timezone }).setLocale(language);
  return `${local.toFormat("ccc d LLL yyyy, HH:mm")} (${timezone})`;
}

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
