/**
 * The source of `verify.mjs`, the checker shipped in every bundle: Node.js standard library
 * only, so the other party can run it without installing regbot. `npm run verify-bundle` runs
 * this same source (imported from a data: URL), so the two can never disagree.
 * It is kept as text because the build compiles TypeScript only; no backticks or dollar-brace inside.
 */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env node
// Checks a regbot dispute bundle offline with Node.js alone (18 or later).
// Run it inside the unpacked folder: node verify.mjs   (or: node verify.mjs <folder>)
// Add --checkpoint <size>:<root> (the last line of a checkpoint message in the chat) for each
// checkpoint you kept, to check that this bundle extends the log you saw then.
// Exit code 0 when every check passes, 1 when any fails; each failure names its file and check.
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const GENESIS = "0".repeat(64);
const REQUIRED = ["events.jsonl", "manifest.json", "checkpoint.json", "checkpoints.json", "public-key.pem", "SHA256SUMS"];
const HEX64 = /^[0-9a-f]{64}$/;

export async function checkBundle(folder, held = []) {
  const results = [];
  const pass = (check, detail) => void results.push({ check, ok: true, detail });
  const fail = (check, detail) => void results.push({ check, ok: false, detail });
  for (const name of REQUIRED) if (!existsSync(join(folder, name))) fail("files", name + " is missing");
  if (results.length > 0) return results;

  checkSums(folder, pass, fail);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));
  } catch {
    fail("manifest", "manifest.json is not valid JSON");
    return results;
  }
  const scan = await checkEvents(folder, manifest, pass, fail);
  checkCheckpoint(folder, manifest, pass, fail);
  if (scan !== undefined) checkLog(manifest, scan, pass, fail);
  checkWitnessed(folder, manifest, scan, held, pass, fail);
  return results;
}

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest();
}

function checkSums(folder, pass, fail) {
  const listed = new Set();
  const lines = readFileSync(join(folder, "SHA256SUMS"), "utf8").split("\n").filter((line) => line !== "");
  let bad = 0;
  lines.forEach((line, index) => {
    const match = /^([0-9a-f]{64})  (.+)$/.exec(line);
    if (!match) {
      bad += 1;
      return fail("sums", "SHA256SUMS line " + (index + 1) + " is malformed");
    }
    const [, expected, name] = match;
    listed.add(name);
    const path = join(folder, name);
    if (name.includes("/") || name.includes("\\") || !existsSync(path)) {
      bad += 1;
      return fail("sums", "SHA256SUMS lists " + name + ", which is not in the bundle");
    }
    if (sha256(readFileSync(path)).toString("hex") !== expected) {
      bad += 1;
      fail("sums", name + " does not match its SHA-256 in SHA256SUMS");
    }
  });
  for (const name of readdirSync(folder)) {
    if (name !== "SHA256SUMS" && !listed.has(name)) {
      bad += 1;
      fail("sums", name + " is in the folder but not listed in SHA256SUMS");
    }
  }
  if (bad === 0) pass("sums", lines.length + " files match SHA256SUMS");
}

async function* linesOf(path) {
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(path)) {
    let buffer = Buffer.concat([rest, chunk]);
    let newline;
    while ((newline = buffer.indexOf(10)) !== -1) {
      yield buffer.subarray(0, newline);
      buffer = buffer.subarray(newline + 1);
    }
    rest = buffer;
  }
  if (rest.length > 0) yield null;
}

