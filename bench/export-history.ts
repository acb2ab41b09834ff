import type { Message, Update, User } from "grammy/types";
import { describeSent } from "../src/records/describe-sent.js";
import { describeUpdate } from "../src/records/describe-update.js";
import { ChainFrontiers } from "../src/db/chain-frontiers.js";
import { CorrespondenceRepository } from "../src/db/correspondence-repository.js";
import { openDatabase } from "../src/db/database.js";
import { OutboxRepository } from "../src/db/outbox-repository.js";
import { RegulationRepository } from "../src/db/regulation-repository.js";
import type { EventDraft } from "../src/domain/correspondence.js";
import { sealEvent, type ChainHead } from "../src/domain/evidence-chain.js";
import { eventLeaf } from "../src/domain/merkle.js";
import { defaultRegulation } from "../src/domain/regulation/regulation.js";

/**
 * A long client chat written straight into the log with the real event shapes and the real
 * chain: client and specialist messages, edits, replies, voice messages with their texts
 * and regbot's own messages, in Madrid's time zone (local times are written for every message).
 * The regular ingest path would take minutes for a million events. The chat's Merkle frontier is
 * kept as the events are written, in the same transactions, as regbot's appends keep it; unless
 * `withoutFrontier`: then the chat is as one logged before frontiers were kept.
 */
const CHAT = { id: -1001987654321, type: "supergroup" as const, title: "Acme × Sofía" };
const CLIENT: User = { id: 601, is_bot: false, first_name: "Iván", last_name: "Petrov", language_code: "ru" };
const SPECIALIST: User = {
  id: 501,
  is_bot: false,
  first_name: "Sofía",
  last_name: "Marketing",
  username: "sofia_smm",
  language_code: "es",
};
const REGBOT: User = { id: 7000001, is_bot: true, first_name: "regbot", username: "regbot_bench_bot" };
const TEXTS = [
  "Buenos días, ¿cómo van los anuncios de la campaña de otoño? Necesito el informe antes del viernes.",
  "Подготовила три варианта креативов, посмотрите, пожалуйста, до конца дня.",
  "The audience analysis is done: 25–34, Madrid and Barcelona, interest in outdoor sports.",
  "¿Puedes enviarme el acceso al gestor de anuncios? Sin él no puedo lanzar la prueba A/B.",
  "Ок, завтра пришлю доступ и логотип в векторе.",
];
const START = Date.parse("2024-01-01T09:00:00Z");

export interface SeededChat {
  chatId: number;
  events: number;
}

