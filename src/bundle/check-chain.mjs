// @ts-check
/**
 * The half of verify.mjs's work that is hashing: the chain and the Merkle roots of events.jsonl,
 * context.jsonl's inclusion proofs, and the SHA-256 of every other file, each file read once.
 * It runs in a thread of its own while the main thread derives the readable files again.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { eachLine, fileSha256, sha256, sha256Hex } from "./lines.mjs";
import { leafHash, merkleAccumulator, verifyInclusion } from "./merkle.mjs";

/** @typedef {{ check: string, ok: boolean, detail: string }} Result */
/** @typedef {(check: string, detail: string) => void} Report */
/** @typedef {{ prefix: { size: number, root: string } | { problem: string }, checkpointEvents: Array<{ line: number, seq: number, size: number, root: string }> }} ChainScan */

const GENESIS = "0".repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * @param {string} folder @param {any} manifest @param {boolean} withContext @param {readonly string[]} names the other files to hash
 * @returns {{ results: Result[], digests: Record<string, string>, scan: ChainScan | undefined }}
 */
export function checkChain(folder, manifest, withContext, names) {
  /** @type {Result[]} */
  const results = [];
  /** @type {Report} */
  const pass = (check, detail) => void results.push({ check, ok: true, detail });
  /** @type {Report} */
  const fail = (check, detail) => void results.push({ check, ok: false, detail });
  /** @type {Map<string, Buffer>} */
  const digests = new Map();
  const scan = checkEvents(folder, manifest, pass, fail, digests);
  if (withContext) checkContext(folder, manifest, pass, fail, digests);
  for (const name of names)
    if (!digests.has(name) && existsSync(join(folder, name))) digests.set(name, fileSha256(join(folder, name)));
  const hex = Object.fromEntries([...digests].map(([name, digest]) => [name, digest.toString("hex")]));
  return { results, digests: hex, scan };
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
  const tail =
    at === -1 || line.length - at > 400 || !line.subarray(line.length - LINE_END.length).equals(LINE_END)
      ? null
      : TAIL.exec(line.toString("latin1", at));
  const head = tail === null ? null : HEAD.exec(line.toString("latin1", 0, 200));
  if (tail === null || head === null || head[1] === "checkpoint") return JSON.parse(line.toString("utf8"));
  return { seq: Number(tail[2]), prev: tail[1], kind: head[1] };
}

/**
 * The chain, the Merkle root and the checkpoint events of events.jsonl; its SHA-256 goes into
 * digests.
 * @param {string} folder @param {any} manifest @param {Report} pass @param {Report} fail @param {Map<string, Buffer>} digests
 * @returns {ChainScan | undefined}
 */
