#!/usr/bin/env node
// @ts-check
// Checks a regbot dispute bundle offline with Node.js alone (18.3 or later), nothing to install.
// Run it inside the unpacked folder: node verify.mjs   (or: node verify.mjs <folder>)
// Add --checkpoint <size>:<root> (the last line of a checkpoint message in the chat) for each
// checkpoint you kept, to check that this bundle extends the log you saw then.
// Exit code 0 when every check passes, 1 when any fails, 2 when it cannot run; each failure
// names its file and check.
import { createPublicKey, verify as verifySignature } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as util from "node:util";
import { Worker } from "node:worker_threads";
import { eachLine, fileSha256, sha256 } from "./lines.mjs";
import { leafHash, merkleAccumulator, verifyConsistency, verifyInclusion } from "./merkle.mjs";
import { DOCUMENTS, STREAMED_VIEWS } from "./views.mjs";

export { verifyConsistency, verifyInclusion };

/** Node.js 18.3 brought util.parseArgs, the newest API these files use. */
export const MINIMUM_NODE = [18, 3];
const GENESIS = "0".repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
/** Files whose SHA-256 the signed statement cannot name: the one holding it, and the sums written after it. */
const AFTER_STATEMENT = ["checkpoint.json", "SHA256SUMS"];
const DERIVED = [...STREAMED_VIEWS, ...DOCUMENTS];

/** @typedef {{ check: string, ok: boolean, detail: string, warning?: boolean }} Result */
/** @typedef {(check: string, detail: string) => void} Report */

/** @param {string} folder @param {readonly string[]} held the checkpoints the reader kept, as size:root */
export async function checkBundle(folder, held = []) {
  /** @type {Result[]} */
  const results = [];
  /** @type {Report} */
  const pass = (check, detail) => void results.push({ check, ok: true, detail });
  /** @type {Report} */
  const fail = (check, detail) => void results.push({ check, ok: false, detail });
  /** @type {Report} */
  const warn = (check, detail) => void results.push({ check, ok: true, warning: true, detail });
  for (const name of ["manifest.json", "checkpoint.json", "public-key.pem"]) if (!existsSync(join(folder, name))) fail("files", name + " is missing");
  if (results.length > 0) return results;
  const manifest = readJson(join(folder, "manifest.json"));
  if (manifest === undefined) {
    fail("manifest", "manifest.json is not valid JSON");
    return results;
  }
  const statement = checkSignature(folder, manifest, pass, fail);
  const listed = listedFiles(statement, manifest);
  // The readable files are derived again in another thread while this one walks the chain.
  const views = listed.has("events.jsonl") && existsSync(join(folder, "events.jsonl")) ? deriveViews(folder, manifest, listed.has("context.jsonl")) : Promise.resolve({ verdicts: [] });
  /** @type {Map<string, Buffer>} */
  const digests = new Map();
  const chain = checkEvents(folder, manifest, pass, fail, digests);
  if (listed.has("context.jsonl")) checkContext(folder, manifest, pass, fail, digests);
  for (const name of [...listed.keys(), ...AFTER_STATEMENT]) {
    if (!digests.has(name) && !DERIVED.includes(name) && existsSync(join(folder, name)) && safeName(name)) digests.set(name, fileSha256(join(folder, name)));
  }
  const derived = await views;
  checkDerived(folder, derived, listed, pass, fail, digests);
  checkFiles(folder, listed, digests, pass, fail, warn);
  checkSums(folder, listed, digests, pass, fail);
  if (chain !== undefined) checkLog(manifest, chain, pass, fail);
  checkWitnessed(folder, manifest, chain, held, pass, fail);
  return results;
}

/** @param {string} path */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/** @param {string} name */
function safeName(name) {
  return !name.includes("/") && !name.includes("\\") && name !== "." && name !== "..";
}

/**
 * The files the signed statement names, with their SHA-256; without a valid statement, those
 * SHA256SUMS lists (so every other check still says what it finds).
 * @param {any} statement @param {any} manifest @returns {Map<string, string>}
 */
function listedFiles(statement, manifest) {
  const files = statement?.files ?? manifest.files;
  if (files !== null && typeof files === "object") return new Map(Object.entries(files).filter(([, hash]) => typeof hash === "string"));
  return new Map();
}