export async function seedLongChat(
  databasePath: string,
  events: number,
  { withoutFrontier = false }: { withoutFrontier?: boolean } = {},
): Promise<SeededChat> {
  const database = openDatabase(databasePath);
  // Seeding only: nothing here needs to survive a power cut.
  database.sqlite.pragma("synchronous = OFF");
  const correspondence = new CorrespondenceRepository(database.orm);
  const first = withUpdateId(1, { message: message(1, CLIENT, TEXTS[0]!) });
  await correspondence.ingest([{ updateId: 1, payload: first, drafts: describeUpdate(first) }], START);
  const chatId = (database.sqlite.prepare("select id from chats").get() as { id: number }).id;
  await new RegulationRepository(database.orm, correspondence, new OutboxRepository(database.orm, correspondence)).save(
    {
      chatId,
      regulation: defaultRegulation({ timezone: "Europe/Madrid", language: "es" }),
      changedBy: SPECIALIST.id,
      at: START,
      record: (version) => ({
        chat: { telegramChatId: CHAT.id, type: CHAT.type },
        kind: "regulation",
        source: "bench:regulation",
        payload: {
          version,
          changedBy: SPECIALIST.id,
          changes: [],
          regulation: defaultRegulation({ timezone: "Europe/Madrid", language: "es" }),
        },
      }),
    },
  );
  const insert = database.sqlite.prepare(
    `insert into events (chat_id, seq, source, kind, prev_hash, hash, line, received_at, telegram_date, sender_id, message_id, text, reply_to_message_id, media_type, file_id, file_unique_id, mime_type, duration)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let head: ChainHead = database.sqlite
    .prepare("select seq, hash from events where chat_id = ? order by seq desc limit 1")
    .get(chatId) as ChainHead;
  const frontiers = new ChainFrontiers(database.orm);
  const frontier = frontiers.at(chatId, head.seq);
  if (frontier === undefined) throw new Error(`seed: no frontier kept over the first ${head.seq} events`);
  const writeBatch = database.sqlite.transaction((from: number, to: number) => {
    for (let index = from; index < to; index += 1) {
      const at = START + index * 30_000;
      const [draft] = draftFor(index);
      const sealed = sealEvent(head, {
        chat: chatId,
        kind: draft!.kind,
        source: draft!.source,
        at: new Date(at).toISOString(),
        payload: draft!.payload,
      });
      const media = draft!.media;
      insert.run(
        chatId,
        sealed.seq,
        draft!.source,
        draft!.kind,
        sealed.prevHash,
        sealed.hash,
        sealed.line,
        at,
        draft!.telegramDate ?? null,
        draft!.senderId ?? null,
        draft!.messageId ?? null,
        draft!.text ?? null,
        draft!.replyToMessageId ?? null,
        media?.type ?? null,
        media?.fileId ?? null,
        media?.fileUniqueId ?? null,
        media?.mimeType ?? null,
        media?.duration ?? null,
      );
      head = { seq: sealed.seq, hash: sealed.hash };
      if (!withoutFrontier) frontier.add(eventLeaf(sealed.hash));
    }
    if (!withoutFrontier) frontiers.write(chatId, frontier);
  });
  for (let from = 3; from <= events; from += 10_000) writeBatch(from, Math.min(events + 1, from + 10_000));
  if (withoutFrontier) database.sqlite.prepare("delete from chain_frontiers where chat_id = ?").run(chatId);
  database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  database.close();
  return { chatId, events };
}

/** Event `index`: every 50th an edit of the message before it, every 20th regbot's, every 40th a voice message. */
function draftFor(index: number): EventDraft[] {
  const from = index % 3 === 0 ? SPECIALIST : CLIENT;
  const text = `${TEXTS[index % TEXTS.length]!} (#${index})`;
  if (index % 50 === 0)
    return describeUpdate(
      withUpdateId(index, {
        edited_message: {
          ...message(index - 1, from, `${text} — corregido`),
          edit_date: date(index),
        } as Update["edited_message"],
      }),
    );
  if (index % 20 === 0)
    return describeSent("sendMessage", {
      ...message(index, REGBOT, `Recordatorio: R${index % 7} vence el viernes a las 19:00 (Europe/Madrid).`),
      reply_to_message: message(index - 1, from, text),
    } as Message);
  if (index % 40 === 1) {
    const voice = {
      file_id: `AwACAgIAAxkBAAI${index}`,
      file_unique_id: `AgAD${index}`,
      duration: 40 + (index % 90),
      mime_type: "audio/ogg",
    };
    return describeUpdate(
      withUpdateId(index, { message: { ...message(index, from, ""), text: undefined, voice } as Update["message"] }),
    );
  }
  const reply =
    index % 7 === 0
      ? { reply_to_message: message(index - 2, index % 2 ? CLIENT : SPECIALIST, TEXTS[(index + 1) % TEXTS.length]!) }
      : {};
  return describeUpdate(
    withUpdateId(index, { message: { ...message(index, from, text), ...reply } as Update["message"] }),
  );
}

function message(id: number, from: User, text: string): NonNullable<Update["message"]> {
  return { message_id: id, date: date(id), chat: CHAT, from, text };
}

function date(index: number): number {
  return Math.floor((START + index * 30_000) / 1000);
}

function withUpdateId(updateId: number, update: Omit<Update, "update_id">): Update {
  return { update_id: updateId, ...update } as Update;
}
