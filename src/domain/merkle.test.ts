import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as checker from "../bundle/verify.mjs";
import {
  EMPTY_TREE_HASH,
  eventLeaf,
  leafHash,
  MerkleAccumulator,
  merkleRoot,
  MerkleTree,
  MerkleTreeBuilder,
  nodeHash,
  type Digest,
} from "./merkle.js";

const leavesOf = (count: number, salt = "") =>
  Array.from({ length: count }, (_, index) => createHash("sha256").update(`${salt}event ${index}`).digest());

/** MTH as RFC 6962 §2.1 defines it, by recursion over the leaves: the reference the fast code is held to. */
function mth(leaves: readonly Uint8Array[]): Digest {
  if (leaves.length === 0) return EMPTY_TREE_HASH;
  if (leaves.length === 1) return leafHash(leaves[0]!);
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return nodeHash(mth(leaves.slice(0, split)), mth(leaves.slice(split)));
}

const popcount = (value: number) => value.toString(2).replaceAll("0", "").length;

const hex = (digests: readonly Digest[]) => digests.map((digest) => digest.toString("hex"));

// `checker`: the verifier shipped in every bundle, written apart from the generator, in plain JavaScript.

describe("the RFC 6962 Merkle tree hash", () => {
  it("hashes the empty tree, one leaf and an unbalanced tree as the RFC defines", () => {
    const [a, b, c] = leavesOf(3);
    expect(merkleRoot([]).toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(merkleRoot([a!]).equals(leafHash(a!))).toBe(true);
    // Three leaves split at 2: MTH = node(node(a, b), c).
    expect(merkleRoot([a!, b!, c!]).equals(nodeHash(nodeHash(leafHash(a!), leafHash(b!)), leafHash(c!)))).toBe(true);
  });

  it("takes the events' stored hashes as 32 raw bytes", () => {
    expect(eventLeaf("ab".repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(() => eventLeaf("not hex")).toThrow(TypeError);
  });

  it("gives the recursive definition's root for every size and every prefix, streamed or held whole", () => {
    const leaves = leavesOf(70);
    const tree = MerkleTree.of(leaves);
    const builder = new MerkleTreeBuilder(2);
    for (const leaf of leaves) builder.add(leaf);
    const fromBlocks = builder.build((start, end) => leaves.slice(start, end));
    const accumulator = new MerkleAccumulator();
    for (let size = 0; size <= leaves.length; size += 1) {
      const expected = mth(leaves.slice(0, size));
      expect(accumulator.size).toBe(size);
      expect(accumulator.root().equals(expected), `size ${size}`).toBe(true);
      expect(tree.rootAt(size).equals(expected), `size ${size}`).toBe(true);
      expect(fromBlocks.rootAt(size).equals(expected), `size ${size}`).toBe(true);
      expect(hex(fromBlocks.subtreesAt(size))).toEqual(hex(tree.subtreesAt(size)));
      if (size > 0) expect(hex(fromBlocks.consistencyProof(size))).toEqual(hex(tree.consistencyProof(size)));
      expect(hex(tree.subtreesAt(size))).toEqual(hex(accumulator.subtrees));
      if (size < leaves.length) accumulator.add(leaves[size]!);
    }
  });

  it("resumes from a prefix's complete subtrees to the same root as from the start", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([m, n]) => {
          const leaves = leavesOf(n, "resume");
          const resumed = new MerkleAccumulator({ size: m, subtrees: MerkleTree.of(leaves.slice(0, m)).subtreesAt(m) });
          for (const leaf of leaves.slice(m)) resumed.add(leaf);
          expect(resumed.root().equals(mth(leaves))).toBe(true);
        },
      ),
    );
    expect(() => new MerkleAccumulator({ size: 6, subtrees: leavesOf(1) })).toThrow(RangeError);
  });

  it("kept as a stored frontier, extended in batches of any sizes, equals the full recomputation after each", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), (batches) => {
        const leaves = leavesOf(
          batches.reduce((sum, size) => sum + size, 0),
          "frontier",
        );
        let stored = new MerkleAccumulator().frontier;
        for (const size of batches) {
          const tree = MerkleAccumulator.resume(stored);
          for (const leaf of leaves.slice(tree.size, tree.size + size)) tree.add(leaf);
          stored = tree.frontier;
          // A copy, as it comes back from the database: nothing shares the tree's buffers.
          stored = { size: stored.size, subtrees: Uint8Array.from(stored.subtrees) };
          expect(stored.subtrees.length).toBe(32 * popcount(stored.size));
          expect(
            MerkleAccumulator.resume(stored)
              .root()
              .equals(mth(leaves.slice(0, stored.size))),
          ).toBe(true);
        }
      }),
    );
  });
});

