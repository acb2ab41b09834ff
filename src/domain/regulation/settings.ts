import { IANAZone } from "luxon";
import type { BusinessDuration } from "../calendar/calendar-spec.js";
import { type Language, SUPPORTED_LANGUAGES } from "../languages.js";
import { formatContactHours, parseContactHours } from "./contact-hours.js";
import { formatContract, parseContract } from "./contract.js";
import {
  formatClause,
  formatContractSum,
  formatPenaltyRule,
  parseClause,
  parseContractSum,
  parsePenaltyRule,
  PERMISSIONS,
} from "../contract/terms.js";
import { formatDigest, parseDigest } from "./digest.js";
import {
  formatDuration,
  formatWarnBefore,
  parseDaysDuration,
  type DaysDuration,
  parseDuration,
  parseMinutesDuration,
  parseWarnBefore,
} from "./durations.js";
import { formatHolidays, parseHolidays } from "./holidays.js";
import type { Regulation, SettingKey, Topic, TranscriptionChoice } from "./regulation.js";
import { parsed, refused, type ParseResult } from "./setting-error.js";
import { spellsWord, type ValueWord, vocabularyOf } from "./vocabulary.js";

/** What about the chat decides whether a value fits it. */
export interface ParseContext {
  /** Only a forum group has topics to send reminders to. */
  isForum: boolean;
  /** Only a deployment with a speech-to-text engine (TRANSCRIBE_URL) can turn transcription on. */
  transcriptionOffered?: boolean;
  /** The language examples and choices in a refusal are written in; English by default. */
  language?: Language;
}

interface SettingCodec<V> {
  /** A right value, shown to someone who gave none or a wrong one. */
  example: string;
  parse(text: string, example: string, context: ParseContext): ParseResult<V>;
  /** The one-line text in a language (English, the canonical one, by default), which `parse` reads back as the same value. */
  format(value: V, language?: Language): string;
}

const CODECS: { [K in SettingKey]: SettingCodec<Regulation[K]> } = {
  timezone: { example: "Europe/Moscow", parse: parseTimezone, format: (zone) => zone },
  hours: {
    example: "Mon-Fri 10:00-13:00,14:00-19:00; Sat 11:00-14:00",
    parse: parseContactHours,
    format: formatContactHours,
  },
  holidays: { example: "2026-12-31, 2027-01-01..2027-01-08", parse: parseHolidays, format: formatHolidays },
  response: { example: "2h", parse: parseDuration, format: formatDuration },
  warn_before: { example: "15m", parse: parseWarnBefore, format: formatWarnBefore },
  escalate_after: {
    example: "30m",
    parse: parseEscalateAfter,
    format: (duration, language) =>
      duration === null ? vocabularyOf(language).off : formatDuration(duration, language),
  },
  info_deadline: { example: "3d", parse: parseDaysDuration, format: formatDuration },
  revision_time: { example: "2d", parse: parseDaysDuration, format: formatDuration },
  call_reminder: { example: "10m", parse: parseMinutesDuration, format: formatDuration },
  digest: { example: "Fri 17:00", parse: parseDigest, format: formatDigest },
  voice: {
    example: "nudge",
    parse: wordChoiceOf(["nudge", "off"]),
    format: (policy, language) => vocabularyOf(language)[policy],
  },
  transcribe: {
    example: "off",
    parse: parseTranscription,
    format: (choice, language) => vocabularyOf(language)[choice],
  },
  language: { example: "en", parse: choiceOf(SUPPORTED_LANGUAGES), format: (language) => language },
  topic: {
    example: "general",
    parse: parseTopic,
    format: (topic, language) => (topic.kind === "general" ? vocabularyOf(language).general : String(topic.threadId)),
  },
  contract: {
    example: "2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2).",
    parse: parseContract,
    format: formatContract,
  },
  contract_sum: { example: "3000 EUR", parse: parseContractSum, format: formatContractSum },
  penalty: { example: "10% + 2%/day business max 30% clause 7.1", parse: parsePenaltyRule, format: formatPenaltyRule },
  end_reminder: {
    example: "5d",
    parse: parseOptionalDays,
    format: (duration, language) =>
      duration === null ? vocabularyOf(language).off : formatDuration(duration, language),
  },
  work_start: { example: "3d", parse: parseDaysDuration, format: formatDuration },
  missed_call: {
    example: "A missed call is charged at 50 EUR (clause 8.2).",
    parse: parseClause,
    format: formatClause,
  },
  publish_case: {
    example: "ask",
    parse: wordChoiceOf(PERMISSIONS),
    format: (permission, language) => vocabularyOf(language)[permission],
  },
  third_parties: {
    example: "ask",
    parse: wordChoiceOf(PERMISSIONS),
    format: (permission, language) => vocabularyOf(language)[permission],
  },
};

