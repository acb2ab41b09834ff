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
import * as crypto from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const GENESIS = "0".repeat(64);
const REQUIRED = ["events.jsonl", "manifest.json", "checkpoint.json", "checkpoints.json", "public-key.pem", "SHA256SUMS"];
const HEX64 = /^[0-9a-f]{64}$/;
const { createHash, createPublicKey, verify: verifySignature } = crypto;
// One-shot hashing (Node 20.12 and later) costs far less than a Hash object per line.
const sha256 = crypto.hash ? (bytes) => crypto.hash("sha256", bytes, "buffer") : (bytes) => createHash("sha256").update(bytes).digest();
const CHUNK = 1 << 20;

export async function checkBundle(folder, held = []) {
  const results = [];
  const pass = (check, detail) => void results.push({ check, ok: true, detail });
  const fail = (check, detail) => void results.push({ check, ok: false, detail });
  for (const name of REQUIRED) if (!existsSync(join(folder, name))) fail("files", name + " is missing");
  if (results.length > 0) return results;

  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));
  } catch {
    manifest = undefined;
  }
  // events.jsonl is read once: hashed as a file while its chain is walked; its results follow the sums'.
  const chain = [];
  const events = manifest === undefined ? undefined : checkEvents(folder, manifest, (check, detail) => void chain.push({ check, ok: true, detail }), (check, detail) => void chain.push({ check, ok: false, detail }));
  checkSums(folder, pass, fail, events?.fileDigest);
  if (manifest === undefined) {
    fail("manifest", "manifest.json is not valid JSON");
    return results;
  }
  results.push(...chain);
  const scan = events.scan;
  checkCheckpoint(folder, manifest, pass, fail);
  if (scan !== undefined) checkLog(manifest, scan, pass, fail);
  checkWitnessed(folder, manifest, scan, held, pass, fail);
  return results;
}

/** Reads a file in chunks into one reused buffer: a large file never sits in memory whole. */
function eachChunk(path, onChunk) {
  const descriptor = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let read;
    while ((read = readSync(descriptor, buffer, 0, CHUNK, null)) > 0) onChunk(buffer.subarray(0, read));
  } finally {
    closeSync(descriptor);
  }
}

function fileSha256(path) {
  const hash = createHash("sha256");
  eachChunk(path, (chunk) => hash.update(chunk));
  return hash.digest();
}

