import type { Chat, ChatRepository } from "../db/chat-repository.js";
import type { ExportRepository, LogPage } from "../db/export-repository.js";
import { canonicalJson, type ChainHead } from "../domain/evidence-chain.js";
import { eventLeaf, MerkleAccumulator, MerkleTreeBuilder, type MerkleTree } from "../domain/merkle.js";
import type { BundleSink } from "./bundle-sink.js";
import { contractDocument } from "./contract-consequences.js";
import { checkpointsDocument, coverageDocument, obligationsDocument, participantsDocument, regulationDocument, VERIFY_MD, type Period } from "./bundle-documents.js";
import type { DeploymentKey } from "./deployment-key.js";
import { VIEW_FILES, type ViewsTask } from "./readable-views.js";
import type { MeasuredFile } from "./staged-file.js";
import { VERIFY_SCRIPT } from "./verify-script.js";

/**
 * Writes a chat's dispute bundle: the log's stored lines, readable views of it, the facts
 * around it, a signed checkpoint, the checkpoints posted in the chat with their consistency
 * proofs, and a checker the other party can run without regbot.
 */
export interface ExportSources {
  exports: ExportRepository;
  chats: ChatRepository;
}

export interface ExportRequest {
  chatId: number;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  period?: { from: string; to: string };
  now: number;
}

/** Renders the readable views of a range of the log (another thread, with its own connection). */
export type RenderViews = (task: ViewsTask, signal: AbortSignal) => Promise<MeasuredFile[]>;

