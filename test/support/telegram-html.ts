/**
 * Telegram's "HTML" parse mode and the clean-up Telegram applies to every
 * formatted text, re-implemented for the fake Bot API (test support only).
 *
 * Modelled on tdlib's `parse_html` and `fix_formatted_text`: same tags, same
 * error wording, offsets in UTF-16 code units. One deliberate difference: a
 * bare `&` that starts no known character reference is an error here, while
 * Telegram keeps it literally; tests should fail on text that was not escaped.
 */
import type { MessageEntity, User } from "grammy/types";

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

const SUPPORTED_TAGS = new Set([
  "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
  "span", "tg-spoiler", "tg-emoji", "code", "pre", "blockquote",
]);

const NAMED_CHARACTER_REFERENCES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

// tdlib orders entities that share offset and length by this priority.
const TYPE_PRIORITY: Record<string, number> = {
  blockquote: 0, expandable_blockquote: 0, pre: 11, code: 20, text_link: 49, text_mention: 49,
  bold: 90, italic: 91, underline: 92, strikethrough: 93, spoiler: 94, custom_emoji: 99,
};

/** Parses `parse_mode: "HTML"` text into plain text and entities, or throws EntityParseError. */
export function parseTelegramHtml(html: string): FormattedText {
  return new TelegramHtmlParser(html).parse();
}

/** An entity under construction; `code` keeps its language until it merges with a `pre`. */
interface DraftEntity {
  entity: MessageEntity;
  codeLanguage?: string;
}

interface OpenTag {
  name: string;
  argument: string;
  utf16Start: number;
}

class TelegramHtmlParser {
  private position = 0;
  private output = "";
  private readonly openTags: OpenTag[] = [];
  private readonly drafts: DraftEntity[] = [];

  constructor(private readonly html: string) {}

  parse(): FormattedText {
    while (this.position < this.html.length) {
      const char = this.html[this.position];
      if (char === "&") this.readCharacterReferenceInText();
      else if (char === "<") this.readTag();
      else this.readPlainText();
    }
    const unclosed = this.openTags.at(-1);
    if (unclosed) throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    if (/\p{Cs}/u.test(this.output)) {
      throw new EntityParseError(
        "Text contains invalid Unicode characters after decoding HTML entities, " +
          "check for unmatched surrogate code units",
      );
    }
    return { text: this.output, entities: sortEntities(this.drafts.map((draft) => draft.entity)) };
  }

  private readPlainText(): void {
    const next = this.html.slice(this.position).search(/[&<]/);
    const end = next === -1 ? this.html.length : this.position + next;
    this.output += this.html.slice(this.position, end);
    this.position = end;
  }

  private readCharacterReferenceInText(): void {
    const reference = decodeCharacterReference(this.html, this.position);
    if (!reference) throw this.failure(`Character "&" must be escaped as "&amp;"`, this.position);
    this.output += reference.char;
    this.position = reference.end;
  }

  private readTag(): void {
    if (this.html[this.position + 1] === "/") this.readEndTag();
    else this.readStartTag();
  }

  private readStartTag(): void {
    const tagStart = this.position;
    this.position++;
    const name = this.readWhile((c) => !isSpace(c) && c !== ">").toLowerCase();
    if (this.atEnd()) throw this.failure("Unclosed start tag", tagStart);
    if (!SUPPORTED_TAGS.has(name)) throw this.failure(`Unsupported start tag "${name}"`, tagStart);

    const argument = this.readAttributes(name, tagStart);
    this.position++; // the closing '>'
    if (name === "span" && argument !== "spoiler") {
      throw this.failure(`Tag "span" must have class "tg-spoiler"`, tagStart);
    }
    this.openTags.push({ name, argument, utf16Start: this.output.length });
  }

