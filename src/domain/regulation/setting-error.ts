/** Every reason a setting's text can be refused; each is a message id in `locales/<lang>/regulation.ftl`. */
export const SETTING_ERROR_CODES = [
  "regulation-error-unknown-key",
  "regulation-error-empty-value",
  "regulation-error-timezone-unknown",
  "regulation-error-hours-syntax",
  "regulation-error-hours-no-days",
  "regulation-error-hours-cross-midnight",
  "regulation-error-hours-empty-interval",
  "regulation-error-hours-overlap",
  "regulation-error-unknown-day",
  "regulation-error-impossible-time",
  "regulation-error-holidays-syntax",
  "regulation-error-impossible-date",
  "regulation-error-reversed-range",
  "regulation-error-duration-syntax",
  "regulation-error-duration-not-positive",
  "regulation-error-duration-needs-days",
  "regulation-error-duration-needs-minutes",
  "regulation-error-warn-before-syntax",
  "regulation-error-warn-before-percent",
  "regulation-error-digest-syntax",
  "regulation-error-not-a-choice",
  "regulation-error-transcription-not-offered",
  "regulation-error-topic-syntax",
  "regulation-error-topic-not-forum",
  "regulation-error-contract-syntax",
  "regulation-error-contract-sum-syntax",
  "regulation-error-penalty-syntax",
] as const;

export type SettingErrorCode = (typeof SETTING_ERROR_CODES)[number];

/** A refusal the bot layer renders with Fluent: `code` is the message id, `args` fill its placeables. */
export interface SettingError {
  code: SettingErrorCode;
  args: Record<string, string | number>;
}

export interface Refusal {
  ok: false;
  error: SettingError;
}

export type ParseResult<T> = { ok: true; value: T } | Refusal;

export function parsed<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function refused(code: SettingErrorCode, args: Record<string, string | number> = {}): Refusal {
  return { ok: false, error: { code, args } };
}
