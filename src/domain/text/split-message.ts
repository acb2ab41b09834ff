/** A formatting entity as Telegram counts it: offsets and lengths in UTF-16 code units. */
export interface TextEntity {
  type: string;
  offset: number;
  length: number;
  [field: string]: unknown;
}

export interface MessagePart {
  text: string;
  entities: TextEntity[];
}

export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Splits a text longer than Telegram allows into parts: at the last line break that fits,
 * else the last space, never inside a formatting entity or a surrogate pair. Only an entity
 * longer than a whole message is itself cut, since nothing else can fit it.
 */
export function splitMessage(
  text: string,
  entities: readonly TextEntity[] = [],
  limit = TELEGRAM_TEXT_LIMIT,
): MessagePart[] {
  const parts: MessagePart[] = [];
  let rest: MessagePart = { text, entities: [...entities] };
  while (rest.text.length > limit) {
    const cut = chooseCut(rest, limit);
    parts.push(slice(rest, 0, cut));
    const skipped = rest.text.slice(cut).match(/^\s*/)![0].length;
    rest = slice(rest, cut + skipped, rest.text.length);
  }
  parts.push(rest);
  return parts.filter((part) => part.text.trim() !== "");
}

function chooseCut(part: MessagePart, limit: number): number {
  const allowed = (position: number) =>
    position > 0 &&
    !splitsSurrogatePair(part.text, position) &&
    !part.entities.some((entity) => entity.offset < position && position < entity.offset + entity.length);
  const newline = lastPosition(part.text, limit, (position) => part.text[position - 1] === "\n" && allowed(position));
  if (newline !== undefined) return newline;
  const space = lastPosition(part.text, limit, (position) => part.text[position - 1] === " " && allowed(position));
  if (space !== undefined) return space;
  return (
    lastPosition(part.text, limit, allowed) ??
    lastPosition(part.text, limit, (position) => !splitsSurrogatePair(part.text, position)) ??
    limit
  );
}

function lastPosition(text: string, limit: number, accept: (position: number) => boolean): number | undefined {
  for (let position = Math.min(limit, text.length); position > 0; position -= 1) if (accept(position)) return position;
  return undefined;
}

function splitsSurrogatePair(text: string, position: number): boolean {
  const before = text.charCodeAt(position - 1);
  return before >= 0xd800 && before <= 0xdbff;
}

/** The part of `part` in [start, end), with entities clipped and moved to the new origin. */
function slice(part: MessagePart, start: number, end: number): MessagePart {
  const entities = part.entities
    .map((entity) => {
      const from = Math.max(entity.offset, start);
      const to = Math.min(entity.offset + entity.length, end);
      return { ...entity, offset: from - start, length: to - from };
    })
    .filter((entity) => entity.length > 0);
  return { text: part.text.slice(start, end), entities };
}
