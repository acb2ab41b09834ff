import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describeUpdate } from "../../src/records/describe-update.js";
import { ChatRepository } from "../../src/db/chat-repository.js";
import { CorrespondenceRepository } from "../../src/db/correspondence-repository.js";
import { openDatabase } from "../../src/db/database.js";
import { eventLeaf, merkleRoot } from "../../src/domain/merkle.js";
import { client, edit, group, message, specialist, withId } from "../support/updates.js";
import { readBundleZip } from "../support/zip-reader.js";
import { chatHistory, DAY1, DAY2, exportBundle, run } from "./bundle-fixture.js";

describe("npm run export", () => {
  let history: { path: string; chatId: number };
  let folder: string;

  beforeAll(async () => {
    history = await chatHistory();
    folder = join(mkdtempSync(join(tmpdir(), "regbot-bundle-")), "bundle");
    const zip = `${folder}.zip`;
    const exported = exportBundle(history.path, history.chatId, "--out", zip);
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    mkdirSync(folder);
    for (const [name, bytes] of readBundleZip(zip)) writeFileSync(join(folder, name), bytes);
  });

  it("writes every file of the bundle, and its own verify.mjs accepts it", () => {
    const scripts = readdirSync("src/bundle").filter((name) => name.endsWith(".mjs"));
    expect(scripts).toContain("verify.mjs");
    expect(readdirSync(folder).sort()).toEqual(
      [
        "SHA256SUMS",
        "VERIFY.md",
        "checkpoint.json",
        "checkpoints.json",
        "contract.json",
        "coverage.json",
        "events.jsonl",
        "manifest.json",
        "messages.html",
        "obligations.json",
        "participants.json",
        "public-key.pem",
        "regulation.json",
        "result.json",
        ...scripts,
      ].sort(),
    );
    const verified = run(join(folder, "verify.mjs"));
    expect(verified.stdout).toContain("bundle verified");
    // Made straight in the database, this log was never shown in a chat: nothing witnessed it.
    expect(verified.stdout).toContain(
      "OK    checkpoints: none was posted in the chat before this export, so nothing here guards against whoever holds the signing key",
    );
    expect(verified.status).toBe(0);
    expect(run("dist/src/cli/verify-bundle.js", folder).status).toBe(0);
    const kept = run("dist/src/cli/verify-bundle.js", folder, "--checkpoint", "7:abc");
    expect(kept.stdout).toContain("FAIL  kept: --checkpoint 7:abc is not like 1234:3f2a...");
    expect(kept.status).toBe(1);
  });

  it("keeps the stored lines exactly and signs the Merkle root of their hashes", () => {
    const lines = readFileSync(join(folder, "events.jsonl"), "utf8").trimEnd().split("\n");
    const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));
    expect(lines).toHaveLength(7);
    expect(manifest).toMatchObject({ eventCount: 7, headBefore: null, period: null, head: { seq: 7 } });
    const leaves = lines.map((line) => eventLeaf(createHashHex(line)));
    expect(manifest.merkle).toEqual({ size: 7, root: merkleRoot(leaves).toString("hex") });
    expect(existsSync(`${history.path}.ed25519.pem`)).toBe(true);
    expect(readFileSync(join(folder, "public-key.pem"), "utf8")).toBe(
      readFileSync(`${history.path}.ed25519.pub.pem`, "utf8"),
    );
  });

  it("names the file and the check when any one byte of any file changes", { timeout: 120_000 }, () => {
    for (const name of readdirSync(folder)) {
      const copy = join(mkdtempSync(join(tmpdir(), "regbot-tampered-")), "bundle");
      cpSync(folder, copy, { recursive: true });
      const bytes = readFileSync(join(copy, name));
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = bytes[middle]! ^ 0x01;
      writeFileSync(join(copy, name), bytes);
      const result = run(join(folder, "verify.mjs"), copy);
      expect(result.status, `${name}\n${result.stdout}`).toBe(1);
      expect(result.stdout).toMatch(/FAIL {2}sums: /);
      if (name !== "SHA256SUMS") expect(result.stdout, name).toContain(name);
    }
  });

  it("catches a rewritten event even when SHA256SUMS was rewritten to match", () => {
    const copy = join(mkdtempSync(join(tmpdir(), "regbot-rewritten-")), "bundle");
    cpSync(folder, copy, { recursive: true });
    const events = readFileSync(join(copy, "events.jsonl"), "utf8").replace("Sending next week", "Sending this week");
    writeFileSync(join(copy, "events.jsonl"), events);
    const sums = readFileSync(join(copy, "SHA256SUMS"), "utf8").replace(
      /^[0-9a-f]{64}(?= {2}events\.jsonl$)/m,
      createHashHex(events),
    );
    writeFileSync(join(copy, "SHA256SUMS"), sums);
    const result = run(join(folder, "verify.mjs"), copy);
    expect(result.stdout).toContain("OK    sums");
    expect(result.stdout).toMatch(
      /FAIL {2}chain: events\.jsonl line 4 \(sequence 4\) does not point at the hash of line 3/,
    );
    expect(result.status).toBe(1);
  });

  it("checks with regbot's own copy of the checker in npm run verify-bundle, so a doctored verify.mjs cannot vouch for itself", () => {
    const copy = join(mkdtempSync(join(tmpdir(), "regbot-doctored-")), "bundle");
    cpSync(folder, copy, { recursive: true });
    writeFileSync(join(copy, "verify.mjs"), 'console.log("bundle verified");\n');
    expect(run(join(copy, "verify.mjs")).status).toBe(0);
    const result = run("dist/src/cli/verify-bundle.js", copy);
    expect(result.stdout).toContain("FAIL  sums: verify.mjs does not match its SHA-256 in SHA256SUMS");
    expect(result.status).toBe(1);
  });

  it("shows a client's <script> as text in messages.html, and every version of an edit", () => {
    const html = readFileSync(join(folder, "messages.html"), "utf8");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; thanks");
    expect(html).toContain("Sending <b>tomorrow</b>");
    expect(html).toContain("Sending next week");
  });

  it("writes result.json in Telegram Desktop's format, with the edit history in x_ fields", () => {
    const result = JSON.parse(readFileSync(join(folder, "result.json"), "utf8"));
    expect(result).toMatchObject({ name: "Acme × Sofía", type: "private_supergroup", id: 1234567890 });
    expect(result.messages).toHaveLength(4);
    const promise = result.messages[1];
    expect(promise).toMatchObject({
      type: "message",
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      date_unixtime: "1790000000",
      from: "Sofía Marketing",
      from_id: `user${specialist.id}`,
      text: "Sending next week",
      edited_unixtime: "1790000100",
      x_seq: 2,
    });
    expect(promise.x_versions.map((version: { text: string }) => version.text)).toEqual([
      "Sending tomorrow",
      "Sending next week",
    ]);
    expect(promise.x_versions[0].text_entities).toEqual([
      { type: "plain", text: "Sending " },
      { type: "bold", text: "tomorrow" },
    ]);
  });

  it("exports a period from the head before it, and that bundle verifies too", () => {
    const out = join(mkdtempSync(join(tmpdir(), "regbot-period-")), "bundle");
    const exported = exportBundle(
      history.path,
      history.chatId,
      "--from",
      "2026-11-03",
      "--to",
      "2026-11-03",
      "--out-dir",
      out,
    );
    expect(exported.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ eventCount: 2, headBefore: { seq: 5 }, head: { seq: 7 } });
    expect(run(join(out, "verify.mjs")).status).toBe(0);
    const participants = JSON.parse(readFileSync(join(out, "participants.json"), "utf8"));
    expect(participants.roles).toEqual([
      {
        user_id: specialist.id,
        role: "specialist",
        since: new Date(DAY1 + 180_000).toISOString(),
        until: null,
        granted_by: null,
        ended_by: null,
        end_reason: null,
      },
    ]);
    const regulation = JSON.parse(readFileSync(join(out, "regulation.json"), "utf8"));
    expect(regulation.versions[0]).toMatchObject({
      version: 1,
      in_force_from: new Date(DAY1 + 240_000).toISOString(),
      until: null,
    });
  });
});

