import { DateTime } from "luxon";
import { CONTEXT_KINDS } from "../bundle/documents.mjs";
import { DOCUMENTS, STREAMED_VIEWS, type BundleFacts } from "../bundle/views.mjs";
import type { Chat } from "../db/chat-repository.js";
import type { ExportReader, LogPage } from "../db/export-reader.js";
import { canonicalJson, type ChainHead } from "../domain/evidence-chain.js";
import { eventLeaf, MerkleAccumulator, MerkleTreeBuilder } from "../domain/merkle.js";
import { checkpointsDocument } from "./bundle-documents.js";
import { bundleScripts } from "./bundle-scripts.js";
import { contractDocument } from "./contract-consequences.js";
import type { BundleSink } from "./bundle-sink.js";
import type { DeploymentKey } from "./deployment-key.js";
import type { RenderedViews, ViewsTask } from "./readable-views.js";
import { WholeLog } from "./whole-log.js";

/**
 * Writes a chat's dispute bundle: the log's stored lines, everything readable derived from them
 * alone (by the modules the bundle's own checker derives them with again), a signed statement
 * naming every file with its SHA-256, the checkpoints posted in the chat with their consistency
 * proofs, and a checker the other party can run without regbot. It reads the database only
 * through an `ExportReader`, so SQLite and PostgreSQL give the same bundle for the same history.
 */

export interface ExportRequest {
  chatId: number;
  /** Inclusive dates, YYYY-MM-DD, in the chat's time zone. */
  period?: { from: string; to: string };
  now: number;
  /** The deployment's zone, in force while the chat's regulation names none. */
  defaultTimezone?: string;
}

/** Renders the readable views of a range of the log (another thread, with its own connection). */
export type RenderViews = (task: ViewsTask, signal: AbortSignal) => Promise<RenderedViews>;

export interface ExportSummary {
  chat: Chat;
  eventCount: number;
  head: ChainHead | null;
  merkleRoot: string;
  /** The zone the period's dates were read in, and the views' zone at their start. */
  timezone: string;
  files: string[];
}

export interface Period {
  from: number;
  to: number;
}

