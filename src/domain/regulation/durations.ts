import type { BusinessDuration } from "../calendar/calendar-spec.js";
import type { Language } from "../languages.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";
import { canonicalUnits, vocabularyOf } from "./vocabulary.js";

export type MinutesDuration = Extract<BusinessDuration, { unit: "minutes" }>;
export type DaysDuration = Extract<BusinessDuration, { unit: "days" }>;

/** How early the specialist hears that an answer is due: a share of the response window, or a fixed time. */
export type WarnBefore = { unit: "percent"; percent: number } | MinutesDuration;

const DAYS = /^(-?)(\d+)d$/;
const HOURS_AND_MINUTES = /^(-?)(?:(\d+)h)?(?:(\d+)m(?:in)?)?$/;
const PERCENT = /^(-?\d+)\s*%$/;

/** `30m`, `2h`, `1h30m`, `2 ч` → minutes; `3d`, `3 дня` → days. `example` is shown back when the text is wrong. */
export function parseDuration(text: string, example: string): ParseResult<BusinessDuration> {
  const reading = readDuration(canonicalUnits(text).replace(/\s+/g, ""));
  if (reading === undefined) return refused("regulation-error-duration-syntax", { value: text, example });
  const amount = reading.duration.unit === "days" ? reading.duration.days : reading.duration.minutes;
  if (!Number.isSafeInteger(amount)) return refused("regulation-error-duration-syntax", { value: text, example });
  if (reading.negative || amount === 0)
    return refused("regulation-error-duration-not-positive", { value: text, example });
  return parsed(reading.duration);
}

function readDuration(compact: string): { negative: boolean; duration: BusinessDuration } | undefined {
  const days = DAYS.exec(compact);
  if (days !== null) return { negative: days[1] === "-", duration: { unit: "days", days: Number(days[2]) } };
  const clock = HOURS_AND_MINUTES.exec(compact);
  if (clock === null || (clock[2] === undefined && clock[3] === undefined)) return undefined;
  return {
    negative: clock[1] === "-",
    duration: { unit: "minutes", minutes: Number(clock[2] ?? "0") * 60 + Number(clock[3] ?? "0") },
  };
}

/** For deadlines counted in business days: `3d`, not `72h`. */
export function parseDaysDuration(text: string, example: string): ParseResult<DaysDuration> {
  const duration = parseDuration(text, example);
  if (duration.ok && duration.value.unit !== "days")
    return refused("regulation-error-duration-needs-days", { value: text, example });
  return duration as ParseResult<DaysDuration>;
}

/** For lead times: `10m`, `1h`, never days. */
export function parseMinutesDuration(text: string, example: string): ParseResult<MinutesDuration> {
  const duration = parseDuration(text, example);
  if (duration.ok && duration.value.unit !== "minutes")
    return refused("regulation-error-duration-needs-minutes", { value: text, example });
  return duration as ParseResult<MinutesDuration>;
}

/** `3d`, `45m`, `2h`, `1h30m` (`1 ч 30 мин` in Russian); minutes are never rounded up into days, which count differently. */
export function formatDuration(duration: BusinessDuration, language?: Language): string {
  const { units } = vocabularyOf(language);
  const amount = (count: number, unit: string) => `${count}${units.gap}${unit}`;
  if (duration.unit === "days") return amount(duration.days, units.days);
  const hours = Math.floor(duration.minutes / 60);
  const minutes = duration.minutes % 60;
  if (hours === 0) return amount(minutes, units.minutes);
  if (minutes === 0) return amount(hours, units.hours);
  return `${amount(hours, units.hours)}${units.gap}${amount(minutes, units.minutes)}`;
}

/** `20%` of the response window (1–99), or a time before it closes such as `15m`. */
export function parseWarnBefore(text: string, example: string): ParseResult<WarnBefore> {
  const percent = PERCENT.exec(text.trim());
  if (percent !== null) {
    const share = Number(percent[1]);
    return share >= 1 && share <= 99
      ? parsed({ unit: "percent", percent: share })
      : refused("regulation-error-warn-before-percent", { value: text });
  }
  const duration = parseMinutesDuration(text, example);
  if (!duration.ok && duration.error.code === "regulation-error-duration-syntax")
    return refused("regulation-error-warn-before-syntax", { value: text });
  return duration;
}

export function formatWarnBefore(warnBefore: WarnBefore, language?: Language): string {
  return warnBefore.unit === "percent" ? `${warnBefore.percent}%` : formatDuration(warnBefore, language);
}
