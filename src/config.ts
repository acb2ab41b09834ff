import { existsSync } from "node:fs";
import { IANAZone } from "luxon";
import { SUPPORTED_LANGUAGES, type Language } from "./domain/languages.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type BotMode = { kind: "polling" } | { kind: "webhook"; url: URL; secret: string };

export interface Config {
  botToken: string;
  telegramApiRoot: string;
  /** The SQLite file; on PostgreSQL only where the signing key lies by default. */
  databasePath: string;
  /** `DATABASE_URL`: set, regbot keeps everything in this PostgreSQL database instead of the SQLite file. */
  databaseUrl: string | undefined;
  /** The deployment's signing key (PEM); its public half beside it as `.pub.pem`. */
  signingKeyPath: string;
  mode: BotMode;
  port: number | undefined;
  logLevel: LogLevel;
  defaultTimezone: string;
  defaultLanguage: Language;
  pollTimeoutSeconds: number;
  /** Absent: the deployment offers no automatic transcription. */
  transcription: TranscriptionConfig | undefined;
  /** Absent: no Mini App and no buttons that open it. */
  webApp: WebAppConfig | undefined;
}

/** The Mini App: Telegram opens `url`; regbot serves it (and its API) at the URL's path on PORT. */
export interface WebAppConfig {
  url: URL;
  /** The URL's path without a trailing slash: `""` for the root. */
  basePath: string;
}

/** An OpenAI-compatible speech-to-text endpoint (`POST …/audio/transcriptions`). */
export interface TranscriptionConfig {
  url: URL;
  apiKey: string | undefined;
  model: string;
  timeoutSeconds: number;
}

/** A configuration problem, phrased as one line that names the variable. */
export class ConfigError extends Error {
  /** `got`: the wrong value, `null` for a wrong secret (never echoed), absent when missing. */
  constructor(variable: string, expected: string, got?: string | null) {
    super(`${variable} ${describeValue(got)}: expected ${expected}`);
    this.name = "ConfigError";
  }
}

function describeValue(got: string | null | undefined): string {
  if (got === undefined) return "is missing";
  return got === null ? "is invalid (value not shown: it is a secret)" : `is invalid ("${got}")`;
}

type Env = Record<string, string | undefined>;