/** eventsDigest: the SHA-256 of events.jsonl when the chain walk already computed it. */
function checkSums(folder, pass, fail, eventsDigest) {
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
    const digest = name === "events.jsonl" && eventsDigest !== undefined ? eventsDigest : fileSha256(path);
    if (digest.toString("hex") !== expected) {
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

/**
 * Calls onLine with each line's bytes (a view valid during the call; null for a last line without
 * its newline) until it returns false, and gives the whole file's SHA-256, read once.
 */
function eachLine(path, onLine) {
  const file = createHash("sha256");
  let wanted = true;
  let rest = Buffer.alloc(0);
  eachChunk(path, (chunk) => {
    file.update(chunk);
    if (!wanted) return;
    let start = 0;
    let newline = chunk.indexOf(10);
    if (rest.length > 0 && newline !== -1) {
      wanted = onLine(Buffer.concat([rest, chunk.subarray(0, newline)])) !== false;
      start = newline + 1;
      newline = chunk.indexOf(10, start);
      rest = Buffer.alloc(0);
    }
    for (; wanted && newline !== -1; newline = chunk.indexOf(10, start)) {
      wanted = onLine(chunk.subarray(start, newline)) !== false;
      start = newline + 1;
    }
    // The chunk's buffer is reused: an unfinished line is copied out.
    if (wanted && start < chunk.length) rest = Buffer.concat([rest, chunk.subarray(start)]);
  });
  if (wanted && rest.length > 0) onLine(null);
  return file.digest();
}

const PREV_KEY = Buffer.from(',"prev":"', "latin1");
const LINE_END = Buffer.from('","v":1}', "latin1");
const TAIL = /^,"prev":"([0-9a-f]{64})","seq":([1-9][0-9]{0,15}),"source":"(?:[^"\\]|\\.)*","v":1\}$/;
const HEAD = /^\{"at":"[^"\\]*","chat":-?[0-9]+,"kind":"([^"\\]*)",/;

/**
 * seq, prev and kind of a line as regbot writes it (canonical JSON: at, chat, kind, payload, prev,
 * seq, source, v), read from its two ends without parsing the payload between. In valid JSON a
 * quote inside a string is escaped, so text inside the payload or the source can never contain
 * the unescaped quotes these patterns need; a line of any other shape is parsed whole. (A line
 * that is not JSON at all yet passes here still changes its hash, which the chain, the Merkle
 * root and the signature catch.)
 */
function fieldsOf(line) {
  const at = line.lastIndexOf(PREV_KEY);
  const tail = at === -1 || line.length - at > 400 || !line.subarray(line.length - LINE_END.length).equals(LINE_END) ? null : TAIL.exec(line.toString("latin1", at));
  const head = tail === null ? null : HEAD.exec(line.toString("latin1", 0, 200));
  if (tail === null || head === null || head[1] === "checkpoint") return JSON.parse(line.toString("utf8"));
  return { seq: Number(tail[2]), prev: tail[1], kind: head[1] };
}

/** The chain, the Merkle root and the checkpoint events of events.jsonl, with the file's SHA-256 (fileDigest). */
function checkEvents(folder, manifest, pass, fail) {
  const before = manifest.headBefore ?? null;
  let expectedSeq = (before ? before.seq : 0) + 1;
  let previous = before ? before.hash : GENESIS;
  let count = 0;
  const tree = merkleAccumulator();
  // The whole log's tree from its first event: the events before this bundle enter as their complete subtrees.
  const prefix = expectedSeq === 1 && Array.isArray(manifest.log?.before) && manifest.log.before.length === 0 ? { tree } : resumedTree(expectedSeq - 1, manifest.log?.before);
  const checkpointEvents = [];
  let broken;
  const leaf = Buffer.alloc(33);
  const fileDigest = eachLine(join(folder, "events.jsonl"), (line) => {
    if (line === null) {
      broken = "events.jsonl does not end with a newline after its last line";
      return false;
    }
    const where = "events.jsonl line " + (count + 1) + " (sequence " + expectedSeq + ")";
    const hash = sha256(line);
    let parsed;
    try {
      parsed = fieldsOf(line);
    } catch {
      broken = where + " is not valid JSON";
      return false;
    }
    if (parsed.seq !== expectedSeq) {
      broken = where + " claims sequence " + parsed.seq;
      return false;
    }
    if (parsed.prev !== previous) {
      broken = where + (count === 0 ? " does not point at headBefore in manifest.json" : " does not point at the hash of line " + count + " (that line was changed, or events were removed or reordered)");
      return false;
    }
    previous = hash.toString("hex");
    hash.copy(leaf, 1);
    const leafHash = sha256(leaf);
    tree.addLeafHash(leafHash);
    if (prefix.tree !== tree) prefix.tree?.addLeafHash(leafHash);
    if (parsed.kind === "checkpoint") checkpointEvents.push({ line: count + 1, seq: parsed.seq, size: parsed.payload?.size, root: parsed.payload?.root });
    expectedSeq += 1;
    count += 1;
    return true;
  });
  const head = manifest.head ?? null;
  if (broken === undefined && count !== manifest.eventCount) broken = "events.jsonl has " + count + " events, manifest.json says " + manifest.eventCount;
  if (broken === undefined && (head === null ? count !== 0 : head.seq !== expectedSeq - 1 || head.hash !== previous)) {
    broken = "the last event's hash differs from the head in manifest.json (the last event was changed or events were cut off)";
  }
  if (broken !== undefined) return { fileDigest, scan: fail("chain", broken) };
  pass("chain", count + " events recomputed from their bytes; head " + (head ? head.seq + " " + head.hash : "(none)"));
  const root = tree.root().toString("hex");
  if (tree.size !== manifest.merkle?.size || root !== manifest.merkle?.root) {
    return { fileDigest, scan: fail("merkle", "the Merkle root of events.jsonl (" + tree.size + " leaves, " + root + ") differs from manifest.json") };
  }
  pass("merkle", "RFC 6962 root over " + tree.size + " events: " + root);
  return { fileDigest, scan: { prefix: prefix.tree === undefined ? prefix : { size: prefix.tree.size, root: prefix.tree.root() }, checkpointEvents } };
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

const pair = Buffer.alloc(65, 1);
function node(left, right) {
  left.copy(pair, 1);
  right.copy(pair, 33);
  return sha256(pair);
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
    /** leafHash: SHA-256 of a zero byte and the leaf. */
    addLeafHash(leafHash) {
      let entry = { size: 1, hash: leafHash };
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
