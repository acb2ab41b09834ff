// @ts-check
/** Reading a bundle's large files in chunks, line by line, each byte read once. */
import * as crypto from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

const CHUNK = 1 << 20;
const { createHash } = crypto;
// One-shot hashing (Node 20.12 and later) costs far less than a Hash object per line.
export const sha256 = typeof crypto.hash === "function" ? (/** @type {Buffer} */ bytes) => crypto.hash("sha256", bytes, "buffer") : (/** @type {Buffer} */ bytes) => createHash("sha256").update(bytes).digest();

/** Reads a file in chunks into one reused buffer: a large file never sits in memory whole. @param {string} path @param {(chunk: Buffer) => void} onChunk */
export function eachChunk(path, onChunk) {
  const descriptor = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let read = readSync(descriptor, buffer, 0, CHUNK, null); read > 0; read = readSync(descriptor, buffer, 0, CHUNK, null)) onChunk(buffer.subarray(0, read));
  } finally {
    closeSync(descriptor);
  }
}

/** @param {string} path */
export function fileSha256(path) {
  const hash = createHash("sha256");
  eachChunk(path, (chunk) => hash.update(chunk));
  return hash.digest();
}

/**
 * Calls onLine with each line's bytes (a view valid during the call; null for a last line without
 * its newline) until it returns false, and gives the whole file's SHA-256 when `hashed`.
 * @param {string} path @param {(line: Buffer | null) => boolean | void} onLine @param {boolean} hashed
 */
export function eachLine(path, onLine, hashed = true) {
  const file = hashed ? createHash("sha256") : undefined;
  let wanted = true;
  let rest = Buffer.alloc(0);
  eachChunk(path, (chunk) => {
    file?.update(chunk);
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
  return file?.digest();
}

const HEAD = /^\{"at":"[^"\\]*","chat":-?[0-9]+,"kind":"([^"\\]*)",/;

/** An event line's kind, read from its first bytes (regbot writes canonical JSON: at, chat, kind, …); undefined for another shape. @param {Buffer} line */
export function kindOf(line) {
  return HEAD.exec(line.toString("latin1", 0, 200))?.[1];
}

/**
 * A file compared with the bytes it should hold, given piece by piece: it is read once, hashed on
 * the way, and the first difference is kept.
 */
export class ExpectedFile {
  /** @param {string} path */
  constructor(path) {
    this.descriptor = openSync(path, "r");
    this.hash = createHash("sha256");
    /** @type {string[]} */
    this.batch = [];
    this.batched = 0;
    this.offset = 0;
    /** @type {number | undefined} the first byte that differs */
    this.differsAt = undefined;
  }

  /** @param {string} piece */
  push(piece) {
    if (piece === "" || this.differsAt !== undefined) return;
    this.batch.push(piece);
    this.batched += piece.length;
    if (this.batched >= 1 << 16) this.flush();
  }

  flush() {
    const expected = Buffer.from(this.batch.join(""), "utf8");
    this.batch = [];
    this.batched = 0;
    const actual = Buffer.allocUnsafe(expected.length);
    const read = readFully(this.descriptor, actual);
    this.hash.update(actual.subarray(0, read));
    if (read === expected.length && actual.equals(expected)) {
      this.offset += read;
      return;
    }
    let index = 0;
    while (index < read && actual[index] === expected[index]) index += 1;
    this.differsAt = this.offset + index;
  }

  /** The file's SHA-256 when it holds exactly the expected bytes; otherwise where it differs. */
  end() {
    if (this.differsAt === undefined && this.batched > 0) this.flush();
    if (this.differsAt === undefined && readSync(this.descriptor, Buffer.alloc(1), 0, 1, null) > 0) this.differsAt = this.offset;
    closeSync(this.descriptor);
    return this.differsAt === undefined ? { sha256: this.hash.digest("hex") } : { differsAt: this.differsAt };
  }
}

/** @param {number} descriptor @param {Buffer} buffer */
function readFully(descriptor, buffer) {
  let total = 0;
  while (total < buffer.length) {
    const read = readSync(descriptor, buffer, total, buffer.length - total, null);
    if (read === 0) break;
    total += read;
  }
  return total;
}
