import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { User } from "grammy/types";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { canonicalJson, GENESIS_HASH, sha256Hex } from "../../src/domain/evidence-chain.js";
import { eventLeaf, MerkleAccumulator, merkleRoot } from "../../src/domain/merkle.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, client, edit, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const zone = "Europe/Madrid";
const acme = group();
const sofia: User = { ...specialist, language_code: "en" };
let now = 0;
const setTime = (iso: string) => (now = DateTime.fromISO(iso, { zone }).toMillis());
const CHECKPOINT =
  /^Checkpoint: (\d+) events recorded, root ([0-9a-f]{4})…([0-9a-f]{4})\.\nKeep this message: any export of this chat can be checked against it\.\nExports are signed with the key whose SHA-256 fingerprint is ([0-9a-f]{64})\.\n(\d+):([0-9a-f]{64})$/;

async function start(iso: string): Promise<void> {
  setTime(iso);
  harness = await startHarness({ DEFAULT_TIMEZONE: zone }, {}, { clock: () => now });
}

function said(before: number): string[] {
  return harness.telegram
    .sentTo(acme.id)
    .slice(before)
    .map((sent) => sent.text!);
}

async function push(update: ReturnType<typeof message>): Promise<string[]> {
  const before = harness.telegram.sentTo(acme.id).length;
  harness.telegram.pushUpdate(update);
  await settled(harness);
  return said(before);
}

function command(from: User, text: string): ReturnType<typeof message> {
  return message(acme, from, text, {
    date: Math.floor(now / 1000),
    entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }],
  });
}

const write = (from: User, text: string) =>
  text.startsWith("/") ? push(command(from, text)) : push(message(acme, from, text, { date: Math.floor(now / 1000) }));

async function tick(): Promise<string[]> {
  const before = harness.telegram.sentTo(acme.id).length;
  await harness.regbot.scheduler.tick();
  await settled(harness);
  return said(before);
}

function chatId(): number {
  return harness.query<{ id: number }>("select id from chats")[0]!.id;
}

/** The root the log had when it held its first `size` events, recomputed from the stored hashes. */
function rootOfFirst(size: number): string {
  const hashes = harness.query<{ hash: string }>(
    "select hash from events where chat_id = ? and seq <= ? order by seq",
    chatId(),
    size,
  );
  return merkleRoot(hashes.map((row) => eventLeaf(row.hash))).toString("hex");
}

/** The SHA-256 of the deployment's public key as VERIFY.md computes it: the PEM's base64 body, decoded. */
function deploymentKeyFingerprint(): string {
  const pem = readFileSync(`${harness.databasePath}.ed25519.pub.pem`, "utf8");
  return createHash("sha256")
    .update(
      Buffer.from(
        pem
          .split("\n")
          .filter((line) => line !== "" && !line.startsWith("-----"))
          .join(""),
        "base64",
      ),
    )
    .digest("hex");
}

/** A checkpoint's text, checked against the log it claims to describe. */
function expectCheckpoint(text: string | undefined): { size: number; root: string; line: string } {
  const match = CHECKPOINT.exec(text ?? "");
  expect(match, text).not.toBeNull();
  const [, count, head, tail, fingerprint, size, root] = match!;
  expect(fingerprint).toBe(deploymentKeyFingerprint());
  expect(Number(size)).toBe(Number(count));
  expect([head, tail]).toEqual([root!.slice(0, 4), root!.slice(-4)]);
  expect(root).toBe(rootOfFirst(Number(size)));
  return { size: Number(size), root: root!, line: `${size}:${root}` };
}

function checkpointEvents(): Array<{ seq: number; payload: { size: number; root: string; messageKey: string } }> {
  return harness
    .query<{ seq: number; line: string }>("select seq, line from events where kind = 'checkpoint' order by seq")
    .map((row) => ({ seq: row.seq, payload: JSON.parse(row.line).payload }));
}

/** What each side keeps: the last line of every checkpoint message they received. */
function keptInTelegram(): string[] {
  return harness.telegram
    .sentTo(acme.id)
    .map((sent) => sent.text!)
    .filter((text) => text.includes("\nKeep this message"))
    .map((text) => text.split("\n").at(-1)!);
}

