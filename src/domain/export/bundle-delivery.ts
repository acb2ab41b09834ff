/**
 * How a bundle reaches a person through Telegram, whose bots upload at most a fixed number of
 * bytes per file: whole, cut into numbered parts that join back byte for byte, or (past a number
 * of parts nobody wants to download one by one) not through Telegram at all.
 */
export type BundleDelivery =
  | { kind: "whole" }
  | { kind: "parts"; parts: Array<{ start: number; end: number }> }
  | { kind: "too-large"; parts: number };

export const MAX_PARTS = 20;

export function planDelivery(bytes: number, uploadLimit: number): BundleDelivery {
  if (bytes <= uploadLimit) return { kind: "whole" };
  const count = Math.ceil(bytes / uploadLimit);
  if (count > MAX_PARTS) return { kind: "too-large", parts: count };
  return {
    kind: "parts",
    parts: Array.from({ length: count }, (_, index) => ({
      start: index * uploadLimit,
      end: Math.min(bytes, (index + 1) * uploadLimit),
    })),
  };
}

/** `acme-sofía-2026-11-01..2026-11-30.zip`, or `…-until-2026-11-27.zip` for the whole history. */
export function bundleFileName(
  title: string,
  period: { from: string; to: string } | undefined,
  exportedOn: string,
): string {
  const slug =
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/, "") || "chat";
  return `${slug}-${period ? `${period.from}..${period.to}` : `until-${exportedOn}`}.zip`;
}

/** `bundle.zip.001`: the numbering 7-Zip and `cat bundle.zip.0* > bundle.zip` both expect. */
export function partFileName(fileName: string, index: number): string {
  return `${fileName}.${String(index + 1).padStart(3, "0")}`;
}