/** @param {string} folder @param {any} manifest @param {boolean} withContext @returns {Promise<{ verdicts: import("./check-views.mjs").ViewVerdict[], error?: string }>} */
function deriveViews(folder, manifest, withContext) {
  const facts = { chat: manifest.chat, period: manifest.period, createdAt: manifest.createdAt, defaultTimezone: manifest.defaultTimezone ?? "UTC" };
  const workerData = { role: "regbot-views", folder, facts, merkleRoot: String(manifest.merkle?.root), withContext };
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./check-views.mjs", import.meta.url), { workerData });
    /** @type {any} */
    let answer;
    worker.once("message", (message) => (answer = message));
    worker.once("error", (error) => (answer = { error: error.message }));
    worker.once("exit", () => resolve(answer?.verdicts ? answer : { verdicts: [], error: answer?.error ?? "the thread that derives the views stopped without an answer" }));
  });
}

/** The readable files must be exactly what the log gives. */
function checkDerived(/** @type {string} */ folder, /** @type {{ verdicts: import("./check-views.mjs").ViewVerdict[], error?: string }} */ derived, /** @type {Map<string, string>} */ listed, /** @type {Report} */ pass, /** @type {Report} */ fail, /** @type {Map<string, Buffer>} */ digests) {
  if (derived.error !== undefined) return fail("views", "the readable files could not be derived from events.jsonl: " + derived.error);
  let same = 0;
  for (const verdict of derived.verdicts) {
    if (!listed.has(verdict.name)) {
      fail("views", verdict.name + " is not named in the signed statement");
      continue;
    }
    if (verdict.missing) continue;
    if (verdict.sha256 !== undefined) {
      digests.set(verdict.name, Buffer.from(verdict.sha256, "hex"));
      same += 1;
      continue;
    }
    digests.set(verdict.name, fileSha256(join(folder, verdict.name)));
    fail("views", verdict.name + " is not what events.jsonl gives: it differs from byte " + verdict.differsAt + " on (a readable file was changed, or the log under it)");
  }
  if (same === DERIVED.length) pass("views", DERIVED.join(", ") + " are exactly what events.jsonl" + (listed.has("context.jsonl") ? " and context.jsonl" : "") + " give, byte for byte");
}

/** Every file the statement names is present with its SHA-256; files it does not name are only reported. */
function checkFiles(/** @type {string} */ folder, /** @type {Map<string, string>} */ listed, /** @type {Map<string, Buffer>} */ digests, /** @type {Report} */ pass, /** @type {Report} */ fail, /** @type {Report} */ warn) {
  let bad = 0;
  for (const [name, expected] of listed) {
    if (!safeName(name) || !existsSync(join(folder, name))) {
      bad += 1;
      fail("files", name + " is named in the signed statement but is not in the bundle");
      continue;
    }
    if (digests.get(name)?.toString("hex") !== expected) {
      bad += 1;
      fail("files", name + " does not match its SHA-256 in the signed statement");
    }
  }
  const known = new Set([...listed.keys(), ...AFTER_STATEMENT]);
  for (const name of readdirSync(folder)) if (!known.has(name)) warn("files", name + " is in the folder but not part of the bundle; it was not checked");
  if (listed.size === 0) fail("files", "the signed statement names no files");
  else if (bad === 0) pass("files", listed.size + " files match the SHA-256 the signed statement gives for each");
}

