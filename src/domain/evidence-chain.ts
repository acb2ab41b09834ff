import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * The tamper-evident chain of a chat's correspondence log.
 *
 * Each event is one line of canonical JSON (RFC 8785) that names its sequence number and the
 * previous event's hash; its own hash is SHA-256 over the line's UTF-8 bytes. A verifier hashes
 * the stored bytes and never re-serialises, so anyone can check a log offline with sha256sum.
 */
export const GENESIS_HASH = "0".repeat(64);
export const LINE_FORMAT_VERSION = 1;

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface EventBody {
  chat: number;
  kind: string;
  /** The deduplication key of what the event records, e.g. `update:123`. */
  source: string;
  /** When regbot received or produced it, as an ISO-8601 UTC instant. */
  at: string;
  payload: unknown;
}

export interface SealedEvent {
  seq: number;
  prevHash: string;
  line: string;
  hash: string;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

const PAYLOAD_KEY = '"payload":';
const PAYLOAD_SLOT = `${PAYLOAD_KEY}null`;

/**
 * The next link after `head`. A caller that already holds the payload's canonical JSON (the
 * inbox stores the same update) passes it, so the largest part of the line is serialised once.
 */
export function sealEvent(
  head: ChainHead | undefined,
  body: EventBody,
  canonicalPayload = canonicalJson(body.payload),
): SealedEvent {
  const seq = head === undefined ? 1 : head.seq + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // Canonical JSON of the line with the payload set in its sorted place; string values escape
  // their quotes, so the first unescaped `"payload":null` is the key itself.
  const frame = canonicalJson({ v: LINE_FORMAT_VERSION, seq, prev: prevHash, ...body, payload: null });
  const slot = frame.indexOf(PAYLOAD_SLOT);
  const line = frame.slice(0, slot + PAYLOAD_KEY.length) + canonicalPayload + frame.slice(slot + PAYLOAD_SLOT.length);
  return { seq, prevHash, line, hash: sha256Hex(line) };
}

export interface StoredLink {
  seq: number;
  line: string;
  hash: string;
}

export type ChainVerdict =
  | { intact: true; count: number; head: ChainHead | undefined }
  | { intact: false; count: number; brokenAt: number; reason: string };

/**
 * Checks events one at a time in sequence order, so a long log can be streamed through it.
 * `after` is the trusted head preceding the first event (absent for a log checked from its start).
 */
export class ChainVerifier {
  private expectedSeq: number;
  private previousHash: string;
  private count = 0;
  private failure: { brokenAt: number; reason: string } | undefined;

  constructor(private readonly after?: ChainHead) {
    this.expectedSeq = (after?.seq ?? 0) + 1;
    this.previousHash = after?.hash ?? GENESIS_HASH;
  }

  /** Returns false (and stops accepting) at the first event that breaks the chain. */
  accept(event: StoredLink): boolean {
    if (this.failure !== undefined) return false;
    const problem = findProblem(event, this.expectedSeq, this.previousHash);
    if (problem !== undefined) {
      this.failure = { brokenAt: this.expectedSeq, reason: problem };
      return false;
    }
    this.previousHash = event.hash;
    this.expectedSeq += 1;
    this.count += 1;
    return true;
  }

  verdict(): ChainVerdict {
    if (this.failure !== undefined) return { intact: false, count: this.count, ...this.failure };
    const empty = this.count === 0 && this.after === undefined;
    return {
      intact: true,
      count: this.count,
      head: empty ? undefined : { seq: this.expectedSeq - 1, hash: this.previousHash },
    };
  }
}

export function verifyChain(events: Iterable<StoredLink>, after?: ChainHead): ChainVerdict {
  const verifier = new ChainVerifier(after);
  for (const event of events) if (!verifier.accept(event)) break;
  return verifier.verdict();
}

function findProblem(event: StoredLink, expectedSeq: number, previousHash: string): string | undefined {
  if (event.seq !== expectedSeq) return `sequence jumps from ${expectedSeq - 1} to ${event.seq}`;
  if (sha256Hex(event.line) !== event.hash) return "the line's SHA-256 differs from its recorded hash";
  let parsed: { seq?: unknown; prev?: unknown };
  try {
    parsed = JSON.parse(event.line) as typeof parsed;
  } catch {
    return "the line is not valid JSON";
  }
  if (parsed.seq !== expectedSeq) return `the line claims sequence ${String(parsed.seq)}`;
  if (parsed.prev !== previousHash) return "the line does not point at the previous event's hash";
  return undefined;
}