  /** Reads attributes up to (not including) '>' and returns the one argument Telegram keeps for the tag. */
  private readAttributes(tagName: string, tagStart: number): string {
    let argument = "";
    for (;;) {
      this.skipSpaces();
      if (this.atEnd()) throw this.failure("Unclosed start tag", tagStart);
      if (this.peek() === ">") return argument;

      const attributeName = this.readWhile((c) => !isSpace(c) && c !== "=" && c !== ">");
      if (attributeName === "") throw this.failure(`Empty attribute name in the tag "${tagName}"`, tagStart);
      this.skipSpaces();
      if (this.atEnd()) throw this.failure("Unclosed start tag", tagStart);
      if (this.peek() !== "=") {
        // Only <blockquote expandable> may carry an attribute without a value.
        if (tagName === "blockquote" && attributeName === "expandable") {
          argument = "expandable";
          continue;
        }
        throw this.failure(`Expected equal sign in declaration of an attribute of the tag "${tagName}"`, tagStart);
      }
      this.position++; // '='
      this.skipSpaces();
      if (this.atEnd()) throw this.failure(`Unclosed start tag "${tagName}"`, tagStart);
      const value = this.readAttributeValue();
      if (this.atEnd()) throw this.failure("Unclosed start tag", tagStart);
      argument = tagArgument(tagName, attributeName, value) ?? argument;
    }
  }

  private readAttributeValue(): string {
    const quote = this.peek();
    if (quote === '"' || quote === "'") return this.readQuotedValue(quote);
    // An unquoted value is a case-insensitive name token.
    const tokenStart = this.position;
    const token = this.readWhile((c) => /[A-Za-z0-9.-]/.test(c)).toLowerCase();
    if (this.atEnd() || (!isSpace(this.peek()) && this.peek() !== ">")) {
      throw this.failure("Unexpected end of name token", tokenStart);
    }
    return token;
  }

  private readQuotedValue(quote: string): string {
    this.position++;
    let value = "";
    while (!this.atEnd() && this.peek() !== quote) {
      // Inside attribute values Telegram keeps an unknown '&' literally.
      const reference = this.peek() === "&" ? decodeCharacterReference(this.html, this.position) : undefined;
      if (reference) {
        value += reference.char;
        this.position = reference.end;
      } else {
        value += this.peek();
        this.position++;
      }
    }
    if (this.peek() === quote) this.position++;
    return value;
  }

  private readEndTag(): void {
    const tagStart = this.position;
    const innermost = this.openTags.at(-1);
    if (!innermost) throw this.failure("Unexpected end tag", tagStart);
    this.position += 2;
    const name = this.readWhile((c) => !isSpace(c) && c !== ">").toLowerCase();
    this.skipSpaces();
    if (this.peek() !== ">") throw this.failure("Unclosed end tag", tagStart);
    this.position++;
    if (name !== "" && name !== innermost.name) {
      throw this.failure("Unmatched end tag", tagStart, `, expected "</${innermost.name}>", found "</${name}>"`);
    }
    this.openTags.pop();
    this.closeEntity(innermost);
  }

  private closeEntity(tag: OpenTag): void {
    const offset = tag.utf16Start;
    const length = this.output.length - offset;
    if (length === 0) return; // Telegram drops empty entities silently
    switch (tag.name) {
      case "b": case "strong": return this.add({ type: "bold", offset, length });
      case "i": case "em": return this.add({ type: "italic", offset, length });
      case "u": case "ins": return this.add({ type: "underline", offset, length });
      case "s": case "strike": case "del": return this.add({ type: "strikethrough", offset, length });
      case "span": case "tg-spoiler": return this.add({ type: "spoiler", offset, length });
      case "blockquote": {
        const type = tag.argument === "expandable" ? "expandable_blockquote" : "blockquote";
        return this.add({ type, offset, length });
      }
      case "tg-emoji": return this.add(customEmojiEntity(tag.argument, offset, length));
      case "a": return this.closeLink(tag, offset, length);
      case "pre": return this.closePre(offset, length);
      case "code": return this.closeCode(tag.argument, offset, length);
    }
  }

  private add(entity: MessageEntity, codeLanguage?: string): void {
    this.drafts.push(codeLanguage === undefined ? { entity } : { entity, codeLanguage });
  }

  private closeLink(tag: OpenTag, offset: number, length: number): void {
    // An <a> without href links to its own text, like Telegram.
    const href = tag.argument !== "" ? tag.argument : this.output.slice(offset);
    const entity = linkEntity(href, offset, length);
    if (entity) this.add(entity);
  }

  /** <pre><code class="language-x">…</code></pre> becomes one pre entity with a language. */
  private closePre(offset: number, length: number): void {
    const last = this.drafts.at(-1);
    if (last && last.entity.type === "code" && sameRange(last.entity, offset, length) && last.codeLanguage) {
      this.drafts[this.drafts.length - 1] = { entity: { type: "pre", offset, length, language: last.codeLanguage } };
      return;
    }
    this.add({ type: "pre", offset, length });
  }