export async function writeExportBundle(
  exports: ExportReader,
  key: DeploymentKey,
  request: ExportRequest,
  sink: BundleSink,
  renderViews: RenderViews,
): Promise<ExportSummary> {
  const chat = await exports.chat(request.chatId);
  if (chat === undefined) throw new Error(`no chat with id ${request.chatId}`);
  const defaultTimezone = request.defaultTimezone ?? "UTC";
  const versions = await exports.regulationVersions(chat.id);
  const timezone = chatZone(versions, defaultTimezone);
  const period = request.period && periodOf(request.period.from, request.period.to, timezone);
  // The log keeps growing while we read it: everything is bounded by the head seen now.
  const snapshotLast = await exports.lastSeq(chat.id);
  const first = period ? (await exports.lastSeqBefore(chat.id, period.from)) + 1 : 1;
  const last = period ? Math.min(snapshotLast, await exports.lastSeqBefore(chat.id, period.to)) : snapshotLast;
  const beforeEvent = first > 1 ? await exports.eventAt(chat.id, first - 1) : undefined;
  const headBefore: ChainHead | null = beforeEvent ? { seq: beforeEvent.seq, hash: beforeEvent.hash } : null;

  const files = new Map<string, string>();
  const add = async (name: string, chunks: Parameters<BundleSink["add"]>[1]) =>
    void files.set(name, await sink.add(name, chunks));
  const json = (value: unknown) => [`${JSON.stringify(value, null, 1)}\n`];

  const facts: BundleFacts = {
    chat: { id: chat.id, telegramChatId: chat.telegramChatId, title: chat.title, type: chat.type },
    period:
      period && request.period
        ? {
            from: iso(period.from),
            to: iso(period.to),
            dates: `${request.period.from} to ${request.period.to}`,
            timezone,
          }
        : null,
    createdAt: iso(request.now),
    defaultTimezone,
  };
  // From the first event, the exported tree is the whole log's first events: no tree of its own is needed.
  const scan: Scan = {
    count: 0,
    head: headBefore,
    tree: first === 1 ? undefined : new MerkleAccumulator(),
    whole: new MerkleTreeBuilder(),
  };
  const viewsTask: ViewsTask = { chatId: chat.id, facts, first, last, targets: sink.stage(STREAMED_VIEWS) };
  const [{ linesSum, whole }, views] = await alongsideViews(
    async () => {
      // The whole log as of now, which the checkpoints posted in the chat are proved against; a
      // period's events are tied to it by the subtrees before them and a proof from its end.
      await addLeaves(exports, chat.id, 1, first - 1, scan.whole);
      const linesSum = await sink.add("events.jsonl", logLines(exports.logPages(chat.id, first, last), scan));
      await addLeaves(exports, chat.id, last + 1, snapshotLast, scan.whole);
      return { linesSum, whole: new WholeLog(exports, chat.id, scan.whole, snapshotLast) };
    },
    viewsTask,
    sink,
    renderViews,
  );
  files.set("events.jsonl", linesSum);
  for (const [index, view] of views.streamed.entries()) files.set(STREAMED_VIEWS[index]!, view.sha256);
  const head = scan.count === 0 ? null : scan.head;
  const merkle = {
    size: scan.count,
    root: (scan.tree?.root() ?? (await whole.proved((tree) => tree.rootAt(scan.count)))).toString("hex"),
  };
  const hex = (digests: Buffer[]) => digests.map((digest) => digest.toString("hex"));
  const exportedPrefix = (headBefore?.seq ?? 0) + scan.count;
  const log = {
    size: whole.size,
    root: (await whole.proved((tree) => tree.rootAt(whole.size))).toString("hex"),
    before: hex(await whole.proved((tree) => tree.subtreesAt(first - 1))),
    proof: exportedPrefix === 0 ? [] : hex(await whole.proved((tree) => tree.consistencyProof(exportedPrefix))),
  };
  // The rules, roles and runs in force at a period's start, each proved to be in the whole log.
  const context = await exports.contextEvents(chat.id, first, CONTEXT_KINDS);
  const contextProofs = [];
  for (const { seq } of context) contextProofs.push(hex(await whole.proved((tree) => tree.inclusionProof(seq - 1))));
  if (context.length > 0) await add("context.jsonl", [context.map(({ line }) => `${line}\n`).join("")]);
  for (const [index, text] of views.documents.entries()) await add(DOCUMENTS[index]!, [text]);
  // What the contract's terms make of the stages: stated by regbot with its business calendar, signed, not derived again.
  await add("contract.json", json(contractDocument(versions, await exports.obligations(chat.id), period, request.now)));
  const checkpoints = await exports.checkpoints(chat.id, snapshotLast);
  const checkpointProofs = new Map<number, string[]>();
  for (const { size } of checkpoints)
    checkpointProofs.set(size, hex(await whole.proved((tree) => tree.consistencyProof(size))));
  await add("checkpoints.json", json(checkpointsDocument(checkpoints, (size) => checkpointProofs.get(size)!)));
  await add("public-key.pem", [key.publicKeyPem]);
  for (const script of bundleScripts()) await add(script.name, [script.text]);

  const signed = { chat: facts.chat, period: facts.period, headBefore, head, eventCount: scan.count, merkle, log };
  await add(
    "manifest.json",
    json({
      format: "regbot-dispute-bundle",
      version: 2,
      createdAt: facts.createdAt,
      ...signed,
      defaultTimezone,
      context: { events: context.length, proofs: contextProofs },
      notes: {
        period:
          "The events are the unbroken run of sequence numbers from the first received at or after period.from to the last received before period.to (the period's dates in period.timezone); headBefore is the event just before them.",
        merkle:
          "RFC 6962 tree over the events in events.jsonl, in order; each leaf is the event's SHA-256 (of its line's UTF-8 bytes) as 32 raw bytes.",
        log: "The chat's whole log when exported: size events with RFC 6962 root. before holds the roots of the complete subtrees over the events up to headBefore (none for the whole history), largest first; with the events in events.jsonl they give the root of the log's first head.seq events, and proof is the consistency proof from that tree to the whole log.",
        context:
          "context.jsonl holds the events before the period that its readable files read (regulation, roles, regbot's runs, visibility); proofs[i] is the RFC 6962 inclusion proof of its line i (the event with the seq that line names) in the whole log (log.size, log.root).",
        contract:
          "contract.json states the penalties the contract's terms in the regulation give for stages done late, and the contract's end with the information never provided by then, computed by regbot with the chat's business calendar; it is signed, but verify.mjs does not compute it again.",
        files:
          "Every file but checkpoint.json and SHA256SUMS is named with its SHA-256 in the statement signed in checkpoint.json. The readable files (result.json, messages.html, participants.json, regulation.json, obligations.json, coverage.json) are derived from events.jsonl, context.jsonl and this file alone; verify.mjs derives them again and compares them byte for byte.",
      },
    }),
  );
  const statement = canonicalJson({
    type: "regbot-checkpoint",
    v: 2,
    issuedAt: facts.createdAt,
    ...signed,
    files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1))),
  });
  await add("checkpoint.json", json({ algorithm: "Ed25519", statement, signature: key.sign(statement) }));
  await sink.add("SHA256SUMS", [[...files].map(([name, hash]) => `${hash}  ${name}\n`).join("")]);
  await sink.close();
  return {
    chat,
    eventCount: scan.count,
    head,
    merkleRoot: merkle.root,
    timezone,
    files: [...files.keys(), "SHA256SUMS"],
  };
}

