import type { StoredLink } from "./evidence-chain.js";
import { eventLeaf, MerkleAccumulator } from "./merkle.js";

/** A checkpoint event whose recorded root is not the root of the events before it. */
export interface FalseCheckpoint {
  seq: number;
  reason: string;
}

// Canonical JSON: a line's own `kind` key is written exactly so, while quotes inside values are escaped.
const CHECKPOINT_KIND = '"kind":"checkpoint"';

/**
 * Recomputes the Merkle root (RFC 6962) of a chat's log while it is streamed in sequence order,
 * and holds each checkpoint event to it: a checkpoint records the size and root of every event
 * logged before it, however it was computed when it was taken.
 */
export class CheckpointCheck {
  private readonly tree = new MerkleAccumulator();
  private checked = 0;
  private readonly failures: FalseCheckpoint[] = [];

  accept(event: StoredLink): void {
    if (event.line.includes(CHECKPOINT_KIND)) this.check(event);
    this.tree.add(eventLeaf(event.hash));
  }

  /** How many checkpoints were found, and those that do not hold. */
  get verdict(): { checked: number; failures: readonly FalseCheckpoint[] } {
    return { checked: this.checked, failures: this.failures };
  }

  private check(event: StoredLink): void {
    const { kind, payload } = JSON.parse(event.line) as { kind: string; payload: { size?: unknown; root?: unknown } };
    if (kind !== "checkpoint") return;
    this.checked += 1;
    const root = this.tree.root().toString("hex");
    if (payload.size !== this.tree.size)
      this.failures.push({
        seq: event.seq,
        reason: `it records ${String(payload.size)} events, but ${this.tree.size} precede it`,
      });
    else if (payload.root !== root)
      this.failures.push({ seq: event.seq, reason: `it records root ${String(payload.root)}, the log's is ${root}` });
  }
}
