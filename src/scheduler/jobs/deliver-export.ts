import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { GrammyError, InputFile, type Api } from "grammy";
import type { Logger } from "pino";
import type { Clock } from "../../clock.js";
import type { Chat } from "../../db/chat-repository.js";
import type { ExportDatabase } from "../../db/export-snapshot.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Repositories } from "../../db/repositories.js";
import {
  bundleFileName,
  partFileName,
  planDelivery,
  MAX_PARTS,
  type BundleDelivery,
} from "../../domain/export/bundle-delivery.js";
import type { Language, Translate } from "../../domain/languages.js";
import type { ExportSummary } from "../../export/export-bundle.js";
import { exportInWorker } from "../../export/export-in-worker.js";
import { regulationOf } from "../../bot/shared/chat-regulation.js";
import { personName } from "../../bot/format/people.js";
import { exportLinkPayload, exportRequestKey, type ExportOrder } from "./export-order.js";

/**
 * One attempt at an export: the person must still be a specialist or the client's contact and
 * reachable privately (otherwise the group gets a link to start regbot); the bundle is written
 * by a worker, sent to them privately (in parts past Telegram's upload limit), and the group is
 * told where it went. Its outcome is logged with what the group is told.
 */
export interface ExportDeps {
  repositories: Pick<Repositories, "chats" | "roles" | "people" | "regulations" | "exportRequests">;
  api: Pick<Api, "sendMessage" | "sendDocument">;
  translate: Translate;
  defaultLanguage: Language;
  defaultTimezone: string;
  clock: Clock;
  logger: Logger;
  /** The database the export's worker reads; none where nothing is ever exported (benchmarks, in memory). */
  database: ExportDatabase | undefined;
  /** The deployment's signing key, with the database file. */
  signingKeyPath: string | undefined;
  /** The largest file Telegram takes from a bot. */
  uploadLimitBytes: number;
  botUsername: () => string;
}

/** Telegram's limit for a bot's upload, with room for the request around the file. */
export const TELEGRAM_UPLOAD_LIMIT = 50_000_000;

/** grammY types its signal after a polyfill; Node's own AbortSignal is what it gets at run time. */
type ApiSignal = Parameters<Api["sendMessage"]>[3];

interface Scene {
  chat: Chat;
  order: ExportOrder;
  groupLanguage: Language;
  name: string;
  title: string;
  period: { group: string; private: string };
}

interface Bundle {
  summary: ExportSummary;
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
}

