import type { ExportReader } from "../db/export-reader.js";
import { eventLeaf, type MerkleTree, type MerkleTreeBuilder } from "../domain/merkle.js";

/**
 * The whole log's tree, built from the roots of its blocks. A proof that reaches below them
 * hashes a block's leaves again, read back from the log; the tree asks for them synchronously and
 * the reader answers asynchronously, so a proof that needs leaves not read yet is abandoned,
 * they are read, and it is computed again (a proof touches a few blocks, and each is read once).
 */
export class WholeLog {
  private readonly tree: MerkleTree;
  private readonly leavesRead = new Map<string, Uint8Array[]>();

  constructor(
    private readonly reader: ExportReader,
    private readonly chatId: number,
    builder: MerkleTreeBuilder,
    readonly size: number,
  ) {
    if (builder.size !== size)
      throw new Error(`the log has ${builder.size} of the ${size} events its sequence numbers promise`);
    this.tree = builder.build((start, end) => {
      const leaves = this.leavesRead.get(`${start}:${end}`);
      if (leaves === undefined) throw new LeavesNotRead(start, end);
      return leaves;
    });
  }

  async proved<T>(proof: (tree: MerkleTree) => T): Promise<T> {
    for (;;) {
      try {
        return proof(this.tree);
      } catch (error) {
        if (!(error instanceof LeavesNotRead)) throw error;
        const hashes = await this.reader.hashesBetween(this.chatId, error.start + 1, error.end);
        this.leavesRead.set(`${error.start}:${error.end}`, hashes.map(eventLeaf));
      }
    }
  }
}

/** The leaves [start, end) (from 0) a proof needs. */
class LeavesNotRead extends Error {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super(`leaves ${start} to ${end} were not read`);
  }
}