async function checkEvents(folder, manifest, pass, fail) {
  const before = manifest.headBefore ?? null;
  let expectedSeq = (before ? before.seq : 0) + 1;
  let previous = before ? before.hash : GENESIS;
  let count = 0;
  const tree = merkleAccumulator();
  // The whole log's tree from its first event: the events before this bundle enter as their complete subtrees.
  const prefix = expectedSeq === 1 && Array.isArray(manifest.log?.before) && manifest.log.before.length === 0 ? { tree } : resumedTree(expectedSeq - 1, manifest.log?.before);
  const checkpointEvents = [];
  let broken;
  for await (const line of linesOf(join(folder, "events.jsonl"))) {
    if (line === null) {
      broken = "events.jsonl does not end with a newline after its last line";
      break;
    }
    const where = "events.jsonl line " + (count + 1) + " (sequence " + expectedSeq + ")";
    const hash = sha256(line);
    let parsed;
    try {
      parsed = JSON.parse(line.toString("utf8"));
    } catch {
      broken = where + " is not valid JSON";
      break;
    }
    if (parsed.seq !== expectedSeq) {
      broken = where + " claims sequence " + parsed.seq;
      break;
    }
    if (parsed.prev !== previous) {
      broken = where + (count === 0 ? " does not point at headBefore in manifest.json" : " does not point at the hash of line " + count + " (that line was changed, or events were removed or reordered)");
      break;
    }
    previous = hash.toString("hex");
    tree.add(hash);
    if (prefix.tree !== tree) prefix.tree?.add(hash);
    if (parsed.kind === "checkpoint") checkpointEvents.push({ line: count + 1, seq: parsed.seq, size: parsed.payload?.size, root: parsed.payload?.root });
    expectedSeq += 1;
    count += 1;
  }
  const head = manifest.head ?? null;
  if (broken === undefined && count !== manifest.eventCount) broken = "events.jsonl has " + count + " events, manifest.json says " + manifest.eventCount;
  if (broken === undefined && (head === null ? count !== 0 : head.seq !== expectedSeq - 1 || head.hash !== previous)) {
    broken = "the last event's hash differs from the head in manifest.json (the last event was changed or events were cut off)";
  }
  if (broken !== undefined) return fail("chain", broken);
  pass("chain", count + " events recomputed from their bytes; head " + (head ? head.seq + " " + head.hash : "(none)"));
  const root = tree.root().toString("hex");
  if (tree.size !== manifest.merkle?.size || root !== manifest.merkle?.root) {
    return fail("merkle", "the Merkle root of events.jsonl (" + tree.size + " leaves, " + root + ") differs from manifest.json");
  }
  pass("merkle", "RFC 6962 root over " + tree.size + " events: " + root);
  return { prefix: prefix.tree === undefined ? prefix : { size: prefix.tree.size, root: prefix.tree.root() }, checkpointEvents };
}

function resumedTree(size, before) {
  const subtrees = hashes(before);
  if (subtrees === undefined) return { problem: "manifest.json's log.before is not a list of 64-hex hashes" };
  try {
    return { tree: merkleAccumulator({ size, subtrees }) };
  } catch (error) {
    return { problem: "manifest.json's log.before " + error.message };
  }
}

function node(left, right) {
  return createHash("sha256").update(Buffer.of(1)).update(left).update(right).digest();
}

/** An RFC 6962 tree kept as its complete subtrees, optionally resumed from those of its first leaves. */
function merkleAccumulator(start) {
  const stack = [];
  let size = 0;
  if (start !== undefined && start.size > 0) {
    for (let width = 2 ** Math.floor(Math.log2(start.size)); width >= 1; width /= 2) {
      if (Math.floor(start.size / width) % 2 === 1) stack.push({ size: width, hash: start.subtrees[stack.length] });
    }
    if (stack.length !== start.subtrees.length || stack.some((entry) => entry.hash === undefined)) {
      throw new Error("should hold " + stack.length + " hashes for " + start.size + " events, not " + start.subtrees.length);
    }
    size = start.size;
  } else if (start !== undefined && start.subtrees.length > 0) {
    throw new Error("should be empty when no event comes before this bundle");
  }
  return {
    add(leaf) {
      let entry = { size: 1, hash: createHash("sha256").update(Buffer.of(0)).update(leaf).digest() };
      while (stack.length > 0 && stack[stack.length - 1].size === entry.size) {
        const left = stack.pop();
        entry = { size: left.size * 2, hash: node(left.hash, entry.hash) };
      }
      stack.push(entry);
      size += 1;
    },
    get size() {
      return size;
    },
    root() {
      if (stack.length === 0) return createHash("sha256").digest();
      let root = stack[stack.length - 1].hash;
      for (let index = stack.length - 2; index >= 0; index -= 1) root = node(stack[index].hash, root);
      return root;
    },
  };
}