/** Tuesday to Friday in a Madrid chat: the daily checkpoints and, on Friday, the digest's. */
async function aWeekWithCheckpoints(): Promise<void> {
  await start("2026-12-01T09:00");
  harness.telegram.pushUpdate(botAdded(acme, sofia, "administrator"));
  await settled(harness);
  setTime("2026-12-01T10:00");
  await write(sofia, "The plan for December is in the shared doc.");
  setTime("2026-12-01T17:00");
  expect(await tick()).toHaveLength(1);
  setTime("2026-12-02T17:00");
  expect(await tick()).toEqual([]);
  setTime("2026-12-03T11:00");
  await write(sofia, "Creatives for the Christmas campaign are ready.");
  setTime("2026-12-03T17:00");
  expect(await tick()).toHaveLength(1);
  setTime("2026-12-04T10:00");
  await write(sofia, "Budget spent this week: 320 EUR.");
  setTime("2026-12-04T17:00");
  expect(await tick()).toHaveLength(1);
}

describe("checkpoints posted in the chat", () => {
  it("follow the introduction when regbot joins, with the log's size and root, and are recorded in the log", async () => {
    await start("2026-12-01T09:00");
    const before = harness.telegram.sentTo(acme.id).length;
    harness.telegram.pushUpdate(botAdded(acme, sofia, "administrator"));
    await settled(harness);
    const [intro, posted, ...rest] = said(before);
    expect(intro).toContain("Hello! I am regbot.");
    expect(rest).toEqual([]);
    const checkpoint = expectCheckpoint(posted);
    const [event] = checkpointEvents();
    expect(event).toEqual({
      seq: checkpoint.size + 1,
      payload: expect.objectContaining({ size: checkpoint.size, root: checkpoint.root }),
    });
    // The message itself is in the log too, after the checkpoint it shows.
    const shown = harness.query<{ seq: number }>(
      "select seq from events where kind = 'bot_message' and text like ?",
      `%${checkpoint.line}`,
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]!.seq).toBeGreaterThan(event!.seq);
    const [daily] = harness.query<{ due_at: number }>(
      "select due_at from jobs where kind = 'daily-checkpoint' and state = 'pending'",
    );
    expect(DateTime.fromMillis(daily!.due_at, { zone }).toISO()).toBe("2026-12-01T17:00:00.000+01:00");
  });

  it("are posted on /checkpoint by anyone, once per command even when it is edited or handled again", async () => {
    await start("2026-12-01T09:00");
    harness.telegram.pushUpdate(botAdded(acme, sofia, "administrator"));
    await settled(harness);
    await write(sofia, "Shall we start on Monday?");
    const asked = command(bystander, "/checkpoint");
    const handled = harness.telegram.pushUpdate(asked);
    await settled(harness);
    const [posted, ...rest] = said(harness.telegram.sentTo(acme.id).length - 1);
    expect(rest).toEqual([]);
    const checkpoint = expectCheckpoint(posted);
    // Everything up to the command itself, which was logged before it was handled.
    expect(checkpoint.size).toBe(
      harness.query<{ seq: number }>("select seq from events where kind = 'message' and text = '/checkpoint'")[0]!.seq,
    );

    expect(await push(edit(asked, "/checkpoint"))).toEqual([]);
    // As after a crash between handling the command and marking it handled.
    await harness.stopRegbot();
    const database = openDatabase(harness.databasePath);
    database.sqlite.prepare("update inbox_updates set state = 'pending' where update_id = ?").run(handled.update_id);
    database.close();
    const before = harness.telegram.sentTo(acme.id).length;
    await harness.startRegbot();
    await settled(harness);
    expect(said(before)).toEqual([]);
    expect(checkpointEvents()).toHaveLength(2);
  });

  it("explain how to check a checkpoint when someone pastes one after /checkpoint, and speak the chat's language", async () => {
    await start("2026-12-01T09:00");
    harness.telegram.pushUpdate(botAdded(acme, sofia, "administrator"));
    await settled(harness);
    expect(await write(client, "/checkpoint 12:3f2a")).toEqual([
      "/checkpoint takes nothing after it: send just /checkpoint to post the record's checkpoint now. To check an export against a checkpoint you keep, run in the unpacked export: node verify.mjs --checkpoint 1234:3f2a… (the last line of the checkpoint message).",
    ]);
    expect(checkpointEvents()).toHaveLength(1);
    await write(sofia, "/set language ru");
    const [russian] = await write(client, "/checkpoint");
    const size = checkpointEvents().at(-1)!.payload.size;
    expect(russian).toMatch(
      new RegExp(
        `^Контрольная точка: записано ${size} (событие|события|событий), корень [0-9a-f]{4}…[0-9a-f]{4}\\.\\nСохраните это сообщение`,
      ),
    );
  });

  it("come once a day only after something was logged, and ride on the digest on its day", async () => {
    await aWeekWithCheckpoints();
    const sent = harness.telegram.sentTo(acme.id).map((posted) => posted.text!);
    const [tuesday, thursday] = sent.filter((text) => text.startsWith("Checkpoint:")).slice(1);
    expectCheckpoint(tuesday);
    expectCheckpoint(thursday);
    const digest = sent.at(-1)!;
    expect(digest).toMatch(/^Weekly digest for "Acme × Sofía"\n/);
    const checkpointLines = digest.split("\n\n").at(-1);
    expectCheckpoint(checkpointLines);
    const dueAt = DateTime.fromISO("2026-12-04T17:00", { zone }).toMillis();
    expect(checkpointEvents().map((event) => event.payload.messageKey)).toEqual([
      expect.stringMatching(/^update:\d+:checkpoint$/),
      `daily-checkpoint:${chatId()}:${DateTime.fromISO("2026-12-01T17:00", { zone }).toMillis()}`,
      `daily-checkpoint:${chatId()}:${DateTime.fromISO("2026-12-03T17:00", { zone }).toMillis()}`,
      `digest:${chatId()}:${dueAt}`,
    ]);
    // Only the digest's own message was logged since: Saturday stays quiet.
    setTime("2026-12-05T17:00");
    expect(await tick()).toEqual([]);
  });
});

