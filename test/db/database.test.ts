import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseLockedError, openDatabase } from "../../src/db/database.js";

describe("the database file", () => {
  it("belongs to one process: a second opener is refused with a clear message until the first closes", () => {
    const path = join(mkdtempSync(join(tmpdir(), "regbot-lock-")), "nested", "regbot.sqlite");
    const first = openDatabase(path);
    expect(() => openDatabase(path)).toThrow(DatabaseLockedError);
    expect(() => openDatabase(path)).toThrow(`another regbot process is already using ${path}`);
    first.close();
    const second = openDatabase(path);
    second.close();
  });

  it("runs in WAL mode with synchronous=FULL so every commit survives a crash", () => {
    const path = join(mkdtempSync(join(tmpdir(), "regbot-wal-")), "regbot.sqlite");
    const database = openDatabase(path);
    expect(database.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.sqlite.pragma("synchronous", { simple: true })).toBe(2);
    database.close();
  });
});
