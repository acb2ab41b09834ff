import pino, { type Logger } from "pino";
import type { Config, LogLevel } from "./config.js";

/**
 * Structured logs on stdout. Secrets are redacted wherever they could appear, and message
 * text is only ever logged at debug level by the code that handles it.
 */
export function createLogger(
  level: LogLevel,
  secrets: readonly string[],
  destination?: pino.DestinationStream,
): Logger {
  const scrub = secretScrubber(secrets);
  return pino(
    {
      level,
      base: { service: "regbot" },
      redact: { paths: ["token", "botToken", "*.token", "*.botToken", "secret", "*.secret"], censor: "[redacted]" },
      // Every line of every (child) logger passes here once serialized: error messages, stacks and
      // causes carry secrets in URLs (`…/bot<TOKEN>/sendMessage`), which key-based redaction misses.
      hooks: { streamWrite: scrub },
    },
    destination ?? pino.destination({ sync: false }),
  );
}

/** What must never reach a log: the bot token, the transcription API key, the webhook secret and the database's password. */
export function configSecrets(config: Pick<Config, "botToken" | "transcription" | "mode" | "databaseUrl">): string[] {
  const [, tokenSecret = ""] = config.botToken.split(":");
  return [
    config.botToken,
    tokenSecret,
    config.transcription?.apiKey,
    config.mode.kind === "webhook" ? config.mode.secret : undefined,
    config.databaseUrl === undefined ? undefined : decodeURIComponent(new URL(config.databaseUrl).password),
  ].filter((secret): secret is string => secret !== undefined && secret !== "");
}

const REDACTED = "[redacted]";

/** Replaces each secret as written, as escaped inside a JSON string, and as percent-encoded in a URL. */
export function secretScrubber(secrets: readonly string[]): (line: string) => string {
  const forms = new Set(
    secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]),
  );
  // Longest first, so a secret containing another is replaced whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (line) =>
    ordered.reduce(
      (scrubbed, form) => (scrubbed.includes(form) ? scrubbed.replaceAll(form, REDACTED) : scrubbed),
      line,
    );
}
