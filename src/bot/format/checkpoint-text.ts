import type { Checkpoint } from "../../db/checkpoint-repository.js";

type T = (key: string, variables?: Record<string, string | number>) => string;

/**
 * A checkpoint as both sides keep it in their chat: the count, a root short enough to compare at
 * a glance, and a last line `size:root` that the bundle's verifier takes as it is.
 */
export function describeCheckpoint(t: T, { size, root }: Pick<Checkpoint, "size" | "root">): string {
  return t("checkpoint", { events: size, short: `${root.slice(0, 4)}…${root.slice(-4)}`, size: String(size), root });
}