/** The zone of the chat's latest regulation, or the deployment's. */
function chatZone(versions: ReadonlyArray<{ settings: string }>, fallback: string): string {
  const latest = versions.at(-1);
  const zone = latest === undefined ? undefined : (JSON.parse(latest.settings) as { timezone?: string }).timezone;
  return zone ?? fallback;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Inclusive dates in a zone to [from, to) in milliseconds: from the first day's midnight there to the midnight after the last. */
export function periodOf(from: string, to: string, zone = "UTC"): Period {
  const parse = (date: string) => {
    const day = DateTime.fromISO(date, { zone });
    // The round trip rejects what would roll over, like 2026-11-31.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid || day.toISODate() !== date)
      throw new RangeError(`not a date like 2026-11-27: ${date}`);
    return day;
  };
  const period = { from: parse(from).toMillis(), to: parse(to).plus({ days: 1 }).toMillis() };
  if (period.to <= period.from) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  return period;
}

/**
 * Rendering the readable views is most of an export's work: another thread does it while this
 * one does `work` (copying the log); then the views join the bundle.
 */
async function alongsideViews<T>(
  work: () => Promise<T>,
  viewsTask: ViewsTask,
  sink: BundleSink,
  renderViews: RenderViews,
): Promise<[T, RenderedViews]> {
  const stopViews = new AbortController();
  try {
    const done = await Promise.all([work(), renderViews(viewsTask, stopViews.signal)]);
    await sink.adopt(viewsTask.targets, done[1].streamed);
    return done;
  } finally {
    // Nothing is left to stop after a success; after a failure here, the other thread stops too.
    stopViews.abort();
  }
}

async function addLeaves(
  exports: ExportReader,
  chatId: number,
  first: number,
  last: number,
  tree: MerkleTreeBuilder,
): Promise<void> {
  for await (const hash of exports.eventHashes(chatId, first, last)) tree.add(eventLeaf(hash));
}

interface Scan {
  count: number;
  head: ChainHead | null;
  /** The exported events' tree, when they do not start the log. */
  tree: MerkleAccumulator | undefined;
  /** The whole log's tree, its leaves added in order. */
  whole: MerkleTreeBuilder;
}

/** events.jsonl: the stored lines as they are, each counted and hashed into the scan on the way. */
async function* logLines(pages: AsyncIterable<LogPage>, scan: Scan): AsyncGenerator<Buffer> {
  for await (const page of pages) {
    for (const event of page.events) scanned(event, scan);
    yield page.lines;
  }
}

/** Counts the event into the scan, with its leaf. */
function scanned(event: LogPage["events"][number], scan: Scan): void {
  scan.count += 1;
  scan.head = { seq: event.seq, hash: event.hash };
  const leaf = eventLeaf(event.hash);
  scan.whole.add(leaf);
  scan.tree?.add(leaf);
}
