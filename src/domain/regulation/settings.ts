import { IANAZone } from "luxon";
import type { BusinessDuration } from "../calendar/calendar-spec.js";
import { SUPPORTED_LANGUAGES } from "../languages.js";
import { formatContactHours, parseContactHours } from "./contact-hours.js";
import { formatContract, parseContract } from "./contract.js";
import { formatClause, formatContractSum, formatPenaltyRule, parseClause, parseContractSum, parsePenaltyRule, PERMISSIONS } from "../contract/terms.js";
import { formatDigest, parseDigest } from "./digest.js";
import { formatDuration, formatWarnBefore, parseDaysDuration, type DaysDuration, parseDuration, parseMinutesDuration, parseWarnBefore } from "./durations.js";
import { formatHolidays, parseHolidays } from "./holidays.js";
import type { Regulation, SettingKey, Topic, TranscriptionChoice } from "./regulation.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";

/** What about the chat decides whether a value fits it. */
export interface ParseContext {
  /** Only a forum group has topics to send reminders to. */
  isForum: boolean;
  /** Only a deployment with a speech-to-text engine (TRANSCRIBE_URL) can turn transcription on. */
  transcriptionOffered?: boolean;
}

interface SettingCodec<V> {
  /** A right value, shown to someone who gave none or a wrong one. */
  example: string;
  parse(text: string, example: string, context: ParseContext): ParseResult<V>;
  /** The canonical one-line text, which `parse` reads back as the same value. */
  format(value: V): string;
}

const GENERAL_TOPIC = "general";

const CODECS: { [K in SettingKey]: SettingCodec<Regulation[K]> } = {
  timezone: { example: "Europe/Moscow", parse: parseTimezone, format: (zone) => zone },
  hours: { example: "Mon-Fri 10:00-13:00,14:00-19:00; Sat 11:00-14:00", parse: parseContactHours, format: formatContactHours },
  holidays: { example: "2026-12-31, 2027-01-01..2027-01-08", parse: parseHolidays, format: formatHolidays },
  response: { example: "2h", parse: parseDuration, format: formatDuration },
  warn_before: { example: "15m", parse: parseWarnBefore, format: formatWarnBefore },
  escalate_after: { example: "30m", parse: parseEscalateAfter, format: (duration) => (duration === null ? OFF : formatDuration(duration)) },
  info_deadline: { example: "3d", parse: parseDaysDuration, format: formatDuration },
  revision_time: { example: "2d", parse: parseDaysDuration, format: formatDuration },
  call_reminder: { example: "10m", parse: parseMinutesDuration, format: formatDuration },
  digest: { example: "Fri 17:00", parse: parseDigest, format: formatDigest },
  voice: { example: "nudge", parse: choiceOf(["nudge", "off"]), format: (policy) => policy },
  transcribe: { example: "off", parse: parseTranscription, format: (choice) => choice },
  language: { example: "en", parse: choiceOf(SUPPORTED_LANGUAGES), format: (language) => language },
  topic: { example: "general", parse: parseTopic, format: (topic) => (topic.kind === "general" ? GENERAL_TOPIC : String(topic.threadId)) },
  contract: { example: "2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2).", parse: parseContract, format: formatContract },
  contract_sum: { example: "3000 EUR", parse: parseContractSum, format: formatContractSum },
  penalty: { example: "10% + 2%/day business max 30% clause 7.1", parse: parsePenaltyRule, format: formatPenaltyRule },
  end_reminder: { example: "5d", parse: parseOptionalDays, format: (duration) => (duration === null ? OFF : formatDuration(duration)) },
  work_start: { example: "3d", parse: parseDaysDuration, format: formatDuration },
  missed_call: { example: "A missed call is charged at 50 EUR (clause 8.2).", parse: parseClause, format: formatClause },
  publish_case: { example: "ask", parse: choiceOf(PERMISSIONS), format: (permission) => permission },
  third_parties: { example: "ask", parse: choiceOf(PERMISSIONS), format: (permission) => permission },
};

const OFF = "off";

function parseOptionalDays(text: string, example: string): ParseResult<DaysDuration | null> {
  return text.toLowerCase() === OFF ? parsed(null) : parseDaysDuration(text, example);
}

/** In the order regbot lists them. */
export const SETTING_KEYS = Object.keys(CODECS) as SettingKey[];

/** `warn_before`, `Warn-Before` → `warn_before`; an unknown name → undefined. */
export function settingKeyNamed(name: string): SettingKey | undefined {
  const normalised = name.trim().toLowerCase().replaceAll("-", "_");
  return SETTING_KEYS.find((key) => key === normalised);
}

/** The Fluent message with the setting's human name, e.g. `regulation-key-warn-before`. */
export function settingNameMessageId(key: SettingKey): string {
  return `regulation-key-${key.replaceAll("_", "-")}`;
}

export function parseSetting<K extends SettingKey>(key: K, text: string, context: ParseContext): ParseResult<Regulation[K]>;
export function parseSetting(key: string, text: string, context: ParseContext): ParseResult<Regulation[SettingKey]>;
export function parseSetting(name: string, text: string, context: ParseContext): ParseResult<Regulation[SettingKey]> {
  const key = settingKeyNamed(name);
  if (key === undefined) return refused("regulation-error-unknown-key", { key: name, keys: SETTING_KEYS.join(", ") });
  const codec = codecOf(key);
  if (text.trim() === "") return refused("regulation-error-empty-value", { key, example: codec.example });
  return codec.parse(text.trim(), codec.example, context);
}

export function formatSetting<K extends SettingKey>(key: K, value: Regulation[K]): string {
  return codecOf(key).format(value);
}

function codecOf<K extends SettingKey>(key: K): SettingCodec<Regulation[K]> {
  return CODECS[key];
}

function parseTimezone(text: string): ParseResult<string> {
  if (!IANAZone.isValidZone(text)) return refused("regulation-error-timezone-unknown", { value: text });
  // The runtime knows each zone's canonical spelling: `europe/moscow` → `Europe/Moscow`.
  return parsed(new Intl.DateTimeFormat("en", { timeZone: text }).resolvedOptions().timeZone);
}

function parseEscalateAfter(text: string, example: string): ParseResult<BusinessDuration | null> {
  return text.toLowerCase() === OFF ? parsed(null) : parseDuration(text, example);
}

function choiceOf<C extends string>(choices: readonly C[]): (text: string) => ParseResult<C> {
  return (text) => {
    const choice = choices.find((candidate) => candidate === text.toLowerCase());
    return choice === undefined ? refused("regulation-error-not-a-choice", { value: text, choices: choices.join(", ") }) : parsed(choice);
  };
}

function parseTranscription(text: string, _example: string, { transcriptionOffered = false }: ParseContext): ParseResult<TranscriptionChoice> {
  const choice = choiceOf(["on", "off"] as const)(text);
  return choice.ok && choice.value === "on" && !transcriptionOffered ? refused("regulation-error-transcription-not-offered") : choice;
}

function parseTopic(text: string, _example: string, { isForum }: ParseContext): ParseResult<Topic> {
  if (text.toLowerCase() === GENERAL_TOPIC) return parsed({ kind: "general" });
  const threadId = /^\d+$/.test(text) ? Number(text) : 0;
  if (threadId < 1 || !Number.isSafeInteger(threadId)) return refused("regulation-error-topic-syntax", { value: text });
  if (!isForum) return refused("regulation-error-topic-not-forum", { value: text });
  return parsed({ kind: "thread", threadId });
}
