import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.js";
import { configSecrets, createLogger } from "./logger.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const API_KEY = 'sk-"quoted\\key';
const DATABASE_PASSWORD = "p@ss:word/1";

function capturingLogger() {
  const lines: string[] = [];
  const config = parseConfig({
    BOT_TOKEN: TOKEN,
    TRANSCRIBE_URL: "http://localhost:8000/v1/audio/transcriptions",
    TRANSCRIBE_API_KEY: API_KEY,
    DATABASE_URL: `postgres://regbot:${encodeURIComponent(DATABASE_PASSWORD)}@db.internal/regbot`,
    LOG_LEVEL: "trace",
  });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: createLogger(config.logLevel, configSecrets(config), destination), output: () => lines.join("") };
}

describe("secrets in logs", () => {
  it("scrubs the token and the API key from messages, stacks, causes and nested objects, in child loggers too", () => {
    const { logger, output } = capturingLogger();
    const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`);
    const error = new Error("Network request for 'sendMessage' failed!", { cause });
    logger
      .child({ job: 7 })
      .error(
        { err: error, request: { headers: { authorization: `Bearer ${API_KEY}` } } },
        `retrying bot${TOKEN.split(":")[1]}`,
      );
    logger.trace(`fetched https://api.telegram.org/file/bot${encodeURIComponent(TOKEN)}/voice.oga`);
    logger.warn(`no answer from postgres://regbot:${encodeURIComponent(DATABASE_PASSWORD)}@db.internal/regbot`);
    const logged = output();
    expect(logged).toContain("Network request for 'sendMessage' failed!");
    expect(logged.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(5);
    for (const secret of [TOKEN.split(":")[1]!, "quoted", encodeURIComponent(TOKEN), "word"])
      expect(logged).not.toContain(secret);
    expect(
      logged
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown),
    ).toHaveLength(3);
  });
});
