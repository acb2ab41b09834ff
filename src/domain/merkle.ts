import { createHash, hash } from "node:crypto";

/**
 * The Merkle tree hash of RFC 6962 (§2.1) over a chat's log, and consistency proofs (§2.1.2)
 * that a later tree extends an earlier one without rewriting it.
 *
 * The leaves are the events' stored hashes as 32 raw bytes (the hex in the `hash` column,
 * decoded), so a leaf is SHA-256(0x00 || SHA-256(line)) and nobody needs the line twice.
 */
export type Digest = Buffer;

export const EMPTY_TREE_HASH: Digest = createHash("sha256").digest();

// Hashed a million times in an export: one-shot hashing of a reused buffer costs a third of a Hash object's.
const leafInput = Buffer.alloc(33, 0);
const nodeInput = Buffer.alloc(65, 1);

export function leafHash(leaf: Uint8Array): Digest {
  if (leaf.length !== 32) return hash("sha256", Buffer.concat([Buffer.of(0), leaf]), "buffer");
  leafInput.set(leaf, 1);
  return hash("sha256", leafInput, "buffer");
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Digest {
  if (left.length !== 32 || right.length !== 32)
    return hash("sha256", Buffer.concat([Buffer.of(1), left, right]), "buffer");
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return hash("sha256", nodeInput, "buffer");
}

/** The leaf for an event: its stored SHA-256, hex-decoded. */
export function eventLeaf(eventHashHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(eventHashHex)) throw new TypeError(`not a SHA-256 hex digest: ${eventHashHex}`);
  return Buffer.from(eventHashHex, "hex");
}

/** MTH(D[n]) computed from the leaves' hashes. */
export function merkleRoot(leaves: readonly Uint8Array[]): Digest {
  const accumulator = new MerkleAccumulator();
  for (const leaf of leaves) accumulator.add(leaf);
  return accumulator.root();
}

/** A tree's frontier as stored: its size, and its complete subtrees' roots (largest first) 32 bytes each. */
export interface MerkleFrontier {
  size: number;
  subtrees: Uint8Array;
}

/**
 * The root of a log too long to hold: keeps one hash per complete subtree (at most log2 n),
 * which are exactly the left subtrees RFC 6962 splits at, folded right to left at the end.
 * It can resume from those subtrees, so a checkpoint reads only the events logged since the last.
 */
export class MerkleAccumulator {
  private readonly stack: Array<{ size: number; hash: Digest }> = [];
  private count = 0;

  constructor(start?: { size: number; subtrees: readonly Uint8Array[] }) {
    if (start === undefined) return;
    const sizes = completeSubtreeSizes(start.size);
    if (sizes.length !== start.subtrees.length)
      throw new RangeError(
        `a tree of ${start.size} leaves has ${sizes.length} complete subtrees, not ${start.subtrees.length}`,
      );
    for (const [index, size] of sizes.entries()) this.stack.push({ size, hash: Buffer.from(start.subtrees[index]!) });
    this.count = start.size;
  }

  /** Resumes from a stored frontier (`frontier` below). */
  static resume(stored: MerkleFrontier): MerkleAccumulator {
    const subtrees: Uint8Array[] = [];
    for (let offset = 0; offset < stored.subtrees.length; offset += 32)
      subtrees.push(stored.subtrees.subarray(offset, offset + 32));
    return new MerkleAccumulator({ size: stored.size, subtrees });
  }

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

  /** The roots of the complete subtrees covering the leaves so far, left (largest) to right. */
  get subtrees(): Digest[] {
    return this.stack.map((entry) => entry.hash);
  }

  /** The complete subtrees as one buffer, to store and resume from. */
  get frontier(): MerkleFrontier {
    return { size: this.count, subtrees: Buffer.concat(this.subtrees) };
  }

  root(): Digest {
    if (this.stack.length === 0) return EMPTY_TREE_HASH;
    let root = this.stack[this.stack.length - 1]!.hash;
    for (let index = this.stack.length - 2; index >= 0; index -= 1) root = nodeHash(this.stack[index]!.hash, root);
    return root;
  }
}

/**
 * A whole tree held as its levels (each a buffer of 32-byte nodes of one aligned power-of-two
 * size), so any subtree root, and so any proof, costs O(log n) hashes after O(n) to build. A
 * long log's tree keeps only the levels from blocks of `2^floor` leaves up; a node below them is
 * hashed again from its leaves, read back when a proof needs it.
 */
export class MerkleTree {
  private constructor(
    private readonly levels: Buffer[],
    private readonly floor: number,
    readonly size: number,
    private readonly leavesOf?: (start: number, end: number) => readonly Uint8Array[],
  ) {}

  /** Every level kept, from the leaves' hashes up. */
  static of(leaves: readonly Uint8Array[]): MerkleTree {
    const leafLevel = Buffer.alloc(leaves.length * 32);
    for (const [index, leaf] of leaves.entries()) leafHash(leaf).copy(leafLevel, index * 32);
    return new MerkleTree(levelsAbove(leafLevel), 0, leaves.length);
  }

  /**
   * From the roots of the complete blocks of `2^floor` leaves, in order; `leavesOf(start, end)`
   * gives the leaves [start, end) back for the nodes below a block.
   */
  static fromBlocks(
    blockRoots: Buffer,
    floor: number,
    size: number,
    leavesOf: (start: number, end: number) => readonly Uint8Array[],
  ): MerkleTree {
    return new MerkleTree(levelsAbove(blockRoots), floor, size, leavesOf);
  }

