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
const SEQ_KEY = Buffer.from('","seq":', "latin1");
const SOURCE_KEY = Buffer.from(',"source":"', "latin1");
const LINE_END = Buffer.from('","v":1}', "latin1");
const AT_KEY = Buffer.from('{"at":"', "latin1");
const CHAT_KEY = Buffer.from('","chat":', "latin1");
const KIND_KEY = Buffer.from(',"kind":"', "latin1");
const CHECKPOINT_KIND = Buffer.from('checkpoint"', "latin1");
const [QUOTE, BACKSLASH, MINUS, COMMA, ZERO, NINE] = [34, 92, 45, 44, 48, 57];

/**
 * Where prev's 64 hex digits start in a line as regbot writes it (canonical JSON: at, chat, kind,
 * payload, prev, seq, source, v), found from the line's two ends without parsing the payload
 * between; -1 for a line of any other shape, and for a checkpoint, whose payload is needed. In
 * valid JSON a quote inside a string is escaped, so text inside the payload or the source can
 * never hold the unescaped quotes these checks need; a line of any other shape is parsed whole.
 * (A line that is not JSON at all yet passes here still changes its hash, which the chain, the
 * Merkle root and the signature catch, and the views, derived by parsing every line, fail.)
 * Byte by byte, without a regular expression or a string: this runs once per event.
 * @param {Buffer} line
 */
function prevOffset(line) {
  const end = line.length - LINE_END.length;
  if (end < 0 || !holds(line, LINE_END, end)) return -1;
  const at = line.lastIndexOf(PREV_KEY, end);
  if (at === -1 || line.length - at > 400) return -1;
  const prev = at + PREV_KEY.length;
  let index = prev + 64;
  if (!holds(line, SEQ_KEY, index)) return -1;
  index += SEQ_KEY.length;
  const digits = index;
  if (!isDigit(line[index]) || line[index] === ZERO) return -1;
  for (index += 1; isDigit(line[index]); index += 1);
  if (index - digits > 16 || !holds(line, SOURCE_KEY, index)) return -1;
  for (index += SOURCE_KEY.length; index < end; index += 1) {
    if (line[index] === QUOTE) return -1;
    if (line[index] === BACKSLASH) index += 1;
  }
  // A backslash just before the end would escape the source's closing quote.
  if (index !== end || !holds(line, AT_KEY, 0)) return -1;
  for (index = AT_KEY.length; index < 200 && line[index] !== QUOTE && line[index] !== BACKSLASH; index += 1);
  if (!holds(line, CHAT_KEY, index)) return -1;
  index += CHAT_KEY.length;
  if (line[index] === MINUS) index += 1;
  const chat = index;
  for (; isDigit(line[index]); index += 1);
  if (index === chat || !holds(line, KIND_KEY, index)) return -1;
  index += KIND_KEY.length;
  if (holds(line, CHECKPOINT_KIND, index)) return -1;
  for (; index < 200 && line[index] !== QUOTE && line[index] !== BACKSLASH; index += 1);
  return line[index] === QUOTE && line[index + 1] === COMMA ? prev : -1;
}

/** @param {number | undefined} byte */
function isDigit(byte) {
  return byte !== undefined && byte >= ZERO && byte <= NINE;
}

/** @param {Buffer} line @param {Buffer} part @param {number} at */
function holds(line, part, at) {
  if (at + part.length > line.length) return false;
  // A loop beats Buffer#compare's range checks for a few bytes.
  for (let index = 0; index < part.length; index += 1) if (line[at + index] !== part[index]) return false;
  return true;
}

/** Whether the line names this hash as prev. @param {Buffer} line @param {number} prev @param {string} hash */
function names(line, prev, hash) {
  if (typeof hash !== "string" || hash.length !== 64) return false;
  for (let index = 0; index < 64; index += 1) if (line[prev + index] !== hash.charCodeAt(index)) return false;
  return true;
}

/** The seq written after prev's digits, in a line prevOffset read. @param {Buffer} line @param {number} prev */
function seqAfter(line, prev) {
  let seq = 0;
  for (let index = prev + 64 + SEQ_KEY.length; isDigit(line[index]); index += 1)
    seq = seq * 10 + /** @type {number} */ (line[index]) - ZERO;
  return seq;
}

/** seq of a line of either shape. @param {Buffer} line */
function seqOf(line) {
  const prev = prevOffset(line);
  return prev === -1 ? JSON.parse(line.toString("utf8")).seq : seqAfter(line, prev);
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
    const where = () => `events.jsonl line ${count + 1} (sequence ${expectedSeq})`;
    const hash = sha256Hex(line);
    const prev = prevOffset(line);
    /** @type {any} */
    let parsed;
    if (prev === -1) {
      try {
        parsed = JSON.parse(line.toString("utf8"));
      } catch {
        broken = `${where()} is not valid JSON`;
        return false;
      }
    }
    const seq = parsed === undefined ? seqAfter(line, prev) : parsed.seq;
    if (seq !== expectedSeq) {
      broken = `${where()} claims sequence ${seq}`;
      return false;
    }
    if (parsed === undefined ? !names(line, prev, previous) : parsed.prev !== previous) {
      broken =
        where() +
        (count === 0
          ? " does not point at headBefore in manifest.json"
          : ` does not point at the hash of line ${count} (that line was changed, or events were removed or reordered)`);
      return false;
    }
    previous = hash;
    leaf.write(hash, 1, "hex");
    const leafDigest = sha256Hex(leaf);
    tree.addLeafHash(leafDigest);
    if (prefix.tree !== tree) prefix.tree?.addLeafHash(leafDigest);
    if (parsed?.kind === "checkpoint")
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
      seq = seqOf(line);
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
    lastSeq = seqOf(/** @type {Buffer} */ (line));
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