function checkEvents(folder, manifest, pass, fail, digests) {
  if (!existsSync(join(folder, "events.jsonl"))) return undefined;
  const before = manifest.headBefore ?? null;
  let expectedSeq = (before ? before.seq : 0) + 1;
  let previous = before ? before.hash : GENESIS;
  let count = 0;
  const tree = merkleAccumulator();
  // The whole log's tree from its first event: the events before this bundle enter as their complete subtrees.
  const prefix =
    expectedSeq === 1 && Array.isArray(manifest.log?.before) && manifest.log.before.length === 0
      ? { tree }
      : resumedTree(expectedSeq - 1, manifest.log?.before);
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
    const where = `events.jsonl line ${count + 1} (sequence ${expectedSeq})`;
    const hash = sha256Hex(line);
    let parsed;
    try {
      parsed = fieldsOf(line);
    } catch {
      broken = `${where} is not valid JSON`;
      return false;
    }
    if (parsed.seq !== expectedSeq) {
      broken = `${where} claims sequence ${parsed.seq}`;
      return false;
    }
    if (parsed.prev !== previous) {
      broken =
        where +
        (count === 0
          ? " does not point at headBefore in manifest.json"
          : ` does not point at the hash of line ${count} (that line was changed, or events were removed or reordered)`);
      return false;
    }
    previous = hash;
    leaf.write(hash, 1, "hex");
    const leafDigest = sha256(leaf);
    tree.addLeafHash(leafDigest);
    if (prefix.tree !== tree) prefix.tree?.addLeafHash(leafDigest);
    if (parsed.kind === "checkpoint")
      checkpointEvents.push({
        line: count + 1,
        seq: parsed.seq,
        size: parsed.payload?.size,
        root: parsed.payload?.root,
      });
    expectedSeq += 1;
    count += 1;
    return true;
  });
  if (fileDigest !== undefined) digests.set("events.jsonl", fileDigest);
  const head = manifest.head ?? null;
  if (broken === undefined && count !== manifest.eventCount)
    broken = `events.jsonl has ${count} events, manifest.json says ${manifest.eventCount}`;
  if (broken === undefined && (head === null ? count !== 0 : head.seq !== expectedSeq - 1 || head.hash !== previous)) {
    broken =
      "the last event's hash differs from the head in manifest.json (the last event was changed or events were cut off)";
  }
  if (broken !== undefined) return void fail("chain", broken);
  pass("chain", `${count} events recomputed from their bytes; head ${head ? `${head.seq} ${head.hash}` : "(none)"}`);
  const root = tree.root().toString("hex");
  if (tree.size !== manifest.merkle?.size || root !== manifest.merkle?.root) {
    return void fail(
      "merkle",
      `the Merkle root of events.jsonl (${tree.size} leaves, ${root}) differs from manifest.json`,
    );
  }
  pass("merkle", `RFC 6962 root over ${tree.size} events: ${root}`);
  return {
    prefix:
      prefix.tree === undefined
        ? /** @type {{ problem: string }} */ (prefix)
        : { size: prefix.tree.size, root: prefix.tree.root().toString("hex") },
    checkpointEvents,
  };
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
  const logRoot =
    typeof manifest.log?.root === "string" && HEX64.test(manifest.log.root)
      ? Buffer.from(manifest.log.root, "hex")
      : undefined;
  const firstExported = (manifest.headBefore?.seq ?? 0) + 1;
  /** What is wrong with a line of context.jsonl, if anything. @param {Buffer | null} line @param {number} index @param {number} lastSeq */
  const contextProblem = (line, index, lastSeq) => {
    if (line === null) return "context.jsonl does not end with a newline after its last line";
    const where = `context.jsonl line ${index + 1}`;
    let seq;
    try {
      seq = fieldsOf(line).seq;
    } catch {
      return `${where} is not valid JSON`;
    }
    const proof = hashes(proofs[index]);
    if (!Number.isSafeInteger(seq) || seq <= lastSeq || seq >= firstExported)
      return `${where} is not an event before the exported ones, in order`;
    if (
      logRoot === undefined ||
      proof === undefined ||
      !verifyInclusion(seq - 1, manifest.log.size, leafHash(sha256(line)), proof, logRoot)
    ) {
      return `${where} (sequence ${seq}) is not shown to be in the chat's log: its inclusion proof in manifest.json does not lead to log.root`;
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
  if (broken === undefined && count !== proofs.length)
    broken = `context.jsonl has ${count} events, manifest.json proves ${proofs.length}`;
  if (broken !== undefined) return fail("context", broken);
  pass("context", `${count} earlier events in context.jsonl are each proved to be in the chat's log`);
}

/** @param {number} size @param {unknown} before */
function resumedTree(size, before) {
  const subtrees = hashes(before);
  if (subtrees === undefined) return { problem: "manifest.json's log.before is not a list of 64-hex hashes" };
  try {
    return { tree: merkleAccumulator({ size, subtrees }) };
  } catch (error) {
    return { problem: `manifest.json's log.before ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** @param {unknown} list @returns {Buffer[] | undefined} */
export function hashes(list) {
  return Array.isArray(list) && list.every((hash) => typeof hash === "string" && HEX64.test(hash))
    ? list.map((hash) => Buffer.from(hash, "hex"))
    : undefined;
}

if (!isMainThread && workerData?.role === "regbot-chain") {
  const { folder, manifest, withContext, names } = workerData;
  try {
    parentPort?.postMessage(checkChain(folder, manifest, withContext, names));
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
