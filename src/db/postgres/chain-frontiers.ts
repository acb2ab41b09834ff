import { and, asc, eq, gt, sql } from "drizzle-orm";
import { eventLeaf, MerkleAccumulator } from "../../domain/merkle.js";
import type { PostgresSession } from "./session.js";
import { chainFrontiers, events } from "./schema.js";

/**
 * Each chat's Merkle frontier (see `chain_frontiers`), as `../chain-frontiers.ts` keeps it on
 * SQLite: read and written in the transaction that appends the chat's events, under the chat's
 * lock, so it never disagrees with the log it covers.
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

  /**
   * The frontier over the whole log as it is now. Reads only the events the stored frontier
   * lacks, starting from `fallback` when none is stored, and stores the result so later appends
   * keep it. The caller holds the chat's lock, so no append slips in between.
   */
  async current(
    chatId: number,
    fallback: () => Promise<MerkleAccumulator | undefined> | MerkleAccumulator | undefined,
  ): Promise<MerkleAccumulator> {
    const stored = await this.read(chatId);
    const tree =
      stored === undefined ? ((await fallback()) ?? new MerkleAccumulator()) : MerkleAccumulator.resume(stored);
    const after = await this.session.queries
      .select({ hash: events.hash })
      .from(events)
      .where(and(eq(events.chatId, chatId), gt(events.seq, tree.size)))
      .orderBy(asc(events.seq));
    for (const { hash } of after) tree.add(eventLeaf(hash));
    if (stored?.size !== tree.size) await this.write(chatId, tree);
    return tree;
  }

  private async read(chatId: number) {
    const [stored] = await this.session.queries
      .select({ size: chainFrontiers.size, subtrees: chainFrontiers.subtrees })
      .from(chainFrontiers)
      .where(eq(chainFrontiers.chatId, chatId));
    return stored;
  }
}