/** SHA256SUMS, for `sha256sum -c`: it must agree with the files. */
function checkSums(/** @type {string} */ folder, /** @type {Map<string, string>} */ listed, /** @type {Map<string, Buffer>} */ digests, /** @type {Report} */ pass, /** @type {Report} */ fail) {
  if (!existsSync(join(folder, "SHA256SUMS"))) return fail("sums", "SHA256SUMS is missing");
  const names = new Set();
  let bad = 0;
  const lines = readFileSync(join(folder, "SHA256SUMS"), "utf8").split("\n").filter((line) => line !== "");
  for (const [index, line] of lines.entries()) {
    const match = /^([0-9a-f]{64})  (.+)$/.exec(line);
    if (!match) {
      bad += 1;
      fail("sums", "SHA256SUMS line " + (index + 1) + " is malformed");
      continue;
    }
    const expected = match[1] ?? "";
    const name = match[2] ?? "";
    names.add(name);
    const digest = digests.get(name);
    if (digest === undefined) {
      bad += 1;
      fail("sums", "SHA256SUMS lists " + name + ", which is not in the bundle");
      continue;
    }
    if (digest.toString("hex") !== expected) {
      bad += 1;
      fail("sums", name + " does not match its SHA-256 in SHA256SUMS");
    }
  }
  for (const name of [...listed.keys(), "checkpoint.json"]) {
    if (!names.has(name)) {
      bad += 1;
      fail("sums", "SHA256SUMS does not list " + name);
    }
  }
  if (bad === 0) pass("sums", lines.length + " files match SHA256SUMS");
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
 * root and the signature catch, and the views, derived by parsing every line, fail.)
 * @param {Buffer} line
 */
function fieldsOf(line) {
  const at = line.lastIndexOf(PREV_KEY);
  const tail = at === -1 || line.length - at > 400 || !line.subarray(line.length - LINE_END.length).equals(LINE_END) ? null : TAIL.exec(line.toString("latin1", at));
  const head = tail === null ? null : HEAD.exec(line.toString("latin1", 0, 200));
  if (tail === null || head === null || head[1] === "checkpoint") return JSON.parse(line.toString("utf8"));
  return { seq: Number(tail[2]), prev: tail[1], kind: head[1] };
}

/**
 * The chain, the Merkle root and the checkpoint events of events.jsonl; its SHA-256 goes into digests.
 * @param {string} folder @param {any} manifest @param {Report} pass @param {Report} fail @param {Map<string, Buffer>} digests
 */
function checkEvents(folder, manifest, pass, fail, digests) {
  if (!existsSync(join(folder, "events.jsonl"))) return undefined;
  const before = manifest.headBefore ?? null;
  let expectedSeq = (before ? before.seq : 0) + 1;
  let previous = before ? before.hash : GENESIS;
  let count = 0;
  const tree = merkleAccumulator();
  // The whole log's tree from its first event: the events before this bundle enter as their complete subtrees.
  const prefix = expectedSeq === 1 && Array.isArray(manifest.log?.before) && manifest.log.before.length === 0 ? { tree } : resumedTree(expectedSeq - 1, manifest.log?.before);
  /** @type {Array<{ line: number, seq: number, size: number, root: string }>} */
  const checkpointEvents = [];
  /** @type {string | undefined} */
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
    const leafDigest = sha256(leaf);
    tree.addLeafHash(leafDigest);
    if (prefix.tree !== tree) prefix.tree?.addLeafHash(leafDigest);
    if (parsed.kind === "checkpoint") checkpointEvents.push({ line: count + 1, seq: parsed.seq, size: parsed.payload?.size, root: parsed.payload?.root });
    expectedSeq += 1;
    count += 1;
    return true;
  });
  if (fileDigest !== undefined) digests.set("events.jsonl", fileDigest);
  const head = manifest.head ?? null;
  if (broken === undefined && count !== manifest.eventCount) broken = "events.jsonl has " + count + " events, manifest.json says " + manifest.eventCount;
  if (broken === undefined && (head === null ? count !== 0 : head.seq !== expectedSeq - 1 || head.hash !== previous)) {
    broken = "the last event's hash differs from the head in manifest.json (the last event was changed or events were cut off)";
  }
  if (broken !== undefined) return void fail("chain", broken);
  pass("chain", count + " events recomputed from their bytes; head " + (head ? head.seq + " " + head.hash : "(none)"));
  const root = tree.root().toString("hex");
  if (tree.size !== manifest.merkle?.size || root !== manifest.merkle?.root) {
    return void fail("merkle", "the Merkle root of events.jsonl (" + tree.size + " leaves, " + root + ") differs from manifest.json");
  }
  pass("merkle", "RFC 6962 root over " + tree.size + " events: " + root);
  return { prefix: prefix.tree === undefined ? prefix : { size: prefix.tree.size, root: prefix.tree.root() }, checkpointEvents };
}