function run(script: string, ...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
}

function exportChat(...extra: string[]): string {
  const out = join(mkdtempSync(join(tmpdir(), "regbot-checkpoints-")), "bundle");
  const exported = run(
    "dist/src/cli/export.js",
    `--chat=${chatId()}`,
    "--database",
    harness.databasePath,
    "--out-dir",
    out,
    ...extra,
  );
  expect(exported.stderr).toBe("");
  return out;
}

function verify(folder: string, kept: readonly string[] = []) {
  return run(join(folder, "verify.mjs"), folder, ...kept.flatMap((line) => ["--checkpoint", line]));
}

function rewriteFile(folder: string, name: string, change: (text: string) => string): void {
  const text = change(readFileSync(join(folder, name), "utf8"));
  writeFileSync(join(folder, name), text);
  const sums = readFileSync(join(folder, "SHA256SUMS"), "utf8").replace(
    new RegExp(`^[0-9a-f]{64}(?=  ${name.replace(".", "\\.")}$)`, "m"),
    sha256Hex(text),
  );
  writeFileSync(join(folder, "SHA256SUMS"), sums);
}

/**
 * The operator rewrites the specialist's Tuesday promise in the database and re-chains every
 * later event; the thorough one also recomputes the checkpoints' roots in the log.
 */
function rewriteTuesday({ checkpointsToo }: { checkpointsToo: boolean }): void {
  const database = openDatabase(harness.databasePath);
  database.sqlite.exec("DROP TRIGGER IF EXISTS events_reject_update");
  const rows = database.sqlite
    .prepare("select seq, line from events where chat_id = ? order by seq")
    .all(chatId()) as Array<{ seq: number; line: string }>;
  const store = database.sqlite.prepare(
    "update events set line = ?, hash = ?, prev_hash = ? where chat_id = ? and seq = ?",
  );
  const tree = new MerkleAccumulator();
  let previous = GENESIS_HASH;
  for (const row of rows) {
    const body = JSON.parse(row.line);
    if (body.payload?.message?.text === "The plan for December is in the shared doc.")
      body.payload.message.text = "No plan was agreed for December.";
    if (checkpointsToo && body.kind === "checkpoint")
      body.payload = {
        ...body.payload,
        root: tree.root().toString("hex"),
        subtrees: tree.subtrees.map((hash) => hash.toString("hex")),
      };
    body.prev = previous;
    const line = canonicalJson(body);
    previous = sha256Hex(line);
    store.run(line, previous, body.prev, chatId(), row.seq);
    tree.add(eventLeaf(previous));
  }
  database.close();
}

