/**
 * Whether a client's message asks for an answer. Stickers, reactions, lone emoji and short
 * acknowledgements ("ok", "thanks", "спасибо", "gracias"…) do not open a response window.
 */
export interface IncomingMessageShape {
  text?: string;
  isSticker?: boolean;
  hasMedia?: boolean;
}

const ACKNOWLEDGEMENTS = new Set([
  // English
  "ok",
  "okay",
  "k",
  "kk",
  "thanks",
  "thank you",
  "thx",
  "ty",
  "got it",
  "great",
  "cool",
  "fine",
  "sure",
  "noted",
  "perfect",
  "good",
  "nice",
  "yes thanks",
  "ok thanks",
  "thanks a lot",
  "cheers",
  // Russian
  "ок",
  "окей",
  "хорошо",
  "спасибо",
  "спс",
  "благодарю",
  "понял",
  "поняла",
  "понятно",
  "принято",
  "отлично",
  "супер",
  "ага",
  "да, спасибо",
  "ок, спасибо",
  "большое спасибо",
  "договорились",
  // Spanish
  "vale",
  "gracias",
  "muchas gracias",
  "genial",
  "perfecto",
  "de acuerdo",
  "entendido",
  "ok gracias",
  "vale gracias",
  "bien",
  "estupendo",
  "listo",
  "recibido",
]);

export function needsAnswer(message: IncomingMessageShape): boolean {
  if (message.isSticker) return false;
  const text = message.text?.trim() ?? "";
  if (text === "") return message.hasMedia === true;
  if (isOnlyEmoji(text)) return false;
  return !ACKNOWLEDGEMENTS.has(normalise(text));
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, "")
    .replace(/[!.,…)(\s]+$/u, "")
    .replace(/^[\s¡!]+/u, "")
    .replace(/\s+/g, " ")
    .trim();
}

function isOnlyEmoji(text: string): boolean {
  return (
    /^(?:[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Emoji_Component}\s]|\uFE0F|\u200D)+$/u.test(text) &&
    /\p{Extended_Pictographic}/u.test(text)
  );
}
