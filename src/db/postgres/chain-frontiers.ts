import { eq, sql } from "drizzle-orm";
import { MerkleAccumulator } from "../../domain/merkle.js";
import type { PostgresSession } from "./session.js";
import { chainFrontiers } from "./schema.js";

/**
 * Each chat's Merkle frontier (see `chain_frontiers`), as `../chain-frontiers.ts` keeps it on
 * SQLite: read and written in the transaction that appends the chat's events, under the chat's
 * lock, so it never disagrees with the log it covers. (A checkpoint brings a lagging one up to
 * date: `PostgresCheckpointRepository`.)
 */
export class PostgresChainFrontiers {
  constructor(private readonly session: PostgresSession) {}

  /**
   * The frontier over the chat's first `size` events, to which the next event is added; undefined
   * when the stored one covers fewer (the next checkpoint brings it up to date).
   */
  async at(chatId: number, size: number): Promise<MerkleAccumulator | undefined> {
    const stored = await this.read(chatId);
    if (stored === undefined) return size === 0 ? new MerkleAccumulator() : undefined;
    return stored.size === size ? MerkleAccumulator.resume(stored) : undefined;
  }

  async write(chatId: number, tree: MerkleAccumulator): Promise<void> {
    const { size, subtrees } = tree.frontier;
    await this.session.queries
      .insert(chainFrontiers)
      .values({ chatId, size, subtrees: Buffer.from(subtrees) })
      .onConflictDoUpdate({
        target: chainFrontiers.chatId,
        set: { size: sql`excluded.size`, subtrees: sql`excluded.subtrees` },
      });
  }

  private async read(chatId: number) {
    const [stored] = await this.session.queries
      .select({ size: chainFrontiers.size, subtrees: chainFrontiers.subtrees })
      .from(chainFrontiers)
      .where(eq(chainFrontiers.chatId, chatId));
    return stored;
  }
}