/**
 * context.jsonl: events from before a period that its views read (the rules, roles and runs in
 * force at its start), each shown by an RFC 9162 inclusion proof to be in the whole log.
 * @param {string} folder @param {any} manifest @param {Report} pass @param {Report} fail @param {Map<string, Buffer>} digests
 */
function checkContext(folder, manifest, pass, fail, digests) {
  const path = join(folder, "context.jsonl");
  if (!existsSync(path)) return;
  const proofs = Array.isArray(manifest.context?.proofs) ? manifest.context.proofs : [];
  const logRoot = typeof manifest.log?.root === "string" && HEX64.test(manifest.log.root) ? Buffer.from(manifest.log.root, "hex") : undefined;
  const firstExported = (manifest.headBefore?.seq ?? 0) + 1;
  /** What is wrong with a line of context.jsonl, if anything. @param {Buffer | null} line @param {number} index @param {number} lastSeq */
  const contextProblem = (line, index, lastSeq) => {
    if (line === null) return "context.jsonl does not end with a newline after its last line";
    const where = "context.jsonl line " + (index + 1);
    let seq;
    try {
      seq = fieldsOf(line).seq;
    } catch {
      return where + " is not valid JSON";
    }
    const proof = hashes(proofs[index]);
    if (!Number.isSafeInteger(seq) || seq <= lastSeq || seq >= firstExported) return where + " is not an event before the exported ones, in order";
    if (logRoot === undefined || proof === undefined || !verifyInclusion(seq - 1, manifest.log.size, leafHash(sha256(line)), proof, logRoot)) {
      return where + " (sequence " + seq + ") is not shown to be in the chat's log: its inclusion proof in manifest.json does not lead to log.root";
    }
    return undefined;
  };
  let count = 0;
  let lastSeq = 0;
  /** @type {string | undefined} */
  let broken;
  const digest = eachLine(path, (line) => {
    broken = contextProblem(line, count, lastSeq);
    if (broken !== undefined) return false;
    lastSeq = fieldsOf(/** @type {Buffer} */ (line)).seq;
    count += 1;
    return true;
  });
  if (digest !== undefined) digests.set("context.jsonl", digest);
  if (broken === undefined && count !== proofs.length) broken = "context.jsonl has " + count + " events, manifest.json proves " + proofs.length;
  if (broken !== undefined) return fail("context", broken);
  pass("context", count + " earlier events in context.jsonl are each proved to be in the chat's log");
}

/** @param {number} size @param {unknown} before */
function resumedTree(size, before) {
  const subtrees = hashes(before);
  if (subtrees === undefined) return { problem: "manifest.json's log.before is not a list of 64-hex hashes" };
  try {
    return { tree: merkleAccumulator({ size, subtrees }) };
  } catch (error) {
    return { problem: "manifest.json's log.before " + (error instanceof Error ? error.message : String(error)) };
  }
}

/** @param {string} folder @param {any} manifest @param {Report} pass @param {Report} fail @returns {any} the signed statement, when it verifies */
function checkSignature(folder, manifest, pass, fail) {
  const checkpoint = readJson(join(folder, "checkpoint.json"));
  if (checkpoint === undefined) return void fail("signature", "checkpoint.json is not valid JSON");
  let key;
  try {
    key = createPublicKey(readFileSync(join(folder, "public-key.pem")));
  } catch {
    return void fail("signature", "public-key.pem is not a valid public key");
  }
  const fingerprint = keyFingerprint(key);
  let valid = false;
  try {
    valid = typeof checkpoint.statement === "string" && verifySignature(null, Buffer.from(checkpoint.statement, "utf8"), key, Buffer.from(String(checkpoint.signature), "base64"));
  } catch {
    valid = false;
  }
  if (!valid) return void fail("signature", "the Ed25519 signature in checkpoint.json does not verify with public-key.pem");
  const statement = JSON.parse(checkpoint.statement);
  for (const field of ["chat", "period", "headBefore", "head", "eventCount", "merkle", "log"]) {
    if (sortedJson(statement[field] ?? null) !== sortedJson(manifest[field] ?? null)) {
      fail("signature", "the signed checkpoint's " + field + " differs from manifest.json");
      return statement;
    }
  }
  pass("signature", "checkpoint signed by the key with SHA-256 fingerprint " + fingerprint + "; it matches manifest.json and names every file with its SHA-256");
  return statement;
}

