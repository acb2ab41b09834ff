import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consistencyProof, EMPTY_TREE_HASH, eventLeaf, leafHash, MerkleAccumulator, merkleRoot, nodeHash, verifyConsistency } from "./merkle.js";

const leavesOf = (count: number, salt = "") => Array.from({ length: count }, (_, index) => createHash("sha256").update(`${salt}event ${index}`).digest());

describe("the RFC 6962 Merkle tree hash", () => {
  it("hashes the empty tree, one leaf and an unbalanced tree as the RFC defines", () => {
    const [a, b, c] = leavesOf(3);
    expect(merkleRoot([]).toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(EMPTY_TREE_HASH.equals(merkleRoot([]))).toBe(true);
    expect(merkleRoot([a!]).equals(leafHash(a!))).toBe(true);
    // Three leaves split at 2: MTH = node(node(a, b), c).
    expect(merkleRoot([a!, b!, c!]).equals(nodeHash(nodeHash(leafHash(a!), leafHash(b!)), leafHash(c!)))).toBe(true);
  });

  it("takes the events' stored hashes as 32 raw bytes", () => {
    expect(eventLeaf("ab".repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(() => eventLeaf("not hex")).toThrow(TypeError);
  });

  it("streams to the same root as the whole-tree computation, for every size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), (size) => {
        const leaves = leavesOf(size);
        const accumulator = new MerkleAccumulator();
        for (const leaf of leaves) accumulator.add(leaf);
        expect(accumulator.size).toBe(size);
        expect(accumulator.root().equals(merkleRoot(leaves))).toBe(true);
      }),
    );
  });
});

describe("consistency proofs", () => {
  it("verify from every earlier size m to every later size n", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n))),
        ([m, n]) => {
          const leaves = leavesOf(n);
          const proof = consistencyProof(m, leaves);
          expect(verifyConsistency(m, n, merkleRoot(leaves.slice(0, m)), merkleRoot(leaves), proof)).toBe(true);
        },
      ),
    );
  });

  it("fail for a tree whose history was rewritten and for a tampered proof", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        ([m, n, rewritten]) => {
          const leaves = leavesOf(n);
          const forged = leaves.map((leaf, index) => (index === rewritten ? createHash("sha256").update("forged").digest() : leaf));
          const oldRoot = merkleRoot(leaves.slice(0, m));
          const proof = consistencyProof(m, leaves);
          // A proof for a different tree: the same old tree, a new tree that changed an event.
          expect(verifyConsistency(m, n, oldRoot, merkleRoot(forged), proof)).toBe(false);
          const tampered = proof.map((hash, index) => (index === 0 ? nodeHash(hash, hash) : hash));
          expect(verifyConsistency(m, n, oldRoot, merkleRoot(leaves), tampered)).toBe(false);
        },
      ),
    );
  });

  it("is empty between equal sizes and refuses sizes outside 1..n", () => {
    const leaves = leavesOf(5);
    expect(consistencyProof(5, leaves)).toEqual([]);
    expect(verifyConsistency(5, 5, merkleRoot(leaves), merkleRoot(leaves), [])).toBe(true);
    expect(() => consistencyProof(0, leaves)).toThrow(RangeError);
    expect(() => consistencyProof(6, leaves)).toThrow(RangeError);
    expect(verifyConsistency(0, 5, EMPTY_TREE_HASH, merkleRoot(leaves), [])).toBe(false);
  });
});
