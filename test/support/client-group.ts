import type { Chat, Message, Update, User } from "grammy/types";
import { DateTime } from "luxon";
import { openDatabase } from "../../src/db/database.js";
import { pressFirstButton } from "./buttons.js";
import { withoutCheckpoints } from "./checkpoints.js";
import { settled, startHarness, type Harness } from "./harness.js";
import { botAdded, client, message, specialist } from "./updates.js";

/**
 * One client group as the obligation scenarios drive it: a test clock in the chat's zone,
 * messages written at that time, scheduler ticks, and what regbot said in reply.
 */
export interface ClientGroup {
  /** The harness of the current scenario (set by `open`). */
  readonly harness: Harness;
  readonly now: number;
  setTime(iso: string): number;
  /** A message update from `from` at the current time; a command gets its entity. */
  said(from: User, text: string, extra?: Record<string, unknown>): ReturnType<typeof message>;
  /** Sends it and waits; what regbot said in the chat meanwhile. */
  write(from: User, text: string, extra?: Record<string, unknown>): Promise<string[]>;
  /** Runs the scheduler now; what it said in the chat, besides daily checkpoints. */
  tick(): Promise<string[]>;
  sentSince(before: number): string[];
  /** The payloads of the obligation events in the log so far, in order. */
  obligationEvents(): ObligationEvent[];
  lastSent(): Message;
  /**
   * regbot is added by the specialist at `startIso`, the client contact confirmed, the digest off; `env` adds settings,
   * `pacing` is the outbox's own clock (its retries and waits).
   */
  open(startIso?: string, env?: Record<string, string>, pacing?: () => number): Promise<Harness>;
  /** As if regbot had crashed before marking the update handled: restarted, it handles it again. */
  handleAgainAfterCrash(update: Update): Promise<void>;
}

/** What every obligation event says; each kind of event adds its own fields. */
export type ObligationEvent = { event: string; kind: string; number: number } & Record<string, unknown>;

export function clientGroup(chat: Chat, zone: string): ClientGroup {
  let harness: Harness | undefined;
  let now = 0;
  const scenario: ClientGroup = {
    get harness() {
      if (harness === undefined) throw new Error("open the chat first");
      return harness;
    },
    get now() {
      return now;
    },
    setTime: (iso) => (now = DateTime.fromISO(iso, { zone }).toMillis()),
    said: (from, text, extra = {}) =>
      message(chat, from, text, { date: Math.floor(now / 1000), ...commandEntities(text), ...extra }),
    async write(from, text, extra) {
      const before = scenario.harness.telegram.sentTo(chat.id).length;
      scenario.harness.telegram.pushUpdate(scenario.said(from, text, extra));
      await settled(scenario.harness);
      return scenario.sentSince(before);
    },
    async tick() {
      const before = scenario.harness.telegram.sentTo(chat.id).length;
      await scenario.harness.regbot.scheduler.tick();
      await settled(scenario.harness);
      return withoutCheckpoints(scenario.sentSince(before));
    },
    sentSince: (before) =>
      scenario.harness.telegram
        .sentTo(chat.id)
        .slice(before)
        .map((sent) => sent.text!),
    lastSent: () => scenario.harness.telegram.sentTo(chat.id).at(-1)!,
    obligationEvents: () =>
      scenario.harness
        .query<{ line: string }>("select line from events where kind = 'obligation' order by seq")
        .map((row) => (JSON.parse(row.line) as { payload: ObligationEvent }).payload),
    async open(startIso = "2026-12-03T09:00", env = {}, pacing) {
      scenario.setTime(startIso);
      harness = await startHarness(
        { DEFAULT_TIMEZONE: zone, ...env },
        {},
        { clock: () => now, ...(pacing === undefined ? {} : { pacing }) },
      );
      harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
      await settled(harness);
      await scenario.write(specialist, "/client", {
        reply_to_message: { message_id: 1, date: 1, chat, from: client, text: "hi" },
      });
      await pressFirstButton(harness, scenario.lastSent(), client);
      // Only the scenario's own notices: no weekly digest.
      await scenario.write(specialist, "/set digest off");
      return harness;
    },
    async handleAgainAfterCrash(update) {
      await scenario.harness.stopRegbot();
      const database = openDatabase(scenario.harness.databasePath);
      database.sqlite.prepare("update inbox_updates set state = 'pending' where update_id = ?").run(update.update_id);
      database.close();
      await scenario.harness.startRegbot();
      await settled(scenario.harness);
    },
  };
  return scenario;
}

/** The entity Telegram attaches to a command at the start of a text. */
export function commandEntities(text: string): {
  entities?: Array<{ type: "bot_command"; offset: number; length: number }>;
} {
  return text.startsWith("/")
    ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
    : {};
}
