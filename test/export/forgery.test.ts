import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { chatHistory, exportBundle, run } from "./bundle-fixture.js";

/**
 * What an arbitrator reads must be bound to the log: a forged readable file fails the bundle's
 * own check even when SHA256SUMS was recomputed to match, and so does a missing file.
 */
let history: { path: string; chatId: number };
let folder: string;

beforeAll(async () => {
  history = await chatHistory();
  folder = join(mkdtempSync(join(tmpdir(), "regbot-forgery-")), "bundle");
  expect(exportBundle(history.path, history.chatId, "--out-dir", folder).status).toBe(0);
});

/** A copy of the bundle changed by `forge`, with SHA256SUMS recomputed by sha256sum as a forger would. */
function forged(forge: (copy: string) => void): string {
  const copy = join(mkdtempSync(join(tmpdir(), "regbot-forged-")), "bundle");
  cpSync(folder, copy, { recursive: true });
  forge(copy);
  const names = readdirSync(copy).filter((name) => name !== "SHA256SUMS");
  writeFileSync(join(copy, "SHA256SUMS"), execFileSync("sha256sum", names, { cwd: copy, encoding: "utf8" }));
  return copy;
}

const rewrite = (copy: string, name: string, change: (text: string) => string) => {
  const before = readFileSync(join(copy, name), "utf8");
  const after = change(before);
  expect(after, name).not.toBe(before);
  writeFileSync(join(copy, name), after);
};

describe("a forged bundle", () => {
  const forgeries: Array<[string, (text: string) => string]> = [
    ["result.json", (text) => text.replace("Sending next week", "Sending tomorrow")],
    ["messages.html", (text) => text.replace("Sending next week", "Sending tomorrow")],
    ["participants.json", (text) => text.replace('"role": "specialist"', '"role": "client"')],
    ["regulation.json", (text) => text.replace('"timezone": "Europe/Madrid"', '"timezone": "Europe/Lisbon"')],
    [
      "obligations.json",
      (text) => text.replace('"response_windows": []', '"response_windows": [{ "id": 1, "state": "breached" }]'),
    ],
    [
      "coverage.json",
      (text) =>
        text.replace(
          '"gaps": []',
          '"gaps": [{ "from": "2026-11-02T00:00:00.000Z", "to": "2026-11-03T00:00:00.000Z" }]',
        ),
    ],
  ];
  for (const [name, change] of forgeries) {
    it(`fails when ${name} is changed, though SHA256SUMS was recomputed`, () => {
      const result = run(
        join(folder, "verify.mjs"),
        forged((copy) => rewrite(copy, name, change)),
      );
      expect(result.stdout).toContain("OK    sums");
      expect(result.stdout).toContain(`FAIL  views: ${name} is not what events.jsonl gives`);
      expect(result.stdout).toContain(`FAIL  files: ${name} does not match its SHA-256 in the signed statement`);
      expect(result.status).toBe(1);
    });
  }

  it("fails when a file and its line in SHA256SUMS are deleted", () => {
    for (const name of ["coverage.json", "VERIFY.md", "checkpoints.json"]) {
      const result = run(
        join(folder, "verify.mjs"),
        forged((copy) => rmSync(join(copy, name))),
      );
      expect(result.stdout, name).toContain(
        `FAIL  files: ${name} is named in the signed statement but is not in the bundle`,
      );
      expect(result.status).toBe(1);
    }
  });

  it("fails when a readable file is rewritten together with the manifest's hashes, without the key", () => {
    const result = run(
      join(folder, "verify.mjs"),
      forged((copy) => {
        rewrite(copy, "result.json", (text) => text.replace("Sending next week", "Sending tomorrow"));
        rewrite(copy, "manifest.json", (text) => text.replace('"version": 2', '"version": 2, "files": {}'));
      }),
    );
    expect(result.stdout).toContain("FAIL  views: result.json");
    expect(result.status).toBe(1);
  });
});

