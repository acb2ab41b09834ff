/** What each side owes, as the obligations table names the kinds. */
export type ObligationKind = "request" | "revision" | "stage" | "call" | "payment" | "pause";

/** Each kind is numbered per chat with its own letter: R1 requests, V1 revisions, S1 plan stages, C1 calls, M1 payments (money), P1 pauses. */
const LETTERS: Record<ObligationKind, string> = {
  request: "R",
  revision: "V",
  stage: "S",
  call: "C",
  payment: "M",
  pause: "P",
};

export function obligationLabel(kind: ObligationKind, number: number): string {
  return `${LETTERS[kind]}${number}`;
}

/**
 * The number a command names when it implies the kind: `V1`, `v1` or `1` for a revision;
 * undefined for anything else, another kind's letter included.
 */
export function readObligationNumber(text: string, kind: ObligationKind): number | undefined {
  const found = new RegExp(`^${LETTERS[kind]}?(\\d{1,9})$`, "i").exec(text.trim());
  const number = found === null ? 0 : Number(found[1]);
  return number > 0 ? number : undefined;
}
