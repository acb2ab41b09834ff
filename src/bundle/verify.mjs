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
import { hashes } from "./check-chain.mjs";
import { sha256 } from "./lines.mjs";
import { verifyConsistency, verifyInclusion } from "./merkle.mjs";
import { checkViews } from "./check-views.mjs";
import { DOCUMENTS, STREAMED_VIEWS } from "./views.mjs";

export { verifyConsistency, verifyInclusion };

/** Node.js 18.3 brought util.parseArgs, the newest API these files use. */
export const MINIMUM_NODE = [18, 3];
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
  for (const name of ["manifest.json", "checkpoint.json", "public-key.pem"])
    if (!existsSync(join(folder, name))) fail("files", `${name} is missing`);
  if (results.length > 0) return results;
  const manifest = readJson(join(folder, "manifest.json"));
  if (manifest === undefined) {
    fail("manifest", "manifest.json is not valid JSON");
    return results;
  }
  const statement = checkSignature(folder, manifest, pass, fail);
  const listed = listedFiles(statement, manifest);
  // The hashing (the chain, the roots, every file's SHA-256) runs in another thread while this
  // one derives the readable files again from the same lines: each side reads each byte once.
  const withContext = listed.has("context.jsonl");
  const toHash = [...listed.keys(), ...AFTER_STATEMENT].filter((name) => safeName(name));
  const hashing = inThread("./check-chain.mjs", { role: "regbot-chain", folder, manifest, withContext, names: toHash });
  const derived =
    listed.has("events.jsonl") && existsSync(join(folder, "events.jsonl"))
      ? deriveViews(folder, manifest, withContext)
      : { verdicts: [] };
  /** @type {{ results?: Result[], digests?: Record<string, string>, scan?: import("./check-chain.mjs").ChainScan, error?: string }} */
  const hashed = await hashing;
  if (hashed.error !== undefined) fail("chain", `events.jsonl could not be read: ${hashed.error}`);
  results.push(...(hashed.results ?? []));
  const digests = new Map(Object.entries(hashed.digests ?? {}).map(([name, hex]) => [name, Buffer.from(hex, "hex")]));
  const chain = hashed.scan;
  checkDerived(derived, listed, pass, fail);
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
  if (files !== null && typeof files === "object")
    return new Map(Object.entries(files).filter(([, hash]) => typeof hash === "string"));
  return new Map();
}

/** What the readable files name beside the log: the signed facts of manifest.json. @param {any} manifest */
function factsOf(manifest) {
  return {
    chat: manifest.chat,
    period: manifest.period,
    createdAt: manifest.createdAt,
    defaultTimezone: manifest.defaultTimezone ?? "UTC",
  };
}

/** The readable files derived again, each compared byte for byte; the first failure to derive is reported. @param {string} folder @param {any} manifest @param {boolean} withContext */
function deriveViews(folder, manifest, withContext) {
  try {
    return { verdicts: checkViews([folder, factsOf(manifest), withContext, "all"], String(manifest.merkle?.root)) };
  } catch (error) {
    return { verdicts: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs a module of this folder as a thread with this data, and gives what it answers. @param {string} module @param {object} workerData @returns {Promise<any>} */
function inThread(module, workerData) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(module, import.meta.url), { workerData });
    /** @type {any} */
    let answer;
    worker.once("message", (message) => {
      answer = message;
    });
    worker.once("error", (error) => {
      answer = { error: error.message };
    });
    worker.once("exit", () => resolve(answer ?? { error: "the thread stopped without an answer" }));
  });
}

/** The readable files must be exactly what the log gives. */
function checkDerived(
  /** @type {{ verdicts: import("./check-views.mjs").ViewVerdict[], error?: string }} */ derived,
  /** @type {Map<string, string>} */ listed,
  /** @type {Report} */ pass,
  /** @type {Report} */ fail,
) {
  if (derived.error !== undefined)
    return fail("views", `the readable files could not be derived from events.jsonl: ${derived.error}`);
  let same = 0;
  for (const verdict of derived.verdicts) {
    if (!listed.has(verdict.name)) {
      fail("views", `${verdict.name} is not named in the signed statement`);
      continue;
    }
    if (verdict.missing) continue;
    if (verdict.same) {
      same += 1;
      continue;
    }
    fail(
      "views",
      `${verdict.name} is not what events.jsonl gives: it differs from byte ${verdict.differsAt} on (a readable file was changed, or the log under it)`,
    );
  }
  if (same === DERIVED.length)
    pass(
      "views",
      `${DERIVED.join(", ")} are exactly what events.jsonl${listed.has("context.jsonl") ? " and context.jsonl" : ""} give, byte for byte`,
    );
}

