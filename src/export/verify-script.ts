/**
 * The source of `verify.mjs`, the checker shipped in every bundle: Node.js standard library
 * only, so the other party can run it without installing regbot. `npm run verify-bundle` runs
 * this same source (imported from a data: URL), so the two can never disagree.
 * It is kept as text because the build compiles TypeScript only; no backticks or dollar-brace inside.
 */
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env node
// Checks a regbot dispute bundle offline with Node.js alone (18 or later).
// Run it inside the unpacked folder: node verify.mjs   (or: node verify.mjs <folder>)
// Exit code 0 when every check passes, 1 when any fails; each failure names its file and check.
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GENESIS = "0".repeat(64);
const REQUIRED = ["events.jsonl", "manifest.json", "checkpoint.json", "public-key.pem", "SHA256SUMS"];

export async function checkBundle(folder) {
  const results = [];
  const pass = (check, detail) => results.push({ check, ok: true, detail });
  const fail = (check, detail) => results.push({ check, ok: false, detail });
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
  await checkEvents(folder, manifest, pass, fail);
  checkCheckpoint(folder, manifest, pass, fail);
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
}

function merkleAccumulator() {
  const stack = [];
  let size = 0;
  const node = (left, right) => createHash("sha256").update(Buffer.of(1)).update(left).update(right).digest();
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
  for (const field of ["chat", "period", "headBefore", "head", "eventCount", "merkle"]) {
    if (sortedJson(statement[field] ?? null) !== sortedJson(manifest[field] ?? null)) {
      return fail("signature", "the signed checkpoint's " + field + " differs from manifest.json");
    }
  }
  pass("signature", "checkpoint signed by the key with SHA-256 fingerprint " + fingerprint + "; it matches manifest.json");
}

function sortedJson(value) {
  if (Array.isArray(value)) return "[" + value.map(sortedJson).join(",") + "]";
  if (value !== null && typeof value === "object") {
    return "{" + Object.keys(value).sort().map((key) => JSON.stringify(key) + ":" + sortedJson(value[key])).join(",") + "}";
  }
  return JSON.stringify(value);
}

export async function main(folder, log = console.log) {
  let results;
  try {
    results = await checkBundle(folder);
  } catch (error) {
    results = [{ check: "bundle", ok: false, detail: "could not be read: " + (error instanceof Error ? error.message : String(error)) }];
  }
  for (const result of results) log((result.ok ? "OK    " : "FAIL  ") + result.check + ": " + result.detail);
  const failed = results.filter((result) => !result.ok).length;
  log(failed === 0 ? "bundle verified" : "bundle NOT verified: " + failed + " check(s) failed");
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));
}
`;

/** Loads the checker from its source, for `npm run verify-bundle`. */
export async function loadBundleChecker(): Promise<{ main(folder: string, log?: (line: string) => void): Promise<number> }> {
  return import(`data:text/javascript;base64,${Buffer.from(VERIFY_SCRIPT, "utf8").toString("base64")}`);
}
