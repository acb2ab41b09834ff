import { ChainVerifier, type ChainVerdict, type StoredLink } from "./evidence-chain.js";
import { eventLeaf, MerkleAccumulator } from "./merkle.js";

/** A checkpoint event as found in the log, and whether its root is the root of the events before it. */
export interface CheckpointFound {
  seq: number;
  size: number;
  root: string;
  holds: boolean;
}

/** What one pass over a chat's log establishes: its chain, its RFC 6962 root, its checkpoints. */
export interface LogAudit {
  verdict: ChainVerdict;
  /** Hex root of the Merkle tree over every event read. */
  root: string;
  checkpoints: CheckpointFound[];
}

/** Reads a chat's log once, in sequence order, checking the chain and every checkpoint on the way. */
export async function auditLog(links: AsyncIterable<StoredLink>): Promise<LogAudit> {
  const verifier = new ChainVerifier();
  const tree = new MerkleAccumulator();
  const checkpoints: CheckpointFound[] = [];
  for await (const link of links) {
    if (!verifier.accept(link)) break;
    const { kind, payload } = JSON.parse(link.line) as { kind: string; payload: { size: number; root: string } };
    // A checkpoint covers every event before its own, so the tree read so far must have its root.
    if (kind === "checkpoint")
      checkpoints.push({
        seq: link.seq,
        size: payload.size,
        root: payload.root,
        holds: payload.size === tree.size && payload.root === tree.root().toString("hex"),
      });
    tree.add(eventLeaf(link.hash));
  }
  return { verdict: verifier.verdict(), root: tree.root().toString("hex"), checkpoints };
}

/** Why a copy's audit differs from its original's, or undefined when both are intact and identical. */
export function differenceFromOriginal(original: LogAudit, copy: LogAudit): string | undefined {
  if (!original.verdict.intact)
    return `the original's chain was already broken at sequence ${original.verdict.brokenAt}: ${original.verdict.reason}`;
  if (!copy.verdict.intact)
    return `the copy's chain is broken at sequence ${copy.verdict.brokenAt}: ${copy.verdict.reason}`;
  if (copy.verdict.count !== original.verdict.count)
    return `the copy has ${copy.verdict.count} events, the original ${original.verdict.count}`;
  if (copy.verdict.head?.hash !== original.verdict.head?.hash) return "the chains end at different hashes";
  if (copy.root !== original.root) return "the Merkle roots differ";
  const broken = copy.checkpoints.find((checkpoint) => !checkpoint.holds);
  if (broken !== undefined) return `checkpoint at sequence ${broken.seq} does not match the events before it`;
  if (JSON.stringify(copy.checkpoints) !== JSON.stringify(original.checkpoints)) return "the checkpoints differ";
  return undefined;
}