/** Every file the statement names is present with its SHA-256; files it does not name are only reported. */
function checkFiles(
  /** @type {string} */ folder,
  /** @type {Map<string, string>} */ listed,
  /** @type {Map<string, Buffer>} */ digests,
  /** @type {Report} */ pass,
  /** @type {Report} */ fail,
  /** @type {Report} */ warn,
) {
  let bad = 0;
  for (const [name, expected] of listed) {
    if (!safeName(name) || !existsSync(join(folder, name))) {
      bad += 1;
      fail("files", `${name} is named in the signed statement but is not in the bundle`);
      continue;
    }
    if (digests.get(name)?.toString("hex") !== expected) {
      bad += 1;
      fail("files", `${name} does not match its SHA-256 in the signed statement`);
    }
  }
  const known = new Set([...listed.keys(), ...AFTER_STATEMENT]);
  for (const name of readdirSync(folder))
    if (!known.has(name)) warn("files", `${name} is in the folder but not part of the bundle; it was not checked`);
  if (listed.size === 0) fail("files", "the signed statement names no files");
  else if (bad === 0) pass("files", `${listed.size} files match the SHA-256 the signed statement gives for each`);
}

/** SHA256SUMS, for `sha256sum -c`: it must agree with the files. */
function checkSums(
  /** @type {string} */ folder,
  /** @type {Map<string, string>} */ listed,
  /** @type {Map<string, Buffer>} */ digests,
  /** @type {Report} */ pass,
  /** @type {Report} */ fail,
) {
  if (!existsSync(join(folder, "SHA256SUMS"))) return fail("sums", "SHA256SUMS is missing");
  const names = new Set();
  let bad = 0;
  const lines = readFileSync(join(folder, "SHA256SUMS"), "utf8")
    .split("\n")
    .filter((line) => line !== "");
  for (const [index, line] of lines.entries()) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) {
      bad += 1;
      fail("sums", `SHA256SUMS line ${index + 1} is malformed`);
      continue;
    }
    const expected = match[1] ?? "";
    const name = match[2] ?? "";
    names.add(name);
    const digest = digests.get(name);
    if (digest === undefined) {
      bad += 1;
      fail("sums", `SHA256SUMS lists ${name}, which is not in the bundle`);
      continue;
    }
    if (digest.toString("hex") !== expected) {
      bad += 1;
      fail("sums", `${name} does not match its SHA-256 in SHA256SUMS`);
    }
  }
  for (const name of [...listed.keys(), "checkpoint.json"]) {
    if (!names.has(name)) {
      bad += 1;
      fail("sums", `SHA256SUMS does not list ${name}`);
    }
  }
  if (bad === 0) pass("sums", `${lines.length} files match SHA256SUMS`);
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
    valid =
      typeof checkpoint.statement === "string" &&
      verifySignature(
        null,
        Buffer.from(checkpoint.statement, "utf8"),
        key,
        Buffer.from(String(checkpoint.signature), "base64"),
      );
  } catch {
    valid = false;
  }
  if (!valid)
    return void fail("signature", "the Ed25519 signature in checkpoint.json does not verify with public-key.pem");
  const statement = JSON.parse(checkpoint.statement);
  for (const field of ["chat", "period", "headBefore", "head", "eventCount", "merkle", "log"]) {
    if (sortedJson(statement[field] ?? null) !== sortedJson(manifest[field] ?? null)) {
      fail("signature", `the signed checkpoint's ${field} differs from manifest.json`);
      return statement;
    }
  }
  pass(
    "signature",
    `checkpoint signed by the key with SHA-256 fingerprint ${fingerprint}; it matches manifest.json and names every file with its SHA-256`,
  );
  return statement;
}

/** The SHA-256 of the key's DER bytes, as `openssl pkey -pubin -outform DER | sha256sum` prints it. @param {import("node:crypto").KeyObject} key */
export function keyFingerprint(key) {
  return sha256(/** @type {Buffer} */ (key.export({ type: "spki", format: "der" }))).toString("hex");
}

/**
 * The exported events (with the subtrees before them) must lead to the root of the whole log, which checkpoints are proved against.
 * @param {any} manifest @param {any} scan @param {Report} pass @param {Report} fail
 */
function checkLog(manifest, scan, pass, fail) {
  const { size, root, proof: proofHex } = manifest.log ?? {};
  const proof = hashes(proofHex);
  if (!Number.isSafeInteger(size) || typeof root !== "string" || !HEX64.test(root) || proof === undefined)
    return fail("log", "manifest.json's log is not { size, root, before, proof } with 64-hex hashes");
  const { prefix } = scan;
  if (prefix.problem !== undefined) return fail("log", prefix.problem);
  if (prefix.size === 0) {
    if (proof.length === 0) return pass("log", `no event is exported; the whole log had ${size} events, root ${root}`);
    return fail("log", "manifest.json's log.proof should be empty when no event is exported");
  }
  if (!verifyConsistency(prefix.size, size, Buffer.from(prefix.root, "hex"), Buffer.from(root, "hex"), proof)) {
    return fail(
      "log",
      `the first ${prefix.size} events of the log (those before and in events.jsonl) do not lead to the whole log's root in manifest.json (${size} events, ${root})`,
    );
  }
  pass("log", `events.jsonl is part of the chat's whole log as exported: ${size} events, root ${root}`);
}