// Each test exports and checks bundles in child processes, twice or more: slow on a loaded machine.
describe("an export checked against the checkpoints", { timeout: 90_000 }, () => {
  it("proves every posted checkpoint consistent with the exported log, for the whole history and for a period", async () => {
    await aWeekWithCheckpoints();
    const kept = keptInTelegram();
    expect(kept).toHaveLength(4);
    const whole = verify(exportChat(), kept);
    expect(whole.stdout).toContain("bundle verified");
    expect(
      whole.stdout.match(
        /^OK {4}checkpoint: checkpoint posted at \S+ \(size \d+, root [0-9a-f]{64}\) is consistent with the exported log$/gm,
      ),
    ).toHaveLength(4);
    expect(whole.stdout.match(/^OK {4}kept: /gm)).toHaveLength(4);
    expect(whole.status).toBe(0);

    // Wednesday and Thursday only: the checkpoints before and after still bind those events.
    const period = exportChat("--from", "2026-12-02", "--to", "2026-12-03");
    const manifest = JSON.parse(readFileSync(join(period, "manifest.json"), "utf8"));
    expect(manifest.headBefore).not.toBeNull();
    expect(manifest.log.size).toBeGreaterThan(manifest.head.seq);
    const result = verify(period, kept);
    expect(result.stdout).toMatch(/^OK {4}log: /m);
    expect(result.stdout).toContain("bundle verified");
    expect(result.status).toBe(0);
  });

  it("fails a forged checkpoint in the bundle's list, naming when it was posted", async () => {
    await aWeekWithCheckpoints();
    const folder = exportChat();
    const listed = JSON.parse(readFileSync(join(folder, "checkpoints.json"), "utf8")).checkpoints;
    const target = listed[1];
    const forged = `${target.root.slice(0, -1)}${target.root.endsWith("0") ? "1" : "0"}`;
    rewriteFile(folder, "checkpoints.json", (text) => text.replace(target.root, forged));
    const result = verify(folder);
    expect(result.stdout).toContain("OK    sums");
    expect(result.stdout).toContain(
      `FAIL  checkpoint: checkpoint posted at ${target.posted.at} (size ${target.size}, root ${forged}) is not consistent with the exported log`,
    );
    expect(result.stdout).toMatch(
      /FAIL {2}checkpoints: events\.jsonl line \d+ records a checkpoint .* that checkpoints\.json does not list/,
    );
    expect(result.status).toBe(1);
  });

  it("catches a log rewritten after a checkpoint even though it is re-signed with the deployment's key", async () => {
    await aWeekWithCheckpoints();
    const kept = keptInTelegram();
    await harness.stopRegbot();
    rewriteTuesday({ checkpointsToo: false });
    const naive = verify(exportChat());
    for (const check of ["sums", "chain", "merkle", "signature", "log"])
      expect(naive.stdout).toMatch(new RegExp(`^OK {4}${check}: `, "m"));
    // The join checkpoint came before the rewritten message; the three after it do not hold.
    expect(naive.stdout.match(/^OK {4}checkpoint: /gm)).toHaveLength(1);
    expect(
      naive.stdout.match(/^FAIL {2}checkpoint: checkpoint posted at .* is not consistent with the exported log$/gm),
    ).toHaveLength(3);
    expect(naive.status).toBe(1);

    // Rewriting the checkpoints in the log as well makes the bundle agree with itself...
    rewriteTuesday({ checkpointsToo: true });
    const thorough = exportChat();
    expect(verify(thorough).status).toBe(0);
    // ...but not with what both sides received in Telegram at the time.
    const checked = verify(thorough, kept);
    expect(checked.stdout.match(/^OK {4}kept: /gm)).toHaveLength(1);
    expect(
      checked.stdout.match(
        /^FAIL {2}kept: the checkpoint you kept \(size \d+, root [0-9a-f]{64}\) is not among the consistent checkpoints in checkpoints\.json/gm,
      ),
    ).toHaveLength(3);
    expect(checked.status).toBe(1);
  });
});