  private closeCode(language: string, offset: number, length: number): void {
    const last = this.drafts.at(-1);
    if (last && last.entity.type === "pre" && sameRange(last.entity, offset, length) && language !== "") {
      this.drafts[this.drafts.length - 1] = { entity: { type: "pre", offset, length, language } };
      return;
    }
    this.add({ type: "code", offset, length }, language);
  }

  private failure(reason: string, htmlIndex: number, suffix = ""): EntityParseError {
    // Telegram reports positions as UTF-8 byte offsets into the original text.
    const byteOffset = Buffer.byteLength(this.html.slice(0, htmlIndex), "utf8");
    return new EntityParseError(`${reason} at byte offset ${byteOffset}${suffix}`);
  }

  private readWhile(accept: (char: string) => boolean): string {
    const start = this.position;
    while (!this.atEnd() && accept(this.peek())) this.position++;
    return this.html.slice(start, this.position);
  }

  private skipSpaces(): void {
    this.readWhile(isSpace);
  }

  private peek(): string {
    return this.html[this.position] ?? "";
  }

  private atEnd(): boolean {
    return this.position >= this.html.length;
  }
}

function isSpace(char: string): boolean {
  return char === " " || char === "\t" || char === "\n" || char === "\r" || char === "\f" || char === "\v";
}

function sameRange(entity: MessageEntity, offset: number, length: number): boolean {
  return entity.offset === offset && entity.length === length;
}

/** The attribute value Telegram keeps for a tag, or undefined when the attribute is ignored. */
function tagArgument(tagName: string, attributeName: string, value: string): string | undefined {
  if (tagName === "a" && attributeName === "href") return value;
  if (tagName === "code" && attributeName === "class" && value.startsWith("language-")) return value.slice(9);
  if (tagName === "span" && attributeName === "class" && value.startsWith("tg-")) return value.slice(3);
  if (tagName === "tg-emoji" && attributeName === "emoji-id") return value;
  return undefined;
}

/** Decodes &lt; &gt; &amp; &quot; &#NN; &#xNN; at `start` (the ';' is optional, as in Telegram). */
export function decodeCharacterReference(html: string, start: number): { char: string; end: number } | undefined {
  const pattern = /&(?:#x([0-9A-Fa-f]*)|#([0-9]*)|([A-Za-z]*))(;?)/y;
  pattern.lastIndex = start;
  const match = pattern.exec(html);
  if (!match) return undefined;
  const [whole, hex, decimal, name, semicolon = ""] = match;
  const end = start + whole.length;
  if (name !== undefined) {
    const char = NAMED_CHARACTER_REFERENCES[name];
    return char === undefined ? undefined : { char, end };
  }
  const digits = hex ?? decimal ?? "";
  const codePoint = hex !== undefined ? parseInt(digits || "0", 16) : parseInt(digits || "0", 10);
  const referenceLength = whole.length - semicolon.length;
  if (codePoint === 0 || codePoint >= 0x10ffff || referenceLength >= 10) return undefined;
  return { char: String.fromCodePoint(codePoint), end };
}

function customEmojiEntity(emojiId: string, offset: number, length: number): MessageEntity {
  if (!/^\d+$/.test(emojiId) || /^0+$/.test(emojiId)) {
    throw new EntityParseError("Invalid custom emoji identifier specified");
  }
  return { type: "custom_emoji", offset, length, custom_emoji_id: emojiId };
}

function linkEntity(href: string, offset: number, length: number): MessageEntity | undefined {
  const mentionedUserId = /^tg:\/\/user\?id=(\d+)$/i.exec(href.trim())?.[1];
  if (mentionedUserId !== undefined) {
    return { type: "text_mention", offset, length, user: placeholderUser(Number(mentionedUserId)) };
  }
  const url = checkedLink(href);
  return url === undefined ? undefined : { type: "text_link", offset, length, url };
}

function placeholderUser(id: number): User {
  return { id, is_bot: false, first_name: `User ${id}` };
}

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
      a.offset - b.offset ||
      b.length - a.length ||
      (TYPE_PRIORITY[a.type] ?? 50) - (TYPE_PRIORITY[b.type] ?? 50),
  );
}

const ENTITY_TYPES = new Set([
  "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bold", "italic",
  "underline", "strikethrough", "spoiler", "blockquote", "expandable_blockquote", "code", "pre",
  "text_link", "text_mention", "custom_emoji", "date_time",
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
