/** Message texts and captions as Telegram checks and stores them: explicit entities, no parse_mode. */
import type { Message } from "grammy/types";
import { finishFormattedText, validateExplicitEntities, type FormattedText } from "../telegram-entities.js";
import { badRequest, type Params } from "./api.js";
import { jsonParam, stringParam } from "./params.js";

const MAX_MESSAGE_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

/** Text and entities after explicit entities, Telegram's trimming, and the emptiness/length checks. */
export function formatText(params: Params, method: string, unimplemented: string[]): FormattedText {
  const text = stringParam(params, "text");
  if (text === undefined || text === "") throw badRequest("message text is empty");
  const formatted = finishFormattedText(parseFormatting(text, params, method, unimplemented));
  if (formatted.text === "") throw badRequest("message text is empty");
  if (formatted.text.length > MAX_MESSAGE_LENGTH) throw badRequest("message is too long");
  return formatted;
}

/** A caption: optional, formatted like a text, at most 1024 characters. */
export function formatCaption(params: Params, unimplemented: string[]): FormattedText | undefined {
  const caption = stringParam(params, "caption");
  if (caption === undefined || caption === "") return undefined;
  const entities = jsonParam(params, "caption_entities");
  const parsed =
    entities !== undefined
      ? { text: caption, entities: validateExplicitEntities(caption, entities) }
      : parseFormatting(caption, params, "sendDocument", unimplemented);
  const formatted = finishFormattedText(parsed);
  if (formatted.text.length > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
  return formatted.text === "" ? undefined : formatted;
}

export function textFields(content: FormattedText): Pick<Message, "text" | "entities"> {
  return content.entities.length > 0 ? { text: content.text, entities: content.entities } : { text: content.text };
}

function parseFormatting(text: string, params: Params, method: string, unimplemented: string[]): FormattedText {
  const entities = jsonParam(params, "entities");
  if (entities !== undefined) return { text, entities: validateExplicitEntities(text, entities) };
  const parseMode = stringParam(params, "parse_mode");
  if (parseMode === undefined || parseMode === "") return { text, entities: [] };
  // regbot sends plain text with explicit entities: a parse_mode would make user text markup.
  unimplemented.push(`${method}(parse_mode=${parseMode})`);
  throw badRequest(`parse_mode ${parseMode} is not implemented by the fake Bot API`);
}
