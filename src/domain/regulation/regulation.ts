import type { Language } from "../languages.js";
import type { BusinessDuration, CalendarSpec, ContactHours, DateRange } from "../calendar/calendar-spec.js";
import type { ContractSum, PenaltyRule, Permission } from "../contract/terms.js";
import type { Contract } from "./contract.js";
import type { Digest } from "./digest.js";
import type { DaysDuration, MinutesDuration, WarnBefore } from "./durations.js";

export type VoicePolicy = "nudge" | "off";
/** Whether the chat's spoken messages go to the deployment's speech-to-text engine. */
export type TranscriptionChoice = "on" | "off";

/** Where reminders and digests go in a forum group; General unless a topic's thread id is set. */
export type Topic = { kind: "general" } | { kind: "thread"; threadId: number };

/** A chat's regulation: one property per setting, named as people type it after /set. */
export interface Regulation {
  timezone: string;
  hours: ContactHours;
  holidays: DateRange[];
  /** Business time for minutes, business days for days. */
  response: BusinessDuration;
  warn_before: WarnBefore;
  /** How long past the due time an unanswered message waits before the manager hears of it; null: never. */
  escalate_after: BusinessDuration | null;
  info_deadline: DaysDuration;
  revision_time: DaysDuration;
  /** Plain clock time before the call, not business time. */
  call_reminder: MinutesDuration;
  digest: Digest;
  voice: VoicePolicy;
  transcribe: TranscriptionChoice;
  language: Language;
  topic: Topic;
  contract: Contract | null;
  contract_sum: ContractSum | null;
  /** The contract's terms for a late plan stage. */
  penalty: PenaltyRule | null;
  /** Business days before the contract's end when both sides hear what is still open; null: no reminder. */
  end_reminder: DaysDuration | null;
  /** Business days after the payment when work starts. */
  work_start: DaysDuration;
  /** The contract's clause on missed calls. */
  missed_call: string | null;
  publish_case: Permission;
  third_parties: Permission;
}

export type SettingKey = keyof Regulation;

/** The guide's own figures; the zone and language come from the deployment or the person who added regbot. */
export function defaultRegulation({ timezone, language }: { timezone: string; language: Language }): Regulation {
  const officeHours = () => [{ start: 10 * 60, end: 19 * 60 }];
  return {
    timezone,
    hours: {
      kind: "weekly",
      days: { 1: officeHours(), 2: officeHours(), 3: officeHours(), 4: officeHours(), 5: officeHours() },
    },
    holidays: [],
    response: { unit: "minutes", minutes: 2 * 60 },
    warn_before: { unit: "percent", percent: 20 },
    escalate_after: null,
    info_deadline: { unit: "days", days: 3 },
    revision_time: { unit: "days", days: 2 },
    call_reminder: { unit: "minutes", minutes: 10 },
    digest: { kind: "weekly", weekday: 5, time: 17 * 60 },
    voice: "nudge",
    transcribe: "off",
    language,
    topic: { kind: "general" },
    ...CONTRACT_TERMS,
  };
}

/** The contract's terms other than its period: none until the specialist sets them. */
const CONTRACT_TERMS = {
  contract: null,
  contract_sum: null,
  penalty: null,
  end_reminder: { unit: "days", days: 5 },
  work_start: { unit: "days", days: 3 },
  missed_call: null,
  publish_case: "ask",
  third_parties: "ask",
} satisfies Partial<Regulation>;

/** Settings added after versions were first stored, with the value an older version means by leaving them out. */
const ADDED_LATER = { transcribe: "off", escalate_after: null, ...CONTRACT_TERMS } satisfies Partial<Regulation>;

/** A stored version, complete: one saved before a setting existed has that setting's old meaning. */
export function completeRegulation(
  stored: Omit<Regulation, keyof typeof ADDED_LATER> & Partial<Regulation>,
): Regulation {
  return { ...ADDED_LATER, ...stored };
}

export function applySetting<K extends SettingKey>(regulation: Regulation, key: K, value: Regulation[K]): Regulation {
  return { ...regulation, [key]: value };
}

export function calendarSpecOf(regulation: Regulation): CalendarSpec {
  return { timezone: regulation.timezone, hours: regulation.hours, holidays: regulation.holidays };
}