/**
 * The checkpoints regbot posted in the chat, each proved consistent with the whole log's root,
 * and those the reader kept (--checkpoint size:root), which must be among them.
 * @param {string} folder @param {any} manifest @param {any} scan @param {readonly string[]} held @param {Report} pass @param {Report} fail
 */
function checkWitnessed(folder, manifest, scan, held, pass, fail) {
  const listed = readJson(join(folder, "checkpoints.json"))?.checkpoints;
  if (!Array.isArray(listed))
    return fail("checkpoints", "checkpoints.json is missing, not valid JSON or has no list of checkpoints");
  const log = manifest.log ?? {};
  const logRoot = typeof log.root === "string" && HEX64.test(log.root) ? Buffer.from(log.root, "hex") : undefined;
  const consistent = new Set();
  for (const checkpoint of listed) {
    const name = describeListed(checkpoint);
    const proof = hashes(checkpoint?.proof);
    const root =
      typeof checkpoint?.root === "string" && HEX64.test(checkpoint.root)
        ? Buffer.from(checkpoint.root, "hex")
        : undefined;
    if (
      logRoot === undefined ||
      root === undefined ||
      proof === undefined ||
      !verifyConsistency(checkpoint.size, log.size, root, logRoot, proof)
    ) {
      fail("checkpoint", `${name} is not consistent with the exported log`);
      continue;
    }
    consistent.add(`${checkpoint.size}:${checkpoint.root}`);
    pass("checkpoint", `${name} is consistent with the exported log`);
  }
  if (listed.length === 0)
    pass(
      "checkpoints",
      "none was posted in the chat before this export, so nothing here guards against whoever holds the signing key",
    );
  for (const event of scan?.checkpointEvents ?? []) {
    if (
      !listed.some(
        (checkpoint) =>
          checkpoint?.seq === event.seq && checkpoint.size === event.size && checkpoint.root === event.root,
      )
    ) {
      fail(
        "checkpoints",
        `events.jsonl line ${event.line} records a checkpoint (size ${event.size}, root ${event.root}) that checkpoints.json does not list`,
      );
    }
  }
  for (const text of held) {
    const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
    if (!match) {
      fail(
        "kept",
        `--checkpoint ${text} is not like 1234:3f2a... (the last line of a checkpoint message: size, a colon, the 64-character root)`,
      );
      continue;
    }
    const [, size, root] = match;
    const name = `the checkpoint you kept (size ${size}, root ${root})`;
    if (Number(size) > log.size)
      fail("kept", `${name} is newer than this export (${log.size} events): check it against a later export`);
    else if (consistent.has(`${Number(size)}:${root}`))
      pass("kept", `${name} is listed and consistent with the exported log`);
    else
      fail(
        "kept",
        `${name} is not among the consistent checkpoints in checkpoints.json: this bundle does not extend the log you were shown`,
      );
  }
}

/** @param {any} checkpoint */
function describeListed(checkpoint) {
  const at = checkpoint?.posted
    ? `posted at ${checkpoint.posted.at}`
    : `recorded at ${checkpoint?.recorded_at} (never posted)`;
  return `checkpoint ${at} (size ${checkpoint?.size}, root ${checkpoint?.root})`;
}

/** @param {unknown} value @returns {string} */
function sortedJson(value) {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson(/** @type {Record<string, unknown>} */ (value)[key])}`)
      .join(",")}}`;
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
    results = [
      {
        check: "bundle",
        ok: false,
        detail: `could not be read: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  for (const result of results)
    log(`${(result.warning ? "WARN  " : result.ok ? "OK    " : "FAIL  ") + result.check}: ${result.detail}`);
  const failed = results.filter((result) => !result.ok).length;
  log(failed === 0 ? "bundle verified" : `bundle NOT verified: ${failed} check(s) failed`);
  return failed === 0 ? 0 : 1;
}

/** node verify.mjs [folder] [--checkpoint size:root ...] @param {string[]} args */
export function parseCommandLine(args) {
  const { values, positionals } = util.parseArgs({
    args,
    options: { checkpoint: { type: "string", multiple: true } },
    allowPositionals: true,
  });
  return { folder: positionals[0], held: /** @type {string[]} */ (values.checkpoint ?? []) };
}

/** Why this Node.js cannot run the checks, if it cannot. @param {string} version */
export function tooOld(version) {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE;
  const recent = major > needMajor || (major === needMajor && minor >= needMinor);
  if (recent && typeof util.parseArgs === "function") return undefined;
  return `verify.mjs needs Node.js ${MINIMUM_NODE.join(".")} or later; this is Node.js ${version}. Install a current one from https://nodejs.org and run it again.`;
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
    console.error(
      `${error instanceof Error ? error.message : String(error)}\nusage: node verify.mjs [folder] [--checkpoint <size>:<root> ...]`,
    );
    process.exit(2);
  }
  process.exitCode = await main(command.folder ?? dirname(fileURLToPath(import.meta.url)), console.log, command.held);
}
