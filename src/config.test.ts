import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

describe("configuration", () => {
  it("needs only BOT_TOKEN and fills in the documented defaults", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN })).toEqual({
      botToken: TOKEN,
      telegramApiRoot: "https://api.telegram.org",
      databasePath: "./data/regbot.sqlite",
      databaseUrl: undefined,
      signingKeyPath: "./data/regbot.sqlite.ed25519.pem",
      mode: { kind: "polling" },
      port: undefined,
      logLevel: "info",
      defaultTimezone: "UTC",
      defaultLanguage: "en",
      pollTimeoutSeconds: 30,
      transcription: undefined,
      webApp: undefined,
    });
  });

  it.each([
    [{}, /^BOT_TOKEN is missing: expected the token from @BotFather/],
    [{ BOT_TOKEN: "nonsense" }, /^BOT_TOKEN is invalid/],
    [
      { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "ftp://x" },
      /^TELEGRAM_API_ROOT is invalid \("ftp:\/\/x"\): expected an http\(s\) URL/,
    ],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "push" }, /^BOT_MODE is invalid \("push"\): expected one of polling, webhook/],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook" }, /^WEBHOOK_URL is missing/],
    [
      { BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "http://x.org/hook" },
      /^WEBHOOK_URL is invalid .*expected an https URL/,
    ],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://x.org/hook" }, /^WEBHOOK_SECRET is missing/],
    [
      { BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://x.org/hook", WEBHOOK_SECRET: "s3cret" },
      /^PORT is missing/,
    ],
    [{ BOT_TOKEN: TOKEN, PORT: "80a" }, /^PORT is invalid \("80a"\): expected a whole number from 0 to 65535/],
    [{ BOT_TOKEN: TOKEN, LOG_LEVEL: "loud" }, /^LOG_LEVEL is invalid/],
    [
      { BOT_TOKEN: TOKEN, DEFAULT_TIMEZONE: "Mars/Olympus" },
      /^DEFAULT_TIMEZONE is invalid \("Mars\/Olympus"\): expected an IANA time zone/,
    ],
    [{ BOT_TOKEN: TOKEN, DEFAULT_LANGUAGE: "de" }, /^DEFAULT_LANGUAGE is invalid \("de"\): expected one of en, ru, es/],
    [
      { BOT_TOKEN: TOKEN, TRANSCRIBE_URL: "http://localhost:8000" },
      /^TRANSCRIBE_URL is invalid \("http:\/\/localhost:8000"\): expected the full URL of an OpenAI-compatible transcription endpoint/,
    ],
    [{ BOT_TOKEN: TOKEN, TRANSCRIBE_URL: "ftp://stt.local/v1/audio/transcriptions" }, /^TRANSCRIBE_URL is invalid/],
    [
      { BOT_TOKEN: TOKEN, TRANSCRIBE_API_KEY: "sk-123" },
      /^TRANSCRIBE_URL is missing: .* \(TRANSCRIBE_API_KEY is set\)$/,
    ],
    [
      { BOT_TOKEN: TOKEN, TRANSCRIBE_URL: "http://stt.local/v1/audio/transcriptions", TRANSCRIBE_TIMEOUT_SECONDS: "0" },
      /^TRANSCRIBE_TIMEOUT_SECONDS is invalid \("0"\): expected a whole number from 1 to 600/,
    ],
    [
      { BOT_TOKEN: TOKEN, WEBAPP_URL: "http://regbot.example/app", PORT: "8080" },
      /^WEBAPP_URL is invalid .*expected the public https URL of the Mini App/,
    ],
    [{ BOT_TOKEN: TOKEN, WEBAPP_URL: "https://regbot.example/app?x=1", PORT: "8080" }, /^WEBAPP_URL is invalid/],
    [
      { BOT_TOKEN: TOKEN, WEBAPP_URL: "https://regbot.example/app" },
      /^PORT is missing: expected the port regbot serves the Mini App on/,
    ],
  ])("stops with one line naming the variable: %j", (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });

  it("offers transcription only with TRANSCRIBE_URL, with whisper-1 and a 60-second timeout unless told otherwise", () => {
    const url = "http://stt.local:8000/v1/audio/transcriptions";
    expect(parseConfig({ BOT_TOKEN: TOKEN, TRANSCRIBE_URL: url }).transcription).toEqual({
      url: new URL(url),
      apiKey: undefined,
      model: "whisper-1",
      timeoutSeconds: 60,
    });
    const configured = {
      BOT_TOKEN: TOKEN,
      TRANSCRIBE_URL: url,
      TRANSCRIBE_API_KEY: "sk-secret",
      TRANSCRIBE_MODEL: "Systran/faster-whisper-small",
      TRANSCRIBE_TIMEOUT_SECONDS: "90",
    };
    expect(parseConfig(configured).transcription).toEqual({
      url: new URL(url),
      apiKey: "sk-secret",
      model: "Systran/faster-whisper-small",
      timeoutSeconds: 90,
    });
  });

  it("serves the Mini App at WEBAPP_URL's path, with or without a trailing slash", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: "https://regbot.example/app/", PORT: "8080" }).webApp).toEqual({
      url: new URL("https://regbot.example/app/"),
      basePath: "/app",
    });
    expect(parseConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: "https://regbot.example", PORT: "8080" }).webApp?.basePath).toBe(
      "",
    );
  });

  it("runs on PostgreSQL at DATABASE_URL, and never repeats a malformed one (it may carry a password)", () => {
    const url = "postgres://regbot:s3cret@db.internal:5432/regbot";
    expect(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(() => parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "mysql://regbot:s3cret@db/regbot" })).toThrow(
      /^DATABASE_URL is invalid \(value not shown: it is a secret\): expected a PostgreSQL URL, like postgres:\/\//,
    );
  });

  it("never repeats a malformed token or webhook secret in its message", () => {
    expect(() => parseConfig({ BOT_TOKEN: "12:short-secret" })).toThrow(/^(?!.*short-secret)/);
  });

  it("accepts a complete webhook configuration", () => {
    const config = parseConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.com/telegram",
      WEBHOOK_SECRET: "s3cret_token-1",
      PORT: "8080",
      DEFAULT_TIMEZONE: "Europe/Madrid",
      DEFAULT_LANGUAGE: "es",
    });
    expect(config.mode).toEqual({
      kind: "webhook",
      url: new URL("https://bot.example.com/telegram"),
      secret: "s3cret_token-1",
    });
    expect(config).toMatchObject({ port: 8080, defaultTimezone: "Europe/Madrid", defaultLanguage: "es" });
  });
});
