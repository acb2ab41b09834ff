/**
 * Local calendar fields of an instant in a time zone, from Intl formatters kept per zone:
 * building a formatter costs far more than using one, and a luxon DateTime per instant was
 * most of a Mini App chat view and a digest's answer chart.
 */

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** `yyyy-MM-dd` of the instant in the zone. */
export function localDay(ms: number, timezone: string): string {
  return kept(dayFormats, timezone, { year: "numeric", month: "2-digit", day: "2-digit" }, "en-CA").format(ms);
}

/** Year, month, day, hour (0–23) and minute of the instant in the zone. */
export function localFields(ms: number, timezone: string): LocalFields {
  const format = kept(
    fieldFormats,
    timezone,
    { hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" },
    "en-US",
  );
  const fields: LocalFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of format.formatToParts(ms))
    if (part.type in fields) fields[part.type as keyof LocalFields] = Number(part.value);
  return fields;
}

function kept(
  formats: Map<string, Intl.DateTimeFormat>,
  timezone: string,
  options: Intl.DateTimeFormatOptions,
  locale: string,
): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: timezone });
    formats.set(timezone, format);
  }
  return format;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const fieldFormats = new Map<string, Intl.DateTimeFormat>();