/** Reads `.env` when present; variables already in the environment win. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function parseConfig(env: Env): Config {
  const mode = parseMode(env);
  const databasePath = nonEmpty(env, "DATABASE_PATH") ?? "./data/regbot.sqlite";
  return {
    botToken: parseToken(env),
    telegramApiRoot: parseUrl(env, "TELEGRAM_API_ROOT", "https://api.telegram.org").replace(/\/+$/, ""),
    databasePath,
    databaseUrl: parseDatabaseUrl(env),
    signingKeyPath: nonEmpty(env, "SIGNING_KEY_PATH") ?? `${databasePath}.ed25519.pem`,
    mode,
    port: parsePort(env, mode.kind === "webhook"),
    logLevel: oneOf(env, "LOG_LEVEL", LOG_LEVELS, "info"),
    defaultTimezone: parseTimezone(env),
    defaultLanguage: oneOf(env, "DEFAULT_LANGUAGE", SUPPORTED_LANGUAGES, "en"),
    pollTimeoutSeconds: parseInteger(env, "POLL_TIMEOUT_SECONDS", 0, 50, 30),
    transcription: parseTranscription(env),
    webApp: parseWebApp(env),
  };
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === "" ? undefined : value;
}

function parseToken(env: Env): string {
  const token = nonEmpty(env, "BOT_TOKEN");
  if (token === undefined) throw new ConfigError("BOT_TOKEN", "the token from @BotFather, like 123456789:AAH...");
  if (!/^\d+:[A-Za-z0-9_-]{20,}$/.test(token))
    throw new ConfigError("BOT_TOKEN", "the token from @BotFather, like 123456789:AAH...", null);
  return token;
}

function parseUrl(env: Env, name: string, fallback: string): string {
  const value = nonEmpty(env, name);
  if (value === undefined) return fallback;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new ConfigError(name, "an http(s) URL", value);
  }
  return value;
}

function parseDatabaseUrl(env: Env): string | undefined {
  const url = nonEmpty(env, "DATABASE_URL");
  if (url === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) {
    // Not echoed: the URL may carry a password.
    throw new ConfigError(
      "DATABASE_URL",
      "a PostgreSQL URL, like postgres://regbot:password@localhost:5432/regbot",
      null,
    );
  }
  return url;
}

function parseMode(env: Env): BotMode {
  const kind = oneOf(env, "BOT_MODE", ["polling", "webhook"] as const, "polling");
  if (kind === "polling") return { kind };
  const url = nonEmpty(env, "WEBHOOK_URL");
  if (url === undefined)
    throw new ConfigError("WEBHOOK_URL", "the public https URL Telegram posts updates to (BOT_MODE=webhook)");
  if (!URL.canParse(url) || new URL(url).protocol !== "https:") {
    throw new ConfigError("WEBHOOK_URL", "an https URL, like https://bot.example.com/telegram", url);
  }
  const secret = nonEmpty(env, "WEBHOOK_SECRET");
  if (secret === undefined)
    throw new ConfigError("WEBHOOK_SECRET", "1-256 characters of A-Z, a-z, 0-9, _ and - (BOT_MODE=webhook)");
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
    throw new ConfigError("WEBHOOK_SECRET", "1-256 characters of A-Z, a-z, 0-9, _ and -", null);
  }
  return { kind, url: new URL(url), secret };
}

function parsePort(env: Env, required: boolean): number | undefined {
  if (nonEmpty(env, "PORT") === undefined) {
    if (required) throw new ConfigError("PORT", "the port the webhook server listens on (BOT_MODE=webhook), like 8080");
    return undefined;
  }
  return parseInteger(env, "PORT", 0, 65535, 0);
}

function parseInteger(env: Env, name: string, min: number, max: number, fallback: number): number {
  const value = nonEmpty(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, value);
  }
  return number;
}

const TRANSCRIBE_URL_EXAMPLE =
  "the full URL of an OpenAI-compatible transcription endpoint, like http://localhost:8000/v1/audio/transcriptions";

function parseTranscription(env: Env): TranscriptionConfig | undefined {
  const url = nonEmpty(env, "TRANSCRIBE_URL");
  if (url === undefined) {
    // A key or model without an engine is a half-done setup, not a choice to go without one.
    const orphan = ["TRANSCRIBE_API_KEY", "TRANSCRIBE_MODEL", "TRANSCRIBE_TIMEOUT_SECONDS"].find(
      (name) => nonEmpty(env, name) !== undefined,
    );
    if (orphan !== undefined) throw new ConfigError("TRANSCRIBE_URL", `${TRANSCRIBE_URL_EXAMPLE} (${orphan} is set)`);
    return undefined;
  }
  if (
    !URL.canParse(url) ||
    !/^https?:$/.test(new URL(url).protocol) ||
    !/\/audio\/transcriptions\/?$/.test(new URL(url).pathname)
  ) {
    throw new ConfigError("TRANSCRIBE_URL", TRANSCRIBE_URL_EXAMPLE, url);
  }
  return {
    url: new URL(url),
    apiKey: nonEmpty(env, "TRANSCRIBE_API_KEY"),
    model: nonEmpty(env, "TRANSCRIBE_MODEL") ?? "whisper-1",
    timeoutSeconds: parseInteger(env, "TRANSCRIBE_TIMEOUT_SECONDS", 1, 600, 60),
  };
}

function parseWebApp(env: Env): WebAppConfig | undefined {
  const url = nonEmpty(env, "WEBAPP_URL");
  if (url === undefined) return undefined;
  // Telegram opens Mini Apps over https only; the query and hash are Telegram's to fill.
  if (
    !URL.canParse(url) ||
    new URL(url).protocol !== "https:" ||
    new URL(url).search !== "" ||
    new URL(url).hash !== ""
  ) {
    throw new ConfigError(
      "WEBAPP_URL",
      "the public https URL of the Mini App, like https://regbot.example.com/app",
      url,
    );
  }
  if (nonEmpty(env, "PORT") === undefined)
    throw new ConfigError("PORT", "the port regbot serves the Mini App on (WEBAPP_URL is set), like 8080");
  const parsed = new URL(url);
  return { url: parsed, basePath: parsed.pathname.replace(/\/+$/, "") };
}

function parseTimezone(env: Env): string {
  const value = nonEmpty(env, "DEFAULT_TIMEZONE");
  if (value === undefined) return "UTC";
  if (!IANAZone.isValidZone(value))
    throw new ConfigError("DEFAULT_TIMEZONE", "an IANA time zone, like Europe/Madrid", value);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = nonEmpty(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new ConfigError(name, `one of ${allowed.join(", ")}`, value);
  return value as T;
}
