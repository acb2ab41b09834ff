/**
 * `/diagnose`: what regbot found about its own setup in a chat, one finding per line, each
 * either fine or with what to do about it. Plain facts in, message ids and arguments out.
 */

/** regbot's own membership, as Telegram states it. */
export type BotMembership = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

export interface DiagnosisFacts {
  /** getMe: privacy mode is off. */
  readsAllGroupMessages: boolean;
  membership: BotMembership;
  /** The membership's (or, for a plain member, the group's) permission to send messages. */
  maySendMessages: boolean;
  isForum: boolean;
  /** The forum topic the regulation sends reminders to, or undefined for General. */
  topicThreadId: number | undefined;
  clientContact: { kind: "confirmed"; name: string } | { kind: "nominated" } | { kind: "none" };
  /** Each setting's value as people read it, and whether someone chose it or it still holds regbot's default. */
  settings: Record<"hours" | "timezone" | "digest", { value: string; chosen: boolean }>;
  transcription: "off" | "no-engine" | "answers" | "fails";
  checkpoints: {
    /** The daily checkpoint job waits for its next run. */
    scheduled: boolean;
    /** The last checkpoint's message: delivered, still on its way, or given up. */
    last: { at: number; delivery: "sent" | "pending" | "failed" } | undefined;
  };
}

export interface Finding {
  ok: boolean;
  /** The Fluent message that says it, with its fix when not ok. */
  messageId: string;
  args?: Record<string, string | number>;
}

export function diagnose(facts: DiagnosisFacts): Finding[] {
  return [
    seesEveryMessage(facts),
    canPost(facts),
    clientContact(facts),
    chosen("hours", facts.settings.hours),
    chosen("timezone", facts.settings.timezone),
    chosen("digest", facts.settings.digest),
    transcription(facts),
    checkpoints(facts),
  ];
}

const isAdministrator = (membership: BotMembership) => membership === "administrator" || membership === "creator";

function seesEveryMessage({ readsAllGroupMessages, membership }: DiagnosisFacts): Finding {
  if (isAdministrator(membership)) return { ok: true, messageId: "diagnose-sees-all-admin" };
  if (readsAllGroupMessages) return { ok: true, messageId: "diagnose-sees-all-privacy-off" };
  return { ok: false, messageId: "diagnose-sees-commands-only" };
}

function canPost({ membership, maySendMessages, isForum, topicThreadId }: DiagnosisFacts): Finding {
  if (!maySendMessages || membership === "left" || membership === "kicked")
    return { ok: false, messageId: "diagnose-cannot-post" };
  if (!isForum) return { ok: true, messageId: "diagnose-can-post" };
  return topicThreadId === undefined
    ? { ok: true, messageId: "diagnose-can-post-general" }
    : { ok: true, messageId: "diagnose-can-post-topic", args: { topic: topicThreadId } };
}

function clientContact({ clientContact: contact }: DiagnosisFacts): Finding {
  if (contact.kind === "confirmed")
    return { ok: true, messageId: "diagnose-client-confirmed", args: { name: contact.name } };
  return {
    ok: false,
    messageId: contact.kind === "nominated" ? "diagnose-client-unconfirmed" : "diagnose-client-none",
  };
}

function chosen(
  setting: "hours" | "timezone" | "digest",
  { value, chosen }: { value: string; chosen: boolean },
): Finding {
  return { ok: chosen, messageId: `diagnose-${setting}-${chosen ? "chosen" : "default"}`, args: { value } };
}

function transcription({ transcription: state }: DiagnosisFacts): Finding {
  return { ok: state === "off" || state === "answers", messageId: `diagnose-transcription-${state}` };
}

function checkpoints({ checkpoints: { scheduled, last } }: DiagnosisFacts): Finding {
  if (last?.delivery === "failed")
    return { ok: false, messageId: "diagnose-checkpoint-undelivered", args: { at: last.at } };
  if (!scheduled) return { ok: false, messageId: "diagnose-checkpoints-stopped" };
  return last === undefined
    ? { ok: true, messageId: "diagnose-checkpoints-none-yet" }
    : { ok: true, messageId: "diagnose-checkpoints-posted", args: { at: last.at } };
}
