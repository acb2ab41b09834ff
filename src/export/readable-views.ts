import type { ExportedEvent, ExportRepository } from "../db/export-repository.js";
import { editOf, isEditEvent, isMessageEvent, messageKey, messageView, telegramMessageOf, type Edit, type MessageView } from "./message-view.js";
import { htmlFoot, htmlHead, htmlMessage, htmlRecord } from "./messages-html.js";
import { stagedFile, type MeasuredFile, type StagedTarget } from "./staged-file.js";
import { desktopChatId, desktopChatType, desktopMessage } from "./telegram-desktop.js";

/**
 * result.json (Telegram Desktop's format) and messages.html: the log for people and their
 * tools, rendered from the stored lines in one pass, apart from the copy of the log itself so
 * another thread can do it meanwhile.
 */
export const VIEW_FILES = ["result.json", "messages.html"];

export interface ViewsTask {
  chat: { id: number; telegramChatId: number; type: string };
  title: string;
  subtitle: string;
  timezone: string;
  /** The exported events: seq in [first, last]. */
  first: number;
  last: number;
  /** Where to write VIEW_FILES, in that order. */
  targets: StagedTarget[];
}

export async function writeReadableViews(exports: ExportRepository, task: ViewsTask): Promise<MeasuredFile[]> {
  const { chat, timezone } = task;
  const [json, html] = task.targets.map(stagedFile) as [ReturnType<typeof stagedFile>, ReturnType<typeof stagedFile>];
  const header = { name: task.title, type: desktopChatType(chat.type), id: desktopChatId(chat.telegramChatId, chat.type), x_telegram_chat_id: chat.telegramChatId, x_regbot_chat_id: chat.id, x_timezone: timezone };
  await json.write(`${JSON.stringify(header, null, 1).slice(0, -2)},\n "messages": [`);
  await html.write(htmlHead(task.title, task.subtitle));
  const edits = await editsByMessage(exports, chat.id, task.first, task.last);
  const editedOriginals = new Set<string>();
  let separator = "\n";
  for await (const page of exports.eventPages(chat.id, task.first, task.last)) {
    const jsonPieces: string[] = [];
    const htmlPieces: string[] = [];
    for (const item of views(page, edits, editedOriginals)) {
      if (!("message" in item)) {
        htmlPieces.push(htmlRecord(item.record, timezone));
        continue;
      }
      jsonPieces.push(`${separator}${JSON.stringify(desktopMessage(item.message, timezone))}`);
      htmlPieces.push(htmlMessage(item.message, timezone));
      separator = ",\n";
    }
    await json.write(jsonPieces.join(""));
    await html.write(htmlPieces.join(""));
  }
  await json.write("\n ]\n}\n");
  await html.write(htmlFoot());
  return [await json.end(), await html.end()];
}

/** The edits in the exported range, by the message they belong to, in the order received. */
async function editsByMessage(exports: ExportRepository, chatId: number, first: number, last: number): Promise<Map<string, Edit[]>> {
  const byMessage = new Map<string, Edit[]>();
  for await (const page of exports.editPages(chatId, first, last)) {
    for (const event of page) {
      const message = telegramMessageOf(event);
      if (message === undefined) continue;
      const key = messageKey(message);
      const edits = byMessage.get(key) ?? [];
      edits.push(editOf(event, message));
      byMessage.set(key, edits);
    }
  }
  return byMessage;
}

type View = { message: MessageView } | { record: ExportedEvent };

/** `editedOriginals`: the edited messages shown so far (their edits are shown with them). */
function* views(events: readonly ExportedEvent[], editsOf: Map<string, Edit[]>, editedOriginals: Set<string>): Generator<View> {
  for (const event of events) {
    const message = isMessageEvent(event) || isEditEvent(event) ? telegramMessageOf(event) : undefined;
    if (message === undefined) {
      yield { record: event };
      continue;
    }
    const key = messageKey(message);
    const edits = editsOf.get(key) ?? [];
    if (isMessageEvent(event)) {
      if (edits.length > 0) editedOriginals.add(key);
      yield { message: messageView(event, message, edits) };
    }
    // An edit of a message from before the period appears once, where its first edit falls.
    else if (!editedOriginals.has(key) && edits[0]?.seq === event.seq) yield { message: messageView(event, message, edits) };
  }
}
