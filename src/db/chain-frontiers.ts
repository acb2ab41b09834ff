import { and, asc, eq, gt, sql } from "drizzle-orm";
import { eventLeaf, MerkleAccumulator } from "../domain/merkle.js";
import type { Orm } from "./database.js";
import { chainFrontiers, events } from "./schema.js";

/**
 * Each chat's Merkle frontier (see `chain_frontiers`), read and written inside the transaction
 * that appends the chat's events, so it never disagrees with the log it covers.
 */
export class ChainFrontiers {
  private readonly statements;

  constructor(orm: Orm) {
    const placeholder = (name: string) => sql.placeholder(name);
    this.statements = {
      read: orm
        .select({ size: chainFrontiers.size, subtrees: chainFrontiers.subtrees })
        .from(chainFrontiers)
        .where(eq(chainFrontiers.chatId, placeholder("chatId")))
        .prepare(),
      write: orm
        .insert(chainFrontiers)
        .values({ chatId: placeholder("chatId"), size: placeholder("size"), subtrees: placeholder("subtrees") })
        .onConflictDoUpdate({
          target: chainFrontiers.chatId,
          set: { size: sql`excluded.size`, subtrees: sql`excluded.subtrees` },
        })
        .prepare(),
      hashesAfter: orm
        .select({ hash: events.hash })
        .from(events)
        .where(and(eq(events.chatId, placeholder("chatId")), gt(events.seq, placeholder("after"))))
        .orderBy(asc(events.seq))
        .prepare(),
    };
  }

  /**
   * The frontier over the chat's first `size` events, to which the next event is added; undefined
   * when the stored one covers fewer (a chat logged before frontiers were kept: the next
   * checkpoint brings it up to date).
   */
  at(chatId: number, size: number): MerkleAccumulator | undefined {
    const stored = this.statements.read.get({ chatId });
    if (stored === undefined) return size === 0 ? new MerkleAccumulator() : undefined;
    return stored.size === size ? MerkleAccumulator.resume(stored) : undefined;
  }

  write(chatId: number, tree: MerkleAccumulator): void {
    const { size, subtrees } = tree.frontier;
    this.statements.write.run({ chatId, size, subtrees });
  }

  /**
   * The frontier over the whole log as it is now. Reads only the events the stored frontier
   * lacks (none once it is kept up to date), starting from `fallback` when none is stored, and
   * stores the result so later appends keep it.
   */
  current(chatId: number, fallback: () => MerkleAccumulator | undefined): MerkleAccumulator {
    const stored = this.statements.read.get({ chatId });
    const tree = stored === undefined ? (fallback() ?? new MerkleAccumulator()) : MerkleAccumulator.resume(stored);
    for (const { hash } of this.statements.hashesAfter.all({ chatId, after: tree.size })) tree.add(eventLeaf(hash));
    if (stored?.size !== tree.size) this.write(chatId, tree);
    return tree;
  }
}
