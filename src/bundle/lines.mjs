// @ts-check
/** Reading a bundle's large files in chunks, line by line, each byte read once. */
import * as crypto from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

const CHUNK = 1 << 20;
const { createHash } = crypto;
// One-shot hashing (Node 20.12 and later) costs far less than a Hash object per line, and its
// hex answer a third of its Buffer answer (Node 20 makes that Buffer slowly).
export const sha256Hex =
  typeof crypto.hash === "function"
    ? (/** @type {Buffer} */ bytes) => crypto.hash("sha256", bytes)
    : (/** @type {Buffer} */ bytes) => createHash("sha256").update(bytes).digest("hex");
/** @param {Buffer} bytes */
export const sha256 = (bytes) => Buffer.from(sha256Hex(bytes), "hex");

/** Reads a file in chunks into one reused buffer: a large file never sits in memory whole. @param {string} path @param {(chunk: Buffer) => void} onChunk */
export function eachChunk(path, onChunk) {
  const descriptor = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (
      let read = readSync(descriptor, buffer, 0, CHUNK, null);
      read > 0;
      read = readSync(descriptor, buffer, 0, CHUNK, null)
    )
      onChunk(buffer.subarray(0, read));
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

const KIND_KEY = Buffer.from(',"kind":"', "latin1");

/**
 * An event line's kind, read from its first bytes without decoding it (regbot writes canonical
 * JSON: at, chat, kind, …, so the first `,"kind":"` is the line's own); undefined for another shape.
 * @param {Buffer} line
 */
export function kindOf(line) {
  const key = line.indexOf(KIND_KEY);
  if (key === -1 || key > 120) return undefined;
  const start = key + KIND_KEY.length;
  const end = line.indexOf(34, start);
  return end === -1 || end - start > 40 ? undefined : line.toString("latin1", start, end);
}

/**
 * A file compared with the bytes it should hold, given piece by piece as text: each piece is
 * encoded into one reused buffer and compared with the file's next bytes; the first difference
 * is kept. (The thread that hashes hashes this file too.)
 */
export class ExpectedFile {
  /** @param {string} path */
  constructor(path) {
    this.descriptor = openSync(path, "r");
    this.expected = Buffer.allocUnsafe(1 << 18);
    this.actual = Buffer.allocUnsafe(1 << 18);
    this.used = 0;
    this.offset = 0;
    /** @type {number | undefined} the first byte that differs */
    this.differsAt = undefined;
  }

  /** @param {string} piece */
  push(piece) {
    if (piece === "" || this.differsAt !== undefined) return;
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + piece.length * 3 > this.expected.length) {
      this.flush();
      if (piece.length * 3 > this.expected.length) return this.compare(Buffer.from(piece, "utf8"));
    }
    this.used += this.expected.write(piece, this.used);
  }

  flush() {
    if (this.used === 0 || this.differsAt !== undefined) return;
    const used = this.used;
    this.used = 0;
    this.compare(this.expected.subarray(0, used));
  }

  /** @param {Buffer} expected */
  compare(expected) {
    if (this.actual.length < expected.length) this.actual = Buffer.allocUnsafe(expected.length);
    const actual = this.actual.subarray(0, readFully(this.descriptor, this.actual.subarray(0, expected.length)));
    if (actual.equals(expected)) {
      this.offset += actual.length;
      return;
    }
    let index = 0;
    while (index < actual.length && actual[index] === expected[index]) index += 1;
    this.differsAt = this.offset + index;
  }

  /** Whether the file holds exactly the expected bytes; where it differs if not. */
  end() {
    this.flush();
    if (this.differsAt === undefined && readSync(this.descriptor, Buffer.alloc(1), 0, 1, null) > 0)
      this.differsAt = this.offset;
    closeSync(this.descriptor);
    return this.differsAt === undefined ? { same: true } : { differsAt: this.differsAt };
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