/** The SHA-256 of the key's DER bytes, as `openssl pkey -pubin -outform DER | sha256sum` prints it. @param {import("node:crypto").KeyObject} key */
export function keyFingerprint(key) {
  return sha256(/** @type {Buffer} */ (key.export({ type: "spki", format: "der" }))).toString("hex");
}

/** @param {unknown} list @returns {Buffer[] | undefined} */
function hashes(list) {
  return Array.isArray(list) && list.every((hash) => typeof hash === "string" && HEX64.test(hash)) ? list.map((hash) => Buffer.from(hash, "hex")) : undefined;
}

/**
 * The exported events (with the subtrees before them) must lead to the root of the whole log, which checkpoints are proved against.
 * @param {any} manifest @param {any} scan @param {Report} pass @param {Report} fail
 */
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
 * @param {string} folder @param {any} manifest @param {any} scan @param {readonly string[]} held @param {Report} pass @param {Report} fail
 */
function checkWitnessed(folder, manifest, scan, held, pass, fail) {
  const listed = readJson(join(folder, "checkpoints.json"))?.checkpoints;
  if (!Array.isArray(listed)) return fail("checkpoints", "checkpoints.json is missing, not valid JSON or has no list of checkpoints");
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

/** @param {any} checkpoint */
function describeListed(checkpoint) {
  const at = checkpoint?.posted ? "posted at " + checkpoint.posted.at : "recorded at " + checkpoint?.recorded_at + " (never posted)";
  return "checkpoint " + at + " (size " + checkpoint?.size + ", root " + checkpoint?.root + ")";
}

/** @param {unknown} value @returns {string} */
function sortedJson(value) {
  if (Array.isArray(value)) return "[" + value.map(sortedJson).join(",") + "]";
  if (value !== null && typeof value === "object") {
    return "{" + Object.keys(value).sort().map((key) => JSON.stringify(key) + ":" + sortedJson(/** @type {Record<string, unknown>} */ (value)[key])).join(",") + "}";
  }
  return JSON.stringify(value);
}

/** @param {string} folder @param {(line: string) => void} log @param {readonly string[]} held */
export async function main(folder, log = console.log, held = []) {
  /** @type {Result[]} */
  let results;
  try {
    results = await checkBundle(folder, held);
  } catch (error) {
    results = [{ check: "bundle", ok: false, detail: "could not be read: " + (error instanceof Error ? error.message : String(error)) }];
  }
  for (const result of results) log((result.warning ? "WARN  " : result.ok ? "OK    " : "FAIL  ") + result.check + ": " + result.detail);
  const failed = results.filter((result) => !result.ok).length;
  log(failed === 0 ? "bundle verified" : "bundle NOT verified: " + failed + " check(s) failed");
  return failed === 0 ? 0 : 1;
}

/** node verify.mjs [folder] [--checkpoint size:root ...] @param {string[]} args */
export function parseCommandLine(args) {
  const { values, positionals } = util.parseArgs({ args, options: { checkpoint: { type: "string", multiple: true } }, allowPositionals: true });
  return { folder: positionals[0], held: /** @type {string[]} */ (values.checkpoint ?? []) };
}

/** Why this Node.js cannot run the checks, if it cannot. @param {string} version */
export function tooOld(version) {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE;
  const recent = major > needMajor || (major === needMajor && minor >= needMinor);
  if (recent && typeof util.parseArgs === "function") return undefined;
  return "verify.mjs needs Node.js " + MINIMUM_NODE.join(".") + " or later; this is Node.js " + version + ". Install a current one from https://nodejs.org and run it again.";
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const old = tooOld(process.versions.node);
  if (old !== undefined) {
    console.error(old);
    process.exit(2);
  }
  let command;
  try {
    command = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error((error instanceof Error ? error.message : String(error)) + "\nusage: node verify.mjs [folder] [--checkpoint <size>:<root> ...]");
    process.exit(2);
  }
  process.exitCode = await main(command.folder ?? dirname(fileURLToPath(import.meta.url)), console.log, command.held);
}