export interface ExportSummary {
  chat: Chat;
  eventCount: number;
  head: ChainHead | null;
  merkleRoot: string;
  files: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function writeExportBundle(sources: ExportSources, key: DeploymentKey, request: ExportRequest, sink: BundleSink, renderViews: RenderViews): Promise<ExportSummary> {
  const { exports } = sources;
  const chat = await sources.chats.findById(request.chatId);
  if (chat === undefined) throw new Error(`no chat with id ${request.chatId}`);
  const period = request.period && periodOf(request.period.from, request.period.to);
  // The log keeps growing while we read it: everything is bounded by the head seen now.
  const snapshotLast = await exports.lastSeq(chat.id);
  const first = period ? (await exports.lastSeqBefore(chat.id, period.from)) + 1 : 1;
  const last = period ? Math.min(snapshotLast, await exports.lastSeqBefore(chat.id, period.to)) : snapshotLast;
  const beforeEvent = first > 1 ? await exports.eventAt(chat.id, first - 1) : undefined;
  const headBefore: ChainHead | null = beforeEvent ? { seq: beforeEvent.seq, hash: beforeEvent.hash } : null;
  const versions = await exports.regulationVersions(chat.id);
  const timezone = versions.length > 0 ? ((JSON.parse(versions.at(-1)!.settings) as { timezone?: string }).timezone ?? "UTC") : "UTC";

  const sums: Array<[string, string]> = [];
  const add = async (name: string, chunks: Parameters<BundleSink["add"]>[1]) => sums.push([await sink.add(name, chunks), name]);
  const json = (value: unknown) => [`${JSON.stringify(value, null, 1)}\n`];

  const title = chat.title ?? `chat ${chat.telegramChatId}`;
  const periodText = period ? `${request.period!.from} to ${request.period!.to} (UTC dates)` : "whole history";
  const subtitle = `${periodText}; times in ${timezone}; exported ${new Date(request.now).toISOString()}`;
  // From the first event, the exported tree is the whole log's first events: no tree of its own is needed.
  const scan: Scan = { count: 0, head: headBefore, tree: first === 1 ? undefined : new MerkleAccumulator(), whole: new MerkleTreeBuilder(), coverageSeqs: [] };
  const viewsTask: ViewsTask = { chat: { id: chat.id, telegramChatId: chat.telegramChatId, type: chat.type }, title, subtitle, timezone, first, last, targets: sink.stage(VIEW_FILES) };
  const [{ linesSum, whole }, views] = await alongsideViews(
    async () => {
      // The whole log as of now, which the checkpoints posted in the chat are proved against; a
      // period's events are tied to it by the subtrees before them and a proof from its end.
      await addLeaves(exports, chat.id, 1, first - 1, scan.whole);
      const linesSum = await sink.add("events.jsonl", logLines(exports.logPages(chat.id, first, last), scan));
      await addLeaves(exports, chat.id, last + 1, snapshotLast, scan.whole);
      return { linesSum, whole: wholeLog(exports, chat.id, scan.whole, snapshotLast) };
    },
    viewsTask,
    sink,
    renderViews,
  );
  sums.push([linesSum, "events.jsonl"], ...views.map((view, index): [string, string] => [view.sha256, VIEW_FILES[index]!]));
  const head = scan.count === 0 ? null : scan.head;
  const merkle = { size: scan.count, root: (scan.tree?.root() ?? whole.rootAt(scan.count)).toString("hex") };
  const hex = (digests: Buffer[]) => digests.map((digest) => digest.toString("hex"));
  const exportedPrefix = (headBefore?.seq ?? 0) + scan.count;
  const log = {
    size: whole.size,
    root: whole.rootAt(whole.size).toString("hex"),
    before: hex(whole.subtreesAt(first - 1)),
    proof: exportedPrefix === 0 ? [] : hex(whole.consistencyProof(exportedPrefix)),
  };
  const coverageEvents = await Promise.all(scan.coverageSeqs.map(async (seq) => (await exports.eventAt(chat.id, seq))!));

  await add("participants.json", json(participantsDocument(await exports.people(chat.id), await exports.roles(chat.id))));
  await add("regulation.json", json(regulationDocument(versions)));
  const obligations = await exports.obligations(chat.id);
  await add("obligations.json", json({ ...obligationsDocument(await exports.responseWindows(chat.id), obligations, period), contract: contractDocument(versions, obligations, period) }));
  await add("coverage.json", json(coverageDocument(await exports.runs(), coverageEvents, chat.seesAllMessages, period)));

  const facts = {
    chat: { id: chat.id, telegramChatId: chat.telegramChatId, title: chat.title, type: chat.type },
    period: period ? { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() } : null,
    headBefore,
    head,
    eventCount: scan.count,
    merkle,
    log,
  };
  await add(
    "manifest.json",
    json({
      format: "regbot-dispute-bundle",
      version: 1,
      createdAt: new Date(request.now).toISOString(),
      ...facts,
      notes: {
        period: "The events are the unbroken run of sequence numbers from the first received at or after period.from to the last received before period.to; headBefore is the event just before them.",
        merkle: "RFC 6962 tree over the events in events.jsonl, in order; each leaf is the event's SHA-256 (of its line's UTF-8 bytes) as 32 raw bytes.",
        log: "The chat's whole log when exported: size events with RFC 6962 root. before holds the roots of the complete subtrees over the events up to headBefore (none for the whole history), largest first; with the events in events.jsonl they give the root of the log's first head.seq events, and proof is the consistency proof from that tree to the whole log.",
      },
    }),
  );
  const statement = canonicalJson({ type: "regbot-checkpoint", v: 1, issuedAt: new Date(request.now).toISOString(), ...facts });
  await add("checkpoint.json", json({ algorithm: "Ed25519", statement, signature: key.sign(statement) }));
  await add("checkpoints.json", json(checkpointsDocument(await exports.checkpoints(chat.id, snapshotLast), (size) => hex(whole.consistencyProof(size)))));
  await add("public-key.pem", [key.publicKeyPem]);
  await add("VERIFY.md", [VERIFY_MD]);
  await add("verify.mjs", [VERIFY_SCRIPT]);
  await sink.add("SHA256SUMS", [sums.map(([hash, name]) => `${hash}  ${name}\n`).join("")]);
  await sink.close();
  return { chat, eventCount: scan.count, head, merkleRoot: merkle.root, files: [...sums.map(([, name]) => name), "SHA256SUMS"] };
}

/** Inclusive UTC dates to [from, to) in milliseconds. */
export function periodOf(from: string, to: string): Period {
  const parse = (date: string) => {
    const ms = Date.parse(`${date}T00:00:00Z`);
    // The round trip rejects what Date.parse would roll over, like 2026-11-31.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date like 2026-11-27: ${date}`);
    return ms;
  };
  const period = { from: parse(from), to: parse(to) + DAY_MS };
  if (period.to <= period.from) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  return period;
}

/**
 * Rendering the readable views is most of an export's work: another thread does it while this
 * one does `work` (copying the log); then the views join the bundle.
 */
async function alongsideViews<T>(work: () => Promise<T>, viewsTask: ViewsTask, sink: BundleSink, renderViews: RenderViews): Promise<[T, MeasuredFile[]]> {
  const stopViews = new AbortController();
  try {
    const done = await Promise.all([work(), renderViews(viewsTask, stopViews.signal)]);
    await sink.adopt(viewsTask.targets, done[1]);
    return done;
  } finally {
    // Nothing is left to stop after a success; after a failure here, the other thread stops too.
    stopViews.abort();
  }
}

async function addLeaves(exports: ExportRepository, chatId: number, first: number, last: number, tree: MerkleTreeBuilder): Promise<void> {
  for await (const hash of exports.eventHashes(chatId, first, last)) tree.add(eventLeaf(hash));
}

/** The whole log's tree; the few leaves a proof needs below its kept levels are read back from the log. */
function wholeLog(exports: ExportRepository, chatId: number, tree: MerkleTreeBuilder, size: number): MerkleTree {
  if (tree.size !== size) throw new Error(`the log has ${tree.size} of the ${size} events its sequence numbers promise`);
  return tree.build((start, end) => exports.hashesBetween(chatId, start + 1, end).map(eventLeaf));
}

interface Scan {
  count: number;
  head: ChainHead | null;
  /** The exported events' tree, when they do not start the log. */
  tree: MerkleAccumulator | undefined;
  /** The whole log's tree, its leaves added in order. */
  whole: MerkleTreeBuilder;
  /** Visibility changes, read whole afterwards for coverage.json. */
  coverageSeqs: number[];
}

/** events.jsonl: the stored lines as they are, each counted and hashed into the scan on the way. */
async function* logLines(pages: AsyncIterable<LogPage>, scan: Scan): AsyncGenerator<Buffer> {
  for await (const page of pages) {
    for (const event of page.events) scanned(event, scan);
    yield page.lines;
  }
}

/** Counts the event into the scan, with its leaf, and notes a visibility change. */
function scanned(event: LogPage["events"][number], scan: Scan): void {
  scan.count += 1;
  scan.head = { seq: event.seq, hash: event.hash };
  const leaf = eventLeaf(event.hash);
  scan.whole.add(leaf);
  scan.tree?.add(leaf);
  if (event.kind === "coverage") scan.coverageSeqs.push(event.seq);
}
