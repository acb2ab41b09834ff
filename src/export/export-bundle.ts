import type { Chat, ChatRepository } from "../db/chat-repository.js";
import type { ExportedEvent, ExportRepository } from "../db/export-repository.js";
import { canonicalJson, type ChainHead } from "../domain/evidence-chain.js";
import { eventLeaf, MerkleAccumulator, MerkleTree } from "../domain/merkle.js";
import type { BundleSink } from "./bundle-sink.js";
import { checkpointsDocument, coverageDocument, obligationsDocument, participantsDocument, regulationDocument, VERIFY_MD, type Period } from "./bundle-documents.js";
import type { DeploymentKey } from "./deployment-key.js";
import { editOf, isEditEvent, isMessageEvent, messageKey, messageView, telegramMessageOf, type Edit, type MessageView } from "./message-view.js";
import { htmlFoot, htmlHead, htmlMessage, htmlRecord } from "./messages-html.js";
import { desktopChatId, desktopChatType, desktopMessage } from "./telegram-desktop.js";
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

export interface ExportSummary {
  chat: Chat;
  eventCount: number;
  head: ChainHead | null;
  merkleRoot: string;
  files: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function writeExportBundle(sources: ExportSources, key: DeploymentKey, request: ExportRequest, sink: BundleSink): Promise<ExportSummary> {
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
  // Pages of events, not single ones: each step through an async generator costs more than the event's own work.
  const range = () => exports.eventPages(chat.id, first, last);
  const versions = await exports.regulationVersions(chat.id);
  const timezone = versions.length > 0 ? ((JSON.parse(versions.at(-1)!.settings) as { timezone?: string }).timezone ?? "UTC") : "UTC";

  const sums: Array<[string, string]> = [];
  const add = async (name: string, chunks: Parameters<BundleSink["add"]>[1]) => sums.push([await sink.add(name, chunks), name]);
  const json = (value: unknown) => [`${JSON.stringify(value, null, 1)}\n`];

  // From the first event, the exported tree is the whole log's first events: no tree of its own is needed.
  const scan: Scan = { count: 0, head: headBefore, tree: first === 1 ? undefined : new MerkleAccumulator(), edits: await editsByMessage(exports, chat.id, first, last), coverage: [] };
  const title = chat.title ?? `chat ${chat.telegramChatId}`;
  const periodText = period ? `${request.period!.from} to ${request.period!.to} (UTC dates)` : "whole history";
  const subtitle = `${periodText}; times in ${timezone}; exported ${new Date(request.now).toISOString()}`;
  // One read of the log gives the stored lines and both readable views.
  const names = ["events.jsonl", "result.json", "messages.html"];
  const digests = await sink.addTogether(names, logFiles(chat, title, subtitle, range(), scan, timezone));
  names.forEach((name, index) => sums.push([digests[index]!, name]));
  const head = scan.count === 0 ? null : scan.head;
  // The whole log as of now, which the checkpoints posted in the chat are proved against; a
  // period's events are tied to it by the subtrees before them and a proof from its end.
  const whole = await wholeLog(exports, chat.id, snapshotLast);
  const merkle = { size: scan.count, root: (scan.tree?.root() ?? whole.rootAt(scan.count)).toString("hex") };
  const hex = (digests: Buffer[]) => digests.map((digest) => digest.toString("hex"));
  const exportedPrefix = (headBefore?.seq ?? 0) + scan.count;
  const log = {
    size: whole.size,
    root: whole.rootAt(whole.size).toString("hex"),
    before: hex(whole.subtreesAt(first - 1)),
    proof: exportedPrefix === 0 ? [] : hex(whole.consistencyProof(exportedPrefix)),
  };

  await add("participants.json", json(participantsDocument(await exports.people(chat.id), await exports.roles(chat.id))));
  await add("regulation.json", json(regulationDocument(versions)));
  await add("obligations.json", json(obligationsDocument(await exports.responseWindows(chat.id), await exports.obligations(chat.id), period)));
  await add("coverage.json", json(coverageDocument(await exports.runs(), scan.coverage, chat.seesAllMessages, period)));

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

async function wholeLog(exports: ExportRepository, chatId: number, size: number): Promise<MerkleTree> {
  const leaves = Buffer.alloc(size * 32);
  let index = 0;
  for await (const hash of exports.eventHashes(chatId, size)) eventLeaf(hash).copy(leaves, 32 * index++);
  return new MerkleTree(leaves.subarray(0, 32 * index));
}

interface Scan {
  count: number;
  head: ChainHead | null;
  /** The exported events' tree, when they do not start the log. */
  tree: MerkleAccumulator | undefined;
  edits: Map<string, Edit[]>;
  coverage: ExportedEvent[];
}

/** The edits in the exported range, by the message they belong to, in the order received. */
async function editsByMessage(exports: ExportRepository, chatId: number, first: number, last: number): Promise<Map<string, Edit[]>> {
  const byMessage = new Map<string, Edit[]>();
  for (const event of await exports.editEvents(chatId, first, last)) {
    const message = telegramMessageOf(event);
    if (message === undefined) continue;
    const key = messageKey(message);
    const edits = byMessage.get(key) ?? [];
    edits.push(editOf(event, message));
    byMessage.set(key, edits);
  }
  return byMessage;
}

/** Counts and hashes the event into the scan, keeps it if it is a coverage change, and gives its line. */
function scanned(event: ExportedEvent, scan: Scan): string {
  scan.count += 1;
  scan.head = { seq: event.seq, hash: event.hash };
  scan.tree?.add(eventLeaf(event.hash));
  if (event.kind === "coverage") scan.coverage.push(event);
  return `${event.line}\n`;
}

type View = { message: MessageView } | { record: ExportedEvent };

/** `editedOriginals`: the edited messages shown so far (their edits are shown with them). */
function* views(events: readonly ExportedEvent[], scan: Scan, editedOriginals: Set<string>): Generator<View> {
  for (const event of events) {
    const message = isMessageEvent(event) || isEditEvent(event) ? telegramMessageOf(event) : undefined;
    if (message === undefined) {
      yield { record: event };
      continue;
    }
    const key = messageKey(message);
    // An edit of a message whose id the log holds once is that message's only edit (see editEvents).
    const edits = scan.edits.get(key) ?? (isEditEvent(event) ? [editOf(event, message)] : []);
    if (isMessageEvent(event)) {
      if (edits.length > 0) editedOriginals.add(key);
      yield { message: messageView(event, message, edits) };
    }
    // An edit of a message from before the period appears once, where its first edit falls.
    else if (!editedOriginals.has(key) && edits[0]?.seq === event.seq) yield { message: messageView(event, message, edits) };
  }
}

/** events.jsonl, result.json (Telegram Desktop's format) and messages.html from one pass over the log: each item is a piece of all three. */
async function* logFiles(chat: Chat, title: string, subtitle: string, pages: AsyncIterable<ExportedEvent[]>, scan: Scan, timezone: string): AsyncGenerator<[string, string, string]> {
  const header = { name: title, type: desktopChatType(chat.type), id: desktopChatId(chat.telegramChatId, chat.type), x_telegram_chat_id: chat.telegramChatId, x_regbot_chat_id: chat.id, x_timezone: timezone };
  yield ["", `${JSON.stringify(header, null, 1).slice(0, -2)},\n "messages": [`, htmlHead(title, subtitle)];
  let separator = "\n";
  const editedOriginals = new Set<string>();
  for await (const page of pages) {
    const json: string[] = [];
    const html: string[] = [];
    for (const item of views(page, scan, editedOriginals)) {
      if (!("message" in item)) {
        html.push(htmlRecord(item.record, timezone));
        continue;
      }
      json.push(`${separator}${JSON.stringify(desktopMessage(item.message, timezone))}`);
      html.push(htmlMessage(item.message, timezone));
      separator = ",\n";
    }
    yield [page.map((event) => scanned(event, scan)).join(""), json.join(""), html.join("")];
  }
  yield ["", "\n ]\n}\n", htmlFoot()];
}
