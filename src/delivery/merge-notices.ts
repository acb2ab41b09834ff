import type { SendParameters } from "../db/outbox-repository.js";

/** Several short notices as one message, separated by blank lines, entities moved along. */
export function mergeNotices(notices: readonly SendParameters[]): SendParameters {
  let text = "";
  const entities: NonNullable<SendParameters["entities"]> = [];
  for (const notice of notices) {
    const offset = text === "" ? 0 : text.length + 2;
    text = text === "" ? notice.text : `${text}\n\n${notice.text}`;
    for (const entity of notice.entities ?? []) entities.push({ ...entity, offset: entity.offset + offset });
  }
  return { text, ...(entities.length > 0 ? { entities } : {}), link_preview_options: { is_disabled: true } };
}