describe("what the bundle shows", () => {
  it("comes from the hashed lines alone: a database column outside the hash changes nothing", async () => {
    const { path, chatId } = await chatHistory();
    const database = openDatabase(path);
    // The last message is no reply; past the append-only trigger, its stored columns now say it is one, with a voice file.
    database.sqlite.exec("DROP TRIGGER events_reject_update");
    database.sqlite
      .prepare(
        "update events set reply_to_message_id = 2, media_type = 'voice', file_id = 'forged' where chat_id = ? and seq = 7",
      )
      .run(chatId);
    database.close();
    const out = join(mkdtempSync(join(tmpdir(), "regbot-columns-")), "bundle");
    expect(exportBundle(path, chatId, "--out-dir", out).status).toBe(0);
    const last = JSON.parse(readFileSync(join(out, "result.json"), "utf8")).messages.at(-1);
    expect(last).toMatchObject({ text: "Here it is", x_seq: 7 });
    expect(last).not.toHaveProperty("reply_to_message_id");
    expect(last).not.toHaveProperty("file");
    expect(readFileSync(join(out, "messages.html"), "utf8")).not.toContain("forged");
    expect(run(join(out, "verify.mjs")).status).toBe(0);
  });
});

describe("VERIFY.md followed literally", () => {
  it("verifies after `unzip name.zip` in the folder holding the zip, with a stray .DS_Store beside the files", () => {
    const downloads = mkdtempSync(join(tmpdir(), "regbot-downloads-"));
    const zip = join(downloads, "acme-2026-11.zip");
    expect(exportBundle(history.path, history.chatId, "--out", zip).status).toBe(0);
    execFileSync("unzip", ["-q", "acme-2026-11.zip"], { cwd: downloads });
    expect(readdirSync(downloads).sort()).toEqual(["acme-2026-11", "acme-2026-11.zip"]);
    const unpacked = join(downloads, "acme-2026-11");
    writeFileSync(join(unpacked, ".DS_Store"), "Finder was here");
    const result = spawnSync(process.execPath, ["verify.mjs"], { cwd: unpacked, encoding: "utf8" });
    expect(result.stdout).toContain(
      "WARN  files: .DS_Store is in the folder but not part of the bundle; it was not checked",
    );
    expect(result.stdout).toContain("bundle verified");
    expect(result.status).toBe(0);
    const sums = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: unpacked, encoding: "utf8" });
    expect(sums.status).toBe(0);
  });

  // An export, an unzip and four shell blocks in a row: the default 20 s is tight when the machine is busy.
  it("works as written: every command block of VERIFY.md, run as it stands", { timeout: 60_000 }, () => {
    const downloads = mkdtempSync(join(tmpdir(), "regbot-literal-"));
    expect(exportBundle(history.path, history.chatId, "--out", join(downloads, "name.zip")).status).toBe(0);
    execFileSync("unzip", ["-q", "name.zip"], { cwd: downloads });
    const folder = join(downloads, "name");
    const blocks = [...readFileSync(join(folder, "VERIFY.md"), "utf8").matchAll(/```sh\n([\s\S]*?)```/g)].map((match) =>
      match[1]!.replace(/^ {3}/gm, ""),
    );
    expect(blocks).toHaveLength(4);
    const bash = (script: string, cwd: string) => spawnSync("bash", ["-e", "-c", script], { cwd, encoding: "utf8" });
    const [check, fingerprint, sums, chain] = blocks as [string, string, string, string];
    const checked = bash(check, downloads);
    expect(checked.stdout).toContain("bundle verified");
    const printed = /fingerprint ([0-9a-f]{64})/.exec(checked.stdout)![1];
    expect(bash(fingerprint, folder).stdout).toBe(`${printed}  -\n`);
    expect(bash(sums, folder).status).toBe(0);
    const head = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")).head.hash;
    expect(bash(chain, folder).stdout).toBe(`last hash: ${head}\n`);
  });
});