export async function deliverExport(
  deps: ExportDeps,
  attemptKey: string,
  order: ExportOrder,
  signal: AbortSignal,
  onAnnounced: () => void,
): Promise<void> {
  const scene = await sceneOf(deps, order);
  const role = await deps.repositories.roles.roleOf(order.chatId, order.userId);
  if (role !== "specialist" && role !== "client" && role !== "manager") {
    await settle(
      deps,
      attemptKey,
      scene,
      { event: "export-refused", reason: "no longer a specialist or the client's contact" },
      groupSays(deps, scene, "export-no-longer-allowed"),
    );
    return;
  }
  if (!order.announced) {
    if (!(await reachable(deps, scene, signal))) {
      await settle(deps, attemptKey, scene, { event: "export-awaiting-start" }, startLink(deps, scene));
      return;
    }
    onAnnounced();
  }
  const folder = mkdtempSync(join(tmpdir(), "regbot-delivery-"));
  try {
    const bundle = await writeBundle(deps, scene, folder, signal);
    const delivery = planDelivery(bundle.bytes, deps.uploadLimitBytes);
    await send(deps, scene, bundle, delivery, signal);
    const { summary } = bundle;
    const record = {
      event: delivery.kind === "too-large" ? "export-too-large" : "export-sent",
      role,
      file: bundle.fileName,
      bytes: bundle.bytes,
      sha256: bundle.sha256,
      parts: delivery.kind === "parts" ? delivery.parts.length : delivery.kind === "whole" ? 1 : 0,
      eventCount: summary.eventCount,
      head: summary.head,
      merkleRoot: summary.merkleRoot,
    };
    const said =
      delivery.kind === "too-large"
        ? groupSays(deps, scene, "export-too-large-group", { megabytes: megabytes(bundle.bytes) })
        : groupSays(deps, scene, "export-sent-group");
    await settle(deps, attemptKey, scene, record, said);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** After the last failed attempt: the group hears it did not work, addressed to the person who asked. */
export async function settleFailedExport(
  deps: ExportDeps,
  attemptKey: string,
  order: ExportOrder,
  reason: string,
): Promise<void> {
  const scene = await sceneOf(deps, order);
  await settle(
    deps,
    attemptKey,
    scene,
    { event: "export-failed", reason },
    groupSays(deps, scene, "export-failed-group"),
  );
}

async function sceneOf(deps: ExportDeps, order: ExportOrder): Promise<Scene> {
  const { chats, people } = deps.repositories;
  const chat = await chats.findById(order.chatId);
  if (chat === undefined) throw new Error(`no chat with id ${order.chatId}`);
  const { regulation } = await regulationOf({ ...deps, regulations: deps.repositories.regulations }, chat);
  const periodIn = (language: Language) =>
    order.period === null
      ? deps.translate(language, "export-period-whole")
      : deps.translate(language, "export-period-dates", { ...order.period, timezone: regulation.timezone });
  return {
    chat,
    order,
    groupLanguage: regulation.language,
    name: personName(await people.find(chat.id, order.userId), order.userId),
    title: chat.title ?? String(chat.telegramChatId),
    period: { group: periodIn(regulation.language), private: periodIn(order.language) },
  };
}

/** Says privately that the export is being made; false when the person never started regbot (or blocked it). */
async function reachable(deps: ExportDeps, scene: Scene, signal: AbortSignal): Promise<boolean> {
  const text = deps.translate(scene.order.language, "export-preparing", {
    chat: scene.title,
    period: scene.period.private,
  });
  try {
    await deps.api.sendMessage(scene.order.userId, text, {}, signal as ApiSignal);
    return true;
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) return false;
    throw error;
  }
}

async function writeBundle(deps: ExportDeps, scene: Scene, folder: string, signal: AbortSignal): Promise<Bundle> {
  if (deps.database === undefined || deps.signingKeyPath === undefined)
    throw new Error("exports read the database from its file or server, and this one has neither");
  const now = deps.clock();
  const { order } = scene;
  const fileName = bundleFileName(scene.title, order.period ?? undefined, new Date(now).toISOString().slice(0, 10));
  const path = join(folder, fileName);
  const request = {
    chatId: order.chatId,
    now,
    defaultTimezone: deps.defaultTimezone,
    ...(order.period === null ? {} : { period: order.period }),
  };
  const summary = await exportInWorker(
    { database: deps.database, signingKeyPath: deps.signingKeyPath, request, out: path },
    signal,
  );
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return { summary, path, fileName, bytes: statSync(path).size, sha256: hash.digest("hex") };
}

async function send(
  deps: ExportDeps,
  scene: Scene,
  bundle: Bundle,
  delivery: BundleDelivery,
  abort: AbortSignal,
): Promise<void> {
  const { api, translate } = deps;
  const signal = abort as ApiSignal;
  const { order } = scene;
  const language = order.language;
  const about = { chat: scene.title, period: scene.period.private };
  if (delivery.kind === "whole") {
    const caption = translate(language, "export-caption", {
      ...about,
      events: bundle.summary.eventCount,
      root: bundle.summary.merkleRoot,
      sha256: bundle.sha256,
    });
    await api.sendDocument(order.userId, new InputFile(bundle.path, bundle.fileName), { caption }, signal);
    return;
  }
  if (delivery.kind === "too-large") {
    const command = `npm run export -- --chat=${order.chatId}${order.period === null ? "" : ` --from ${order.period.from} --to ${order.period.to}`} --out ${bundle.fileName}`;
    await api.sendMessage(
      order.userId,
      translate(language, "export-too-large", {
        ...about,
        megabytes: megabytes(bundle.bytes),
        max: MAX_PARTS,
        command,
      }),
      {},
      signal,
    );
    return;
  }
  const names = delivery.parts.map((_, index) => partFileName(bundle.fileName, index));
  for (const [index, part] of delivery.parts.entries()) {
    // A supplier, not a stream: a retried upload reads the part again.
    const file = new InputFile(
      () => createReadStream(bundle.path, { start: part.start, end: part.end - 1 }),
      names[index],
    );
    await api.sendDocument(
      order.userId,
      file,
      { caption: translate(language, "export-part-caption", { ...about, part: index + 1, parts: names.length }) },
      signal,
    );
  }
  const joining = {
    ...about,
    parts: names.length,
    megabytes: megabytes(bundle.bytes),
    unix: `cat ${names.join(" ")} > ${bundle.fileName}`,
    windows: `copy /b ${names.join("+")} ${bundle.fileName}`,
    first: names[0]!,
    sha256: bundle.sha256,
    events: bundle.summary.eventCount,
    root: bundle.summary.merkleRoot,
  };
  await api.sendMessage(order.userId, translate(language, "export-parts-join", joining), {}, signal);
}

function groupSays(
  deps: ExportDeps,
  scene: Scene,
  key: string,
  variables: Record<string, string | number> = {},
): OutgoingMessage[] {
  return [
    {
      ...toGroup(scene),
      text: deps.translate(scene.groupLanguage, key, { name: scene.name, period: scene.period.group, ...variables }),
    },
  ];
}

/** In the group, for someone regbot cannot write to yet: the link opens a private chat with the request in it. */
function startLink(deps: ExportDeps, scene: Scene): OutgoingMessage[] {
  const link = `https://t.me/${deps.botUsername()}?start=${exportLinkPayload(scene.order)}`;
  const text = deps.translate(scene.groupLanguage, "export-start-needed", {
    name: scene.name,
    period: scene.period.group,
    link,
  });
  const button = deps.translate(scene.groupLanguage, "export-start-button");
  return [{ ...toGroup(scene), text, replyMarkup: { inline_keyboard: [[{ text: button, url: link }]] } }];
}

function toGroup(scene: Scene): Pick<OutgoingMessage, "to" | "replyToMessageId"> {
  const { chat, order } = scene;
  const to = { chatId: chat.id, ...(order.threadId === null ? {} : { threadId: order.threadId }) };
  return order.messageId === null ? { to } : { to, replyToMessageId: order.messageId };
}

async function settle(
  deps: ExportDeps,
  attemptKey: string,
  scene: Scene,
  outcome: Record<string, unknown>,
  messages: OutgoingMessage[],
): Promise<void> {
  const { chat, order } = scene;
  const record = {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "action" as const,
    payload: {
      ...outcome,
      request: exportRequestKey(order.chatId, order.updateId),
      for: order.userId,
      period: order.period,
    },
  };
  const keyed = messages.map((message, index) => ({ ...message, dedupeKey: `${attemptKey}:said:${index}` }));
  await deps.repositories.exportRequests.settle(attemptKey, record, keyed, deps.clock());
}

/** Megabytes with one decimal, which Fluent writes in each language's way. */
function megabytes(bytes: number): number {
  return Math.round(bytes / 100_000) / 10;
}