  /** MTH of the first `size` leaves: the root the log had when it was that long. */
  rootAt(size: number): Digest {
    this.checkSize(size, 0);
    return this.subtreeRoot(0, size);
  }

  /** The complete subtrees covering the first `size` leaves, as MerkleAccumulator keeps them. */
  subtreesAt(size: number): Digest[] {
    this.checkSize(size, 0);
    const roots: Digest[] = [];
    let start = 0;
    for (const width of completeSubtreeSizes(size)) {
      roots.push(this.subtreeRoot(start, start + width));
      start += width;
    }
    return roots;
  }

  /** PROOF(m, D[n]) of RFC 6962 §2.1.2, from the first `oldSize` leaves to the whole tree. */
  consistencyProof(oldSize: number): Digest[] {
    this.checkSize(oldSize, 1);
    return this.subproof(oldSize, 0, this.size, true);
  }

  /** PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path showing the leaf at `index` (from 0) is in the whole tree. */
  inclusionProof(index: number): Digest[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`no leaf ${index} in a tree of ${this.size}`);
    return this.path(index, 0, this.size);
  }

  private path(index: number, start: number, end: number): Digest[] {
    if (end - start === 1) return [];
    const split = largestPowerOfTwoBelow(end - start);
    if (index < split) return [...this.path(index, start, start + split), this.subtreeRoot(start + split, end)];
    return [...this.path(index - split, start + split, end), this.subtreeRoot(start, start + split)];
  }

  /** SUBPROOF(m, D[start:end], b). */
  private subproof(m: number, start: number, end: number, complete: boolean): Digest[] {
    const size = end - start;
    if (m === size) return complete ? [] : [this.subtreeRoot(start, end)];
    const split = largestPowerOfTwoBelow(size);
    if (m <= split) return [...this.subproof(m, start, start + split, complete), this.subtreeRoot(start + split, end)];
    return [...this.subproof(m - split, start + split, end, false), this.subtreeRoot(start, start + split)];
  }

  /** MTH(D[start:end]) for a node of some RFC 6962 tree: its left parts are aligned complete subtrees. */
  private subtreeRoot(start: number, end: number): Digest {
    const size = end - start;
    if (size === 0) return EMPTY_TREE_HASH;
    if (isPowerOfTwo(size) && start % size === 0) {
      const level = Math.log2(size);
      if (level < this.floor) return merkleRoot(this.leavesOf!(start, end));
      const offset = (start / size) * 32;
      return Buffer.from(this.levels[level - this.floor]!.subarray(offset, offset + 32));
    }
    const split = largestPowerOfTwoBelow(size);
    return nodeHash(this.subtreeRoot(start, start + split), this.subtreeRoot(start + split, end));
  }

  private checkSize(size: number, least: number): void {
    if (!Number.isInteger(size) || size < least || size > this.size)
      throw new RangeError(`no tree of ${size} leaves within ${this.size}`);
  }
}

/**
 * Builds a long log's MerkleTree from its leaves one by one, keeping only the root of each
 * complete block of `2^floor` leaves: a million leaves hold 1 MB instead of 64.
 */
export class MerkleTreeBuilder {
  private readonly blockRoots: Digest[] = [];
  private block = new MerkleAccumulator();
  private count = 0;

  constructor(private readonly floor = 6) {}

  /** The leaf is hashed at once: the caller may reuse its buffer. */
  add(leaf: Uint8Array): void {
    this.block.add(leaf);
    this.count += 1;
    if (this.block.size < 2 ** this.floor) return;
    this.blockRoots.push(this.block.root());
    this.block = new MerkleAccumulator();
  }

  get size(): number {
    return this.count;
  }

  build(leavesOf: (start: number, end: number) => readonly Uint8Array[]): MerkleTree {
    return MerkleTree.fromBlocks(Buffer.concat(this.blockRoots), this.floor, this.count, leavesOf);
  }
}

/** A level of nodes and every level above it: each pairs the nodes below it; an odd last node has no parent at this size. */
function levelsAbove(lowest: Buffer): Buffer[] {
  const levels = [lowest];
  while (levels.at(-1)!.length >= 64) {
    const below = levels.at(-1)!;
    const level = Buffer.alloc(Math.floor(below.length / 64) * 32);
    for (let offset = 0; offset < level.length; offset += 32) {
      nodeHash(below.subarray(offset * 2, offset * 2 + 32), below.subarray(offset * 2 + 32, offset * 2 + 64)).copy(
        level,
        offset,
      );
    }
    levels.push(level);
  }
  return levels;
}

/** The sizes of the complete subtrees a tree of `size` leaves splits into, largest first. */
function completeSubtreeSizes(size: number): number[] {
  const sizes: number[] = [];
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(size, 1))); bit >= 1; bit /= 2)
    if (Math.floor(size / bit) % 2 === 1) sizes.push(bit);
  return sizes;
}

/** The largest power of two strictly below `size` (size ≥ 2): where RFC 6962 splits a tree. */
function largestPowerOfTwoBelow(size: number): number {
  let power = 1;
  while (power * 2 < size) power *= 2;
  return power;
}

function isPowerOfTwo(value: number): boolean {
  return value > 0 && (value & (value - 1)) === 0;
}