function parseOptionalDays(text: string, example: string): ParseResult<DaysDuration | null> {
  return spellsWord(text, "off") ? parsed(null) : parseDaysDuration(text, example);
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

export function parseSetting<K extends SettingKey>(
  key: K,
  text: string,
  context: ParseContext,
): ParseResult<Regulation[K]>;
export function parseSetting(key: string, text: string, context: ParseContext): ParseResult<Regulation[SettingKey]>;
export function parseSetting(name: string, text: string, context: ParseContext): ParseResult<Regulation[SettingKey]> {
  const key = settingKeyNamed(name);
  if (key === undefined) return refused("regulation-error-unknown-key", { key: name, keys: SETTING_KEYS.join(", ") });
  const codec = codecOf(key);
  const example = exampleIn(key, context.language);
  if (text.trim() === "") return refused("regulation-error-empty-value", { key, example });
  return codec.parse(text.trim(), example, context);
}

/** A setting's example as the chat reads it (`2 ч`, `vie 17:00`); every example is a valid value. */
function exampleIn(key: SettingKey, language: Language | undefined): string {
  const codec = codecOf(key);
  if (language === undefined) return codec.example;
  const example = codec.parse(codec.example, codec.example, { isForum: true, transcriptionOffered: true });
  return example.ok ? codec.format(example.value, language) : codec.example;
}

/** A setting's value as people of a chat read it (`Пн-Пт 10:00-19:00`, `выкл`); English, the canonical text, by default. */
export function formatSetting<K extends SettingKey>(key: K, value: Regulation[K], language?: Language): string {
  return codecOf(key).format(value, language);
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
  return spellsWord(text, "off") ? parsed(null) : parseDuration(text, example);
}

function choiceOf<C extends string>(choices: readonly C[]): (text: string) => ParseResult<C> {
  return (text) => {
    const choice = choices.find((candidate) => candidate === text.toLowerCase());
    return choice === undefined
      ? refused("regulation-error-not-a-choice", { value: text, choices: choices.join(", ") })
      : parsed(choice);
  };
}

/** One of a few value words, spelt in any language (`выкл`, `no`, `off`). */
function wordChoiceOf<C extends ValueWord>(
  choices: readonly C[],
): (text: string, example?: string, context?: ParseContext) => ParseResult<C> {
  return (text, _example, context) => {
    const choice = choices.find((candidate) => spellsWord(text, candidate));
    if (choice !== undefined) return parsed(choice);
    const words = vocabularyOf(context?.language);
    return refused("regulation-error-not-a-choice", {
      value: text,
      choices: choices.map((candidate) => words[candidate]).join(", "),
    });
  };
}

function parseTranscription(text: string, example: string, context: ParseContext): ParseResult<TranscriptionChoice> {
  const { transcriptionOffered = false } = context;
  const choice = wordChoiceOf(["on", "off"] as const)(text, example, context);
  return choice.ok && choice.value === "on" && !transcriptionOffered
    ? refused("regulation-error-transcription-not-offered")
    : choice;
}

function parseTopic(text: string, _example: string, { isForum }: ParseContext): ParseResult<Topic> {
  if (spellsWord(text, "general")) return parsed({ kind: "general" });
  const threadId = /^\d+$/.test(text) ? Number(text) : 0;
  if (threadId < 1 || !Number.isSafeInteger(threadId)) return refused("regulation-error-topic-syntax", { value: text });
  if (!isForum) return refused("regulation-error-topic-not-forum", { value: text });
  return parsed({ kind: "thread", threadId });
}
