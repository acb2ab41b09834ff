import { mkdtempSync, symlinkSync } from "node:fs";
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

  it("keeps a transaction's statement journals in memory, not in a temporary file written page by page", () => {
    const database = openDatabase(join(mkdtempSync(join(tmpdir(), "regbot-temp-")), "regbot.sqlite"));
    expect(database.sqlite.pragma("temp_store", { simple: true })).toBe(2);
    database.close();
  });
});

describe("the one-process lock", () => {
  it("holds the file, not the path: a symlink to the file or to its folder is refused too", () => {
    const folder = mkdtempSync(join(tmpdir(), "regbot-link-"));
    const path = join(folder, "data", "regbot.sqlite");
    const first = openDatabase(path);
    symlinkSync(path, join(folder, "alias.sqlite"));
    symlinkSync(join(folder, "data"), join(folder, "alias-folder"));
    expect(() => openDatabase(join(folder, "alias.sqlite"))).toThrow(DatabaseLockedError);
    expect(() => openDatabase(join(folder, "alias-folder", "regbot.sqlite"))).toThrow(DatabaseLockedError);
    expect(() => openDatabase(join(folder, "data", ".", "regbot.sqlite"))).toThrow(DatabaseLockedError);
    first.close();
    openDatabase(join(folder, "alias.sqlite")).close();
  });

  it("a link made before the file exists locks the file it will name", () => {
    const folder = mkdtempSync(join(tmpdir(), "regbot-dangling-"));
    symlinkSync(join(folder, "real.sqlite"), join(folder, "alias.sqlite"));
    const first = openDatabase(join(folder, "alias.sqlite"));
    expect(() => openDatabase(join(folder, "real.sqlite"))).toThrow(DatabaseLockedError);
    first.close();
  });
});