describe("consistency proofs", () => {
  it("are the RFC's own examples over its seven-leaf tree", () => {
    const d = leavesOf(7, "rfc");
    const [a, b, c, dd, e, f, j] = d.map(leafHash) as [Digest, Digest, Digest, Digest, Digest, Digest, Digest];
    const g = nodeHash(a, b);
    const i = nodeHash(e, f);
    const k = nodeHash(g, nodeHash(c, dd));
    const l = nodeHash(i, j);
    const tree = MerkleTree.of(d);
    expect(hex(tree.consistencyProof(3))).toEqual(hex([c, dd, g, l]));
    expect(hex(tree.consistencyProof(4))).toEqual(hex([l]));
    expect(hex(tree.consistencyProof(6))).toEqual(hex([i, j, k]));
    expect(tree.consistencyProof(7)).toEqual([]);
  });

  it("verify, with the bundle's own checker, from every earlier size m to every later size n", () => {
    for (let n = 1; n <= 40; n += 1) {
      const leaves = leavesOf(n);
      const tree = MerkleTree.of(leaves);
      for (let m = 1; m <= n; m += 1) {
        expect(
          checker.verifyConsistency(m, n, mth(leaves.slice(0, m)), mth(leaves), tree.consistencyProof(m)),
          `${m} → ${n}`,
        ).toBe(true);
      }
    }
  });

  it("verify for larger random sizes, and are at most about 2·log2(n) hashes long", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([m, n]) => {
          const leaves = leavesOf(n, "large");
          const proof = MerkleTree.of(leaves).consistencyProof(m);
          expect(proof.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 1);
          expect(checker.verifyConsistency(m, n, mth(leaves.slice(0, m)), mth(leaves), proof)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("fail for a history rewritten before the old size, for a tampered proof and for a padded one", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 60 })
          .chain((n) =>
            fc
              .integer({ min: 1, max: n - 1 })
              .chain((m) => fc.tuple(fc.constant(m), fc.constant(n), fc.integer({ min: 0, max: m - 1 }), fc.nat())),
          ),
        ([m, n, rewritten, proofIndex]) => {
          const leaves = leavesOf(n);
          const forged = leaves.map((leaf, index) =>
            index === rewritten ? createHash("sha256").update("forged").digest() : leaf,
          );
          const oldRoot = mth(leaves.slice(0, m));
          // The operator re-derives everything from the rewritten log: its own proof, its own root.
          const forgedTree = MerkleTree.of(forged);
          expect(checker.verifyConsistency(m, n, oldRoot, forgedTree.rootAt(n), forgedTree.consistencyProof(m))).toBe(
            false,
          );
          const proof = MerkleTree.of(leaves).consistencyProof(m);
          const tampered = proof.map((hash, index) =>
            index === proofIndex % proof.length ? nodeHash(hash, hash) : hash,
          );
          expect(checker.verifyConsistency(m, n, oldRoot, mth(leaves), tampered)).toBe(false);
          expect(checker.verifyConsistency(m, n, oldRoot, mth(leaves), [...proof, proof[0]!])).toBe(false);
        },
      ),
    );
  });

  it("refuse sizes outside 1..n, and between equal sizes are empty", () => {
    const leaves = leavesOf(5);
    const tree = MerkleTree.of(leaves);
    expect(() => tree.consistencyProof(0)).toThrow(RangeError);
    expect(() => tree.consistencyProof(6)).toThrow(RangeError);
    expect(checker.verifyConsistency(5, 5, mth(leaves), mth(leaves), [])).toBe(true);
    expect(checker.verifyConsistency(5, 5, mth(leaves.slice(0, 4)), mth(leaves), [])).toBe(false);
    expect(checker.verifyConsistency(0, 5, EMPTY_TREE_HASH, mth(leaves), [])).toBe(false);
  });
});

describe("RFC 6962 inclusion proofs", () => {
  it("show each leaf of any tree in it to the bundle's checker, and nothing else", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (size, pick) => {
        const leaves = leavesOf(size);
        const tree = MerkleTree.of(leaves);
        const index = pick % size;
        const proof = tree.inclusionProof(index);
        const root = mth(leaves);
        expect(checker.verifyInclusion(index, size, leafHash(leaves[index]!), proof, root)).toBe(true);
        const other = leavesOf(1, "forged")[0]!;
        expect(checker.verifyInclusion(index, size, leafHash(other), proof, root)).toBe(false);
        if (size > 1)
          expect(checker.verifyInclusion((index + 1) % size, size, leafHash(leaves[index]!), proof, root)).toBe(false);
      }),
    );
  });

  it("refuse a leaf outside the tree", () => {
    const tree = MerkleTree.of(leavesOf(3));
    expect(() => tree.inclusionProof(3)).toThrow(RangeError);
    expect(checker.verifyInclusion(3, 3, leafHash(leavesOf(1)[0]!), [], mth(leavesOf(3)))).toBe(false);
  });
});
