import type { Checkpoint } from "../../db/checkpoint-repository.js";
import type { TranslateIn } from "../../domain/languages.js";

/**
 * A checkpoint as both sides keep it in their chat: the count, a root short enough to compare at
 * a glance, and a last line `size:root` that the bundle's verifier takes as it is.
 */
export function describeCheckpoint(
  t: TranslateIn,
  { size, root }: Pick<Checkpoint, "size" | "root">,
  keyFingerprint?: string,
): string {
  const lines = t("checkpoint", {
    events: size,
    short: `${root.slice(0, 4)}…${root.slice(-4)}`,
    size: String(size),
    root,
  }).split("\n");
  // The signing key's fingerprint goes above the last line, which stays `size:root`.
  if (keyFingerprint !== undefined) lines.splice(-1, 0, t("checkpoint-key", { fingerprint: keyFingerprint }));
  return lines.join("\n");
}
