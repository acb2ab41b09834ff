/** Inline keyboards: the checks bots most often trip over, and the markup Telegram echoes in the Message. */
import type { InlineKeyboardMarkup } from "grammy/types";
import { badRequest, type Params } from "./api.js";
import { jsonParam } from "./params.js";

// Button fields that style a button rather than give it an action.
const BUTTON_DECORATION_FIELDS = new Set(["text", "style", "icon_custom_emoji_id"]);

/** The inline keyboard echoed in the Message (reply keyboards are not echoed by Telegram). */
export function inlineMarkup(params: Params, chatId: number): InlineKeyboardMarkup | undefined {
  const markup = jsonParam(params, "reply_markup") as Partial<InlineKeyboardMarkup> | undefined;
  if (!markup || !Array.isArray(markup.inline_keyboard)) return undefined;
  for (const button of markup.inline_keyboard.flat()) assertValidInlineButton(button as unknown as Params);
  // Telegram opens Web Apps from inline buttons in private chats only.
  if (markup.inline_keyboard.flat().some((button) => "web_app" in button) && chatId < 0)
    throw badRequest("BUTTON_TYPE_INVALID");
  return { inline_keyboard: markup.inline_keyboard };
}

function assertValidInlineButton(button: Params): void {
  if (typeof button.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const data = button.callback_data;
  if (data !== undefined && (typeof data !== "string" || data === "" || Buffer.byteLength(data, "utf8") > 64)) {
    throw badRequest("BUTTON_DATA_INVALID");
  }
  if (Object.keys(button).every((field) => BUTTON_DECORATION_FIELDS.has(field))) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
}
