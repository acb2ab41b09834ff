import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const LOCALES = join(import.meta.dirname, "../../locales");
const keysOf = (language: string, file: string) =>
  readFileSync(join(LOCALES, language, file), "utf8")
    .split("\n")
    .flatMap((line) => /^([a-z][a-z0-9-]*)\s*=/.exec(line)?.[1] ?? [])
    .sort();

describe("the Fluent files", () => {
  it("say every message in all three languages, file by file", () => {
    const files = readdirSync(join(LOCALES, "en")).sort();
    expect(readdirSync(join(LOCALES, "ru")).sort()).toEqual(files);
    expect(readdirSync(join(LOCALES, "es")).sort()).toEqual(files);
    for (const file of files) {
      const english = keysOf("en", file);
      expect(english.length, file).toBeGreaterThan(0);
      expect(keysOf("ru", file), file).toEqual(english);
      expect(keysOf("es", file), file).toEqual(english);
    }
  });
});
