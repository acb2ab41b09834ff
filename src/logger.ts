import pino, { type Logger } from "pino";
import type { LogLevel } from "./config.js";

/**
 * Structured logs on stdout. Secrets are redacted wherever they could appear, and message
 * text is only ever logged at debug level by the code that handles it.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "regbot" },
      redact: { paths: ["token", "botToken", "*.token", "*.botToken", "secret", "*.secret"], censor: "[redacted]" },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