function createHashHex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

describe("npm run export, its edge cases", () => {
  it("shows an edit of a message sent before the period once, marked so, with the versions it has", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "regbot-export-")), "regbot.sqlite");
    const database = openDatabase(path);
    const correspondence = new CorrespondenceRepository(database.orm);
    const original = message(group(), specialist, "Report on Friday");
    const updates = [
      withId(1, original),
      withId(2, edit(original, "Report on Monday", 1_790_090_000)),
      withId(3, edit(original, "Report on Tuesday", 1_790_090_100)),
    ];
    for (const [index, update] of updates.entries()) {
      await correspondence.ingest(
        [{ updateId: update.update_id, payload: update, drafts: describeUpdate(update) }],
        index === 0 ? DAY1 : DAY2 + index,
      );
    }
    const chatId = (await new ChatRepository(database.orm).findByTelegramId(group().id))!.id;
    database.close();
    const out = join(mkdtempSync(join(tmpdir(), "regbot-period-")), "bundle");
    expect(exportBundle(path, chatId, "--from", "2026-11-03", "--to", "2026-11-03", "--out-dir", out).status).toBe(0);
    const result = JSON.parse(readFileSync(join(out, "result.json"), "utf8"));
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({
      text: "Report on Tuesday",
      x_original_outside_period: true,
      edited_unixtime: "1790090100",
    });
    expect(result.messages[0].x_versions.map((version: { text: string }) => version.text)).toEqual([
      "Report on Monday",
      "Report on Tuesday",
    ]);
    expect(readFileSync(join(out, "messages.html"), "utf8")).toContain("the original was sent before this period");
  });

  it("shows an edit of a message regbot never received once, as its only version, beside a message edited twice", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "regbot-export-")), "regbot.sqlite");
    const database = openDatabase(path);
    const correspondence = new CorrespondenceRepository(database.orm);
    const unseen = message(group(), client, "Sent before regbot joined");
    const seen = message(group(), specialist, "Report on Friday");
    const updates = [
      withId(1, edit(unseen, "Sent before regbot joined, corrected", 1_790_090_000)),
      withId(2, seen),
      withId(3, edit(seen, "Report on Monday", 1_790_090_100)),
      withId(4, edit(seen, "Report on Tuesday", 1_790_090_200)),
    ];
    for (const [index, update] of updates.entries())
      await correspondence.ingest(
        [{ updateId: update.update_id, payload: update, drafts: describeUpdate(update) }],
        DAY1 + index,
      );
    const chatId = (await new ChatRepository(database.orm).findByTelegramId(group().id))!.id;
    database.close();
    const out = join(mkdtempSync(join(tmpdir(), "regbot-unseen-")), "bundle");
    expect(exportBundle(path, chatId, "--out-dir", out).status).toBe(0);
    const messages = JSON.parse(readFileSync(join(out, "result.json"), "utf8")).messages;
    expect(messages.map((shown: { text: string }) => shown.text)).toEqual([
      "Sent before regbot joined, corrected",
      "Report on Tuesday",
    ]);
    expect(messages[0]).toMatchObject({ x_original_outside_period: true, edited_unixtime: "1790090000" });
    expect(messages[0].x_versions.map((version: { text: string }) => version.text)).toEqual([
      "Sent before regbot joined, corrected",
    ]);
    expect(messages[1].x_versions.map((version: { text: string }) => version.text)).toEqual([
      "Report on Friday",
      "Report on Monday",
      "Report on Tuesday",
    ]);
    expect(run(join(out, "verify.mjs"), out).status).toBe(0);
  });

  it("writes no bundle at all, nor any half-made file, when the readable views cannot be made", async () => {
    const { path, chatId } = await chatHistory();
    // A line that is not JSON (written past the log's guards) copies as it is, but cannot be shown.
    const database = openDatabase(path);
    database.sqlite
      .prepare(
        "insert into events (chat_id, seq, source, kind, prev_hash, hash, line, received_at) select chat_id, seq + 1, 'test:broken', 'message', hash, ?, 'not json', received_at from events where chat_id = ? order by seq desc limit 1",
      )
      .run("0".repeat(64), chatId);
    database.close();
    const folder = mkdtempSync(join(tmpdir(), "regbot-failed-"));
    const zip = join(folder, "bundle.zip");
    const failed = exportBundle(path, chatId, "--out", zip);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain("JSON");
    expect(readdirSync(folder)).toEqual([]);
    const unpacked = join(folder, "unpacked");
    expect(exportBundle(path, chatId, "--out-dir", unpacked).status).not.toBe(0);
    expect(existsSync(unpacked)).toBe(false);
  });

  it("explains its usage and never overwrites an existing file", async () => {
    const { path, chatId } = await chatHistory();
    expect(exportBundle(path, chatId).stderr).toContain("give either --out <file.zip> or --out-dir <folder>");
    expect(exportBundle(path, chatId, "--from", "2026-11-03", "--out", join(tmpdir(), "x.zip")).stderr).toContain(
      "give both --from and --to",
    );
    expect(
      exportBundle(path, 999, "--out-dir", join(mkdtempSync(join(tmpdir(), "regbot-none-")), "b")).stderr,
    ).toContain("no chat with id 999");
    const badDate = join(mkdtempSync(join(tmpdir(), "regbot-date-")), "bundle.zip");
    expect(exportBundle(path, chatId, "--from", "2026-11-31", "--to", "2026-12-01", "--out", badDate).stderr).toContain(
      "not a date like 2026-11-27: 2026-11-31",
    );
    expect(existsSync(badDate)).toBe(false);
    const taken = mkdtempSync(join(tmpdir(), "regbot-taken-"));
    const result = exportBundle(path, chatId, "--out-dir", taken);
    expect(result.stderr).toContain("already exists");
    expect(result.status).toBe(2);
    expect(run("dist/src/cli/verify-bundle.js", join(taken, "missing")).status).toBe(2);
  });
});
