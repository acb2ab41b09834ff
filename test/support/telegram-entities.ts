/**
 * The clean-up Telegram applies to every formatted text, re-implemented for the fake Bot API
 * (test support only), modelled on tdlib's `fix_formatted_text`: offsets in UTF-16 code units.
 * regbot sends plain text with explicit entities and never a parse_mode, so none is parsed here.
 */
import type { MessageEntity } from "grammy/types";

/** Text plus entities, as Telegram stores a message text. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Telegram's "can't parse entities" failure; `reason` uses Telegram's wording. */
export class EntityParseError extends Error {
  constructor(readonly reason: string) {
    super(`can't parse entities: ${reason}`);
    this.name = "EntityParseError";
  }
}

// tdlib orders entities that share offset and length by this priority.
const TYPE_PRIORITY: Record<string, number> = {
  blockquote: 0,
  expandable_blockquote: 0,
  pre: 11,
  code: 20,
  text_link: 49,
  text_mention: 49,
  bold: 90,
  italic: 91,
  underline: 92,
  strikethrough: 93,
  spoiler: 94,
  custom_emoji: 99,
};

/** Normalises a link like Telegram (adds http://, canonical form); undefined for links Telegram drops. */
export function checkedLink(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  const withScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (!["http:", "https:", "tg:", "ton:", "tonsite:"].includes(url.protocol)) return undefined;
  if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname === "") return undefined;
  return url.href;
}

/** Entity order used by Telegram: offset ascending, longer first, then by type priority. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort(
    (a, b) =>
      a.offset - b.offset || b.length - a.length || (TYPE_PRIORITY[a.type] ?? 50) - (TYPE_PRIORITY[b.type] ?? 50),
  );
}

const ENTITY_TYPES = new Set([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
  "date_time",
]);

/**
 * Validates entities passed explicitly with a text. Stricter than Telegram, which silently clips
 * entities that overflow the text: here that is a 400, so off-by-one offsets fail tests.
 */
export function validateExplicitEntities(text: string, raw: unknown): MessageEntity[] {
  if (!Array.isArray(raw)) throw new EntityParseError('Field "entities" must be an Array');
  return raw.map((candidate: unknown, index) => validateExplicitEntity(text, candidate, index));
}

function validateExplicitEntity(text: string, candidate: unknown, index: number): MessageEntity {
  if (typeof candidate !== "object" || candidate === null) {
    throw new EntityParseError(`entity #${index} must be an Object`);
  }
  const entity = candidate as Record<string, unknown>;
  const { type, offset, length } = entity;
  if (typeof type !== "string" || !ENTITY_TYPES.has(type)) {
    throw new EntityParseError(`entity #${index} has unsupported type ${JSON.stringify(type)}`);
  }
  if (!Number.isInteger(offset) || !Number.isInteger(length)) {
    throw new EntityParseError(`entity #${index} (${type}) must have integer "offset" and "length"`);
  }
  const start = offset as number;
  const size = length as number;
  if (start < 0 || size <= 0 || start + size > text.length) {
    throw new EntityParseError(
      `entity #${index} (${type}) with UTF-16 offset ${start} and length ${size} ` +
        `does not fit the text of UTF-16 length ${text.length}`,
    );
  }
  assertTypeSpecificFields(entity, type, index);
  return { ...entity } as unknown as MessageEntity;
}

function assertTypeSpecificFields(entity: Record<string, unknown>, type: string, index: number): void {
  const missing = (field: string) => new EntityParseError(`entity #${index} (${type}) must have "${field}"`);
  if (type === "text_link") {
    if (typeof entity.url !== "string" || checkedLink(entity.url) === undefined) throw missing("url");
  }
  if (type === "text_mention") {
    const user = entity.user as { id?: unknown } | undefined;
    if (typeof user !== "object" || user === null || typeof user.id !== "number") throw missing("user");
  }
  if (type === "custom_emoji" && typeof entity.custom_emoji_id !== "string") throw missing("custom_emoji_id");
}

/**
 * Telegram's final clean-up of a formatted text: entities nested in pre/code are dropped,
 * trailing whitespace is cut, leading spaces/newlines before the first entity are cut,
 * and entities are re-clipped and sorted.
 */
export function finishFormattedText({ text, entities }: FormattedText): FormattedText {
  const kept = dropEntitiesInsideCode(sortEntities(entities));
  const rightTrimmed = trimEnd(text, kept);
  return trimStart(rightTrimmed.text, sortEntities(rightTrimmed.entities));
}

function dropEntitiesInsideCode(sorted: MessageEntity[]): MessageEntity[] {
  const kept: MessageEntity[] = [];
  const codeSpans: MessageEntity[] = [];
  for (const entity of sorted) {
    const end = entity.offset + entity.length;
    // pre and code cannot contain other entities.
    if (codeSpans.some((span) => entity.offset >= span.offset && end <= span.offset + span.length)) continue;
    kept.push(entity);
    if (entity.type === "pre" || entity.type === "code") codeSpans.push(entity);
  }
  return kept;
}

function trimEnd(text: string, entities: MessageEntity[]): FormattedText {
  const trimmedLength = text.replace(/\s+$/u, "").length;
  const clipped = entities
    .filter((entity) => entity.offset < trimmedLength)
    .map((entity) => ({ ...entity, length: Math.min(entity.length, trimmedLength - entity.offset) }));
  return { text: text.slice(0, trimmedLength), entities: clipped };
}

function trimStart(text: string, sorted: MessageEntity[]): FormattedText {
  const firstEntityOffset = sorted[0]?.offset ?? text.length;
  let cut = 0;
  while (cut < firstEntityOffset && (text[cut] === " " || text[cut] === "\n")) cut++;
  if (cut === 0) return { text, entities: sorted };
  return { text: text.slice(cut), entities: sorted.map((entity) => ({ ...entity, offset: entity.offset - cut })) };
}
