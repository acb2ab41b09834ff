import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

describe("configuration", () => {
  it("needs only BOT_TOKEN and fills in the documented defaults", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN })).toEqual({
      botToken: TOKEN,
      telegramApiRoot: "https://api.telegram.org",
      databasePath: "./data/regbot.sqlite",
      mode: { kind: "polling" },
      port: undefined,
      logLevel: "info",
      defaultTimezone: "UTC",
      defaultLanguage: "en",
      pollTimeoutSeconds: 30,
    });
  });

  it.each([
    [{}, /^BOT_TOKEN is missing: expected the token from @BotFather/],
    [{ BOT_TOKEN: "nonsense" }, /^BOT_TOKEN is invalid/],
    [{ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "ftp://x" }, /^TELEGRAM_API_ROOT is invalid \("ftp:\/\/x"\): expected an http\(s\) URL/],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "push" }, /^BOT_MODE is invalid \("push"\): expected one of polling, webhook/],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook" }, /^WEBHOOK_URL is missing/],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "http://x.org/hook" }, /^WEBHOOK_URL is invalid .*expected an https URL/],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://x.org/hook" }, /^WEBHOOK_SECRET is missing/],
    [{ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: "https://x.org/hook", WEBHOOK_SECRET: "s3cret" }, /^PORT is missing/],
    [{ BOT_TOKEN: TOKEN, PORT: "80a" }, /^PORT is invalid \("80a"\): expected a whole number from 0 to 65535/],
    [{ BOT_TOKEN: TOKEN, LOG_LEVEL: "loud" }, /^LOG_LEVEL is invalid/],
    [{ BOT_TOKEN: TOKEN, DEFAULT_TIMEZONE: "Mars/Olympus" }, /^DEFAULT_TIMEZONE is invalid \("Mars\/Olympus"\): expected an IANA time zone/],
    [{ BOT_TOKEN: TOKEN, DEFAULT_LANGUAGE: "de" }, /^DEFAULT_LANGUAGE is invalid \("de"\): expected one of en, ru, es/],
  ])("stops with one line naming the variable: %j", (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
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
    expect(config.mode).toEqual({ kind: "webhook", url: new URL("https://bot.example.com/telegram"), secret: "s3cret_token-1" });
    expect(config).toMatchObject({ port: 8080, defaultTimezone: "Europe/Madrid", defaultLanguage: "es" });
  });
});