function checkCheckpoint(folder, manifest, pass, fail) {
  let checkpoint;
  let key;
  try {
    checkpoint = JSON.parse(readFileSync(join(folder, "checkpoint.json"), "utf8"));
  } catch {
    return fail("signature", "checkpoint.json is not valid JSON");
  }
  try {
    key = createPublicKey(readFileSync(join(folder, "public-key.pem")));
  } catch {
    return fail("signature", "public-key.pem is not a valid public key");
  }
  const fingerprint = sha256(key.export({ type: "spki", format: "der" })).toString("hex");
  let valid = false;
  try {
    valid = typeof checkpoint.statement === "string" && verifySignature(null, Buffer.from(checkpoint.statement, "utf8"), key, Buffer.from(String(checkpoint.signature), "base64"));
  } catch {
    valid = false;
  }
  if (!valid) return fail("signature", "the Ed25519 signature in checkpoint.json does not verify with public-key.pem");
  const statement = JSON.parse(checkpoint.statement);
  for (const field of ["chat", "period", "headBefore", "head", "eventCount", "merkle", "log"]) {
    if (sortedJson(statement[field] ?? null) !== sortedJson(manifest[field] ?? null)) {
      return fail("signature", "the signed checkpoint's " + field + " differs from manifest.json");
    }
  }
  pass("signature", "checkpoint signed by the key with SHA-256 fingerprint " + fingerprint + "; it matches manifest.json");
}

/**
 * RFC 9162 section 2.1.4.2: does the tree of newSize leaves with root newRoot extend the tree of
 * oldSize leaves with root oldRoot? Roots and proof hashes are 32-byte Buffers.
 */
