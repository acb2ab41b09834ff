import { createHash } from "node:crypto";

/**
 * The Merkle tree hash of RFC 6962 (§2.1) over a chat's log, and consistency proofs (§2.1.2)
 * that a later tree extends an earlier one without rewriting it.
 *
 * The leaves are the events' stored hashes as 32 raw bytes (the hex in the `hash` column,
 * decoded), so a leaf is SHA-256(0x00 || SHA-256(line)) and nobody needs the line twice.
 */
export type Digest = Buffer;

export const EMPTY_TREE_HASH: Digest = createHash("sha256").digest();

export function leafHash(leaf: Uint8Array): Digest {
  return createHash("sha256").update(Buffer.of(0)).update(leaf).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Digest {
  return createHash("sha256").update(Buffer.of(1)).update(left).update(right).digest();
}

/** The leaf for an event: its stored SHA-256, hex-decoded. */
export function eventLeaf(eventHashHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(eventHashHex)) throw new TypeError(`not a SHA-256 hex digest: ${eventHashHex}`);
  return Buffer.from(eventHashHex, "hex");
}

/** MTH(D[n]) computed from the leaves' hashes. */
export function merkleRoot(leaves: readonly Uint8Array[]): Digest {
  return subtreeRoot(leaves.map(leafHash), 0, leaves.length);
}

/**
 * The root of a log too long to hold: keeps one hash per complete subtree (at most log2 n),
 * which are exactly the left subtrees RFC 6962 splits at, folded right to left at the end.
 */
export class MerkleAccumulator {
  private readonly stack: Array<{ size: number; hash: Digest }> = [];
  private count = 0;

  add(leaf: Uint8Array): void {
    let entry = { size: 1, hash: leafHash(leaf) };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === entry.size) {
      const left = this.stack.pop()!;
      entry = { size: left.size * 2, hash: nodeHash(left.hash, entry.hash) };
    }
    this.stack.push(entry);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  root(): Digest {
    if (this.stack.length === 0) return EMPTY_TREE_HASH;
    let root = this.stack[this.stack.length - 1]!.hash;
    for (let index = this.stack.length - 2; index >= 0; index -= 1) root = nodeHash(this.stack[index]!.hash, root);
    return root;
  }
}

/** PROOF(m, D[n]): the hashes that show the first m leaves' tree is a prefix of the n leaves' tree. */
export function consistencyProof(oldSize: number, leaves: readonly Uint8Array[]): Digest[] {
  const size = leaves.length;
  if (!Number.isInteger(oldSize) || oldSize < 1 || oldSize > size) throw new RangeError(`no consistency proof from size ${oldSize} to ${size}`);
  const hashes = leaves.map(leafHash);
  return subproof(hashes, oldSize, 0, size, true);
}

/** Checks a consistency proof (RFC 9162 §2.1.4.2, the same proofs as RFC 6962). */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 1 || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Digest = Buffer.from(path[0]!);
  let sr: Digest = Buffer.from(path[0]!);
  for (const hash of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(hash, fr);
      sr = nodeHash(hash, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, hash);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

function subtreeRoot(hashes: readonly Digest[], start: number, end: number): Digest {
  const size = end - start;
  if (size === 0) return EMPTY_TREE_HASH;
  if (size === 1) return hashes[start]!;
  const split = largestPowerOfTwoBelow(size);
  return nodeHash(subtreeRoot(hashes, start, start + split), subtreeRoot(hashes, start + split, end));
}

/** SUBPROOF(m, D[start:end], complete) of RFC 6962 §2.1.2. */
function subproof(hashes: readonly Digest[], m: number, start: number, end: number, complete: boolean): Digest[] {
  const size = end - start;
  if (m === size) return complete ? [] : [subtreeRoot(hashes, start, end)];
  const split = largestPowerOfTwoBelow(size);
  if (m <= split) return [...subproof(hashes, m, start, start + split, complete), subtreeRoot(hashes, start + split, end)];
  return [...subproof(hashes, m - split, start + split, end, false), subtreeRoot(hashes, start, start + split)];
}

function largestPowerOfTwoBelow(size: number): number {
  let power = 1;
  while (power * 2 < size) power *= 2;
  return power;
}

function isPowerOfTwo(value: number): boolean {
  return value > 0 && (value & (value - 1)) === 0;
}
