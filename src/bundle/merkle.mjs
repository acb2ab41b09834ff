// @ts-check
/** RFC 6962 / RFC 9162 Merkle tree hashes and proofs over SHA-256, for the bundle's checker. */
import { createHash } from "node:crypto";
import { sha256, sha256Hex } from "./lines.mjs";

const pair = Buffer.alloc(65, 1);
/** @param {Buffer} left @param {Buffer} right */
export function node(left, right) {
  left.copy(pair, 1);
  right.copy(pair, 33);
  return sha256(pair);
}

const leafInput = Buffer.alloc(33, 0);
/** SHA-256 of a zero byte and the 32-byte leaf. @param {Buffer} leaf */
export function leafHash(leaf) {
  leaf.copy(leafInput, 1);
  return sha256(leafInput);
}

const hexPair = Buffer.alloc(65, 1);
/** node() for hashes as hex, as the checker computes a line's hashes. @param {string} left @param {string} right */
function hexNode(left, right) {
  hexPair.write(left, 1, "hex");
  hexPair.write(right, 33, "hex");
  return sha256Hex(hexPair);
}

/**
 * An RFC 6962 tree kept as its complete subtrees, optionally resumed from those of its first
 * leaves. It takes and keeps hashes as hex (Node 20 answers a one-shot hash as hex three times
 * faster than as a Buffer, and a million leaves pass through here).
 * @param {{ size: number, subtrees: Buffer[] }} [start]
 */
export function merkleAccumulator(start) {
  /** @type {Array<{ size: number, hash: string }>} */
  const stack = [];
  let size = 0;
  if (start !== undefined && start.size > 0) {
    for (let width = 2 ** Math.floor(Math.log2(start.size)); width >= 1; width /= 2) {
      if (Math.floor(start.size / width) % 2 === 1) {
        const subtree = start.subtrees[stack.length];
        if (subtree === undefined) break;
        stack.push({ size: width, hash: subtree.toString("hex") });
      }
    }
    if (stack.length !== start.subtrees.length || stack.length !== countOnes(start.size)) {
      throw new Error(
        `should hold ${countOnes(start.size)} hashes for ${start.size} events, not ${start.subtrees.length}`,
      );
    }
    size = start.size;
  } else if (start !== undefined && start.subtrees.length > 0) {
    throw new Error("should be empty when no event comes before this bundle");
  }
  return {
    /** @param {string} hash the leaf's hash, as hex */
    addLeafHash(hash) {
      let entry = { size: 1, hash };
      while (stack.length > 0 && /** @type {{ size: number }} */ (stack[stack.length - 1]).size === entry.size) {
        const left = /** @type {{ size: number, hash: string }} */ (stack.pop());
        entry = { size: left.size * 2, hash: hexNode(left.hash, entry.hash) };
      }
      stack.push(entry);
      size += 1;
    },
    get size() {
      return size;
    },
    root() {
      if (stack.length === 0) return createHash("sha256").digest();
      let root = /** @type {{ hash: string }} */ (stack[stack.length - 1]).hash;
      for (let index = stack.length - 2; index >= 0; index -= 1)
        root = hexNode(/** @type {{ hash: string }} */ (stack[index]).hash, root);
      return Buffer.from(root, "hex");
    },
  };
}

/**
 * RFC 9162 section 2.1.4.2: does the tree of newSize leaves with root newRoot extend the tree of
 * oldSize leaves with root oldRoot? Roots and proof hashes are 32-byte Buffers.
 * @param {number} oldSize @param {number} newSize @param {Buffer} oldRoot @param {Buffer} newRoot @param {readonly Buffer[]} proof
 */
export function verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof) {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 1 || oldSize > newSize)
    return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  if (path.length === 0) return false;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = /** @type {Buffer} */ (path[0]);
  let sr = fr;
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

/**
 * RFC 9162 section 2.1.3.2: is the leaf with this hash the index-th (from 0) of the tree of
 * `size` leaves with this root?
 * @param {number} index @param {number} size @param {Buffer} hash the leaf's hash @param {readonly Buffer[]} proof @param {Buffer} root
 */
export function verifyInclusion(index, size, hash, proof, root) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = hash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** The complete subtrees of a tree this size: the ones in its binary form. @param {number} value */
function countOnes(value) {
  let ones = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) ones += rest % 2;
  return ones;
}

/** @param {number} value */
function isPowerOfTwo(value) {
  while (value > 1 && value % 2 === 0) value /= 2;
  return value === 1;
}