export function verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof) {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 1 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  if (path.length === 0) return false;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

function isPowerOfTwo(value) {
  while (value > 1 && value % 2 === 0) value /= 2;
  return value === 1;
}

function hashes(list) {
  return Array.isArray(list) && list.every((hash) => typeof hash === "string" && HEX64.test(hash)) ? list.map((hash) => Buffer.from(hash, "hex")) : undefined;
}

/** The exported events (with the subtrees before them) must lead to the root of the whole log, which checkpoints are proved against. */
function checkLog(manifest, scan, pass, fail) {
  const { size, root, proof: proofHex } = manifest.log ?? {};
  const proof = hashes(proofHex);
  if (!Number.isSafeInteger(size) || typeof root !== "string" || !HEX64.test(root) || proof === undefined) return fail("log", "manifest.json's log is not { size, root, before, proof } with 64-hex hashes");
  const { prefix } = scan;
  if (prefix.problem !== undefined) return fail("log", prefix.problem);
  if (prefix.size === 0) {
    if (proof.length === 0) return pass("log", "no event is exported; the whole log had " + size + " events, root " + root);
    return fail("log", "manifest.json's log.proof should be empty when no event is exported");
  }
  if (!verifyConsistency(prefix.size, size, prefix.root, Buffer.from(root, "hex"), proof)) {
    return fail("log", "the first " + prefix.size + " events of the log (those before and in events.jsonl) do not lead to the whole log's root in manifest.json (" + size + " events, " + root + ")");
  }
  pass("log", "events.jsonl is part of the chat's whole log as exported: " + size + " events, root " + root);
}

/**
 * The checkpoints regbot posted in the chat, each proved consistent with the whole log's root,
 * and those the reader kept (--checkpoint size:root), which must be among them.
 */
function checkWitnessed(folder, manifest, scan, held, pass, fail) {
  let listed;
  try {
    listed = JSON.parse(readFileSync(join(folder, "checkpoints.json"), "utf8")).checkpoints;
  } catch {
    return fail("checkpoints", "checkpoints.json is not valid JSON");
  }
  if (!Array.isArray(listed)) return fail("checkpoints", "checkpoints.json has no list of checkpoints");
  const log = manifest.log ?? {};
  const logRoot = typeof log.root === "string" && HEX64.test(log.root) ? Buffer.from(log.root, "hex") : undefined;
  const consistent = new Set();
  for (const checkpoint of listed) {
    const name = describeListed(checkpoint);
    const proof = hashes(checkpoint?.proof);
    const root = typeof checkpoint?.root === "string" && HEX64.test(checkpoint.root) ? Buffer.from(checkpoint.root, "hex") : undefined;
    if (logRoot === undefined || root === undefined || proof === undefined || !verifyConsistency(checkpoint.size, log.size, root, logRoot, proof)) {
      fail("checkpoint", name + " is not consistent with the exported log");
      continue;
    }
    consistent.add(checkpoint.size + ":" + checkpoint.root);
    pass("checkpoint", name + " is consistent with the exported log");
  }
  if (listed.length === 0) pass("checkpoints", "none was posted in the chat before this export, so nothing here guards against whoever holds the signing key");
  for (const event of scan?.checkpointEvents ?? []) {
    if (!listed.some((checkpoint) => checkpoint?.seq === event.seq && checkpoint.size === event.size && checkpoint.root === event.root)) {
      fail("checkpoints", "events.jsonl line " + event.line + " records a checkpoint (size " + event.size + ", root " + event.root + ") that checkpoints.json does not list");
    }
  }
  for (const text of held) {
    const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
    if (!match) {
      fail("kept", "--checkpoint " + text + " is not like 1234:3f2a... (the last line of a checkpoint message: size, a colon, the 64-character root)");
      continue;
    }
    const [, size, root] = match;
    const name = "the checkpoint you kept (size " + size + ", root " + root + ")";
    if (Number(size) > log.size) fail("kept", name + " is newer than this export (" + log.size + " events): check it against a later export");
    else if (consistent.has(Number(size) + ":" + root)) pass("kept", name + " is listed and consistent with the exported log");
    else fail("kept", name + " is not among the consistent checkpoints in checkpoints.json: this bundle does not extend the log you were shown");
  }
}

function describeListed(checkpoint) {
  const at = checkpoint?.posted ? "posted at " + checkpoint.posted.at : "recorded at " + checkpoint?.recorded_at + " (never posted)";
  return "checkpoint " + at + " (size " + checkpoint?.size + ", root " + checkpoint?.root + ")";
}

function sortedJson(value) {
  if (Array.isArray(value)) return "[" + value.map(sortedJson).join(",") + "]";
  if (value !== null && typeof value === "object") {
    return "{" + Object.keys(value).sort().map((key) => JSON.stringify(key) + ":" + sortedJson(value[key])).join(",") + "}";
  }
  return JSON.stringify(value);
}

export async function main(folder, log = console.log, held = []) {
  let results;
  try {
    results = await checkBundle(folder, held);
  } catch (error) {
    results = [{ check: "bundle", ok: false, detail: "could not be read: " + (error instanceof Error ? error.message : String(error)) }];
  }
  for (const result of results) log((result.ok ? "OK    " : "FAIL  ") + result.check + ": " + result.detail);
  const failed = results.filter((result) => !result.ok).length;
  log(failed === 0 ? "bundle verified" : "bundle NOT verified: " + failed + " check(s) failed");
  return failed === 0 ? 0 : 1;
}

/** node verify.mjs [folder] [--checkpoint size:root ...] */
export function parseCommandLine(args) {
  const { values, positionals } = parseArgs({ args, options: { checkpoint: { type: "string", multiple: true } }, allowPositionals: true });
  return { folder: positionals[0], held: values.checkpoint ?? [] };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let command;
  try {
    command = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(error.message + "\nusage: node verify.mjs [folder] [--checkpoint <size>:<root> ...]");
    process.exit(2);
  }
  process.exitCode = await main(command.folder ?? dirname(fileURLToPath(import.meta.url)), console.log, command.held);
}
`;

export interface BundleChecker {
  main(folder: string, log?: (line: string) => void, held?: readonly string[]): Promise<number>;
  parseCommandLine(args: readonly string[]): { folder: string | undefined; held: string[] };
  verifyConsistency(oldSize: number, newSize: number, oldRoot: Buffer, newRoot: Buffer, proof: readonly Buffer[]): boolean;
}

/** Loads the checker from its source, for `npm run verify-bundle` (and for tests of its proofs). */
export async function loadBundleChecker(): Promise<BundleChecker> {
  return import(`data:text/javascript;base64,${Buffer.from(VERIFY_SCRIPT, "utf8").toString("base64")}`);
}
