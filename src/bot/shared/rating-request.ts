import type { Chat } from "../../db/chat-repository.js";
import type { Obligation } from "../../db/obligation-repository.js";
import type { OutgoingMessage } from "../../db/outbox-repository.js";
import type { Rating } from "../../db/rating-repository.js";
import type { Repositories } from "../../db/repositories.js";
import { contractEnded } from "../../domain/contract/contract-end.js";
import type { EventDraft } from "../../domain/correspondence.js";
import { translateIn, type Translate, type TranslateIn } from "../../domain/languages.js";
import { obligationLabel } from "../../domain/obligations/numbering.js";
import {
  RATING_ASK_INTERVAL_MS,
  RATING_SCORES,
  occasionOf,
  occasionSource,
  type RatingOccasion,
} from "../../domain/ratings/rating-rules.js";
import type { Regulation } from "../../domain/regulation/regulation.js";
import { personName } from "../format/people.js";

/** Callback data of a score button: `rt:<rating id>:<score>`. */
export const RATE = /^rt:(\d+):([1-5])$/;
const rateData = (ratingId: number, score: number) => `rt:${ratingId}:${score}`;

export interface RatingRequestDeps {
  repositories: Pick<Repositories, "ratings" | "roles" | "people" | "obligations">;
  translate: Translate;
}

/**
 * Asks the chat's client contact to rate the work, privately (in the chat's topic, mentioning
 * them, when they never started regbot): logged and queued with the request in one transaction.
 * Not asked when there is no client contact, when this occasion was already asked about, when
 * any ask was made within the week, or after the contract's end (as reminders stop then). The ask
 * in the chat's language.
 */
export async function requestRating(
  deps: RatingRequestDeps,
  chat: Chat,
  regulation: Regulation,
  asked: AskedAbout,
  at: number,
): Promise<Rating | undefined> {
  const { ratings, roles, people } = deps.repositories;
  if (contractEnded(regulation.contract?.period, regulation.timezone, at)) return undefined;
  const [clientId] = await roles.usersWithRole(chat.id, "client");
  if (clientId === undefined) return undefined;
  const t = translateIn(deps.translate, regulation.language);
  const name = personName(await people.find(chat.id, clientId), clientId);
  const question = questionFor(t, asked);
  const scale = t("rating-ask-scale");
  const source = occasionSource(occasionOfAsk(asked));
  return ratings.request(
    { chatId: chat.id, userId: clientId, source, at, notBefore: at - RATING_ASK_INTERVAL_MS },
    (ratingId) => ratingEvent(chat, ratingId, { event: "requested", occasion: source, client: clientId }),
    (ratingId) => {
      const replyMarkup = {
        inline_keyboard: [
          RATING_SCORES.map((score) => ({ text: String(score), callback_data: rateData(ratingId, score) })),
        ],
      };
      return {
        dedupeKey: `rating:${ratingId}:ask`,
        to: {
          userId: clientId,
          fallback: {
            chatId: chat.id,
            ...(regulation.topic.kind === "thread" ? { threadId: regulation.topic.threadId } : {}),
            content: {
              text: `${name}, ${question}\n${scale}`,
              entities: [
                {
                  type: "text_mention",
                  offset: 0,
                  length: name.length,
                  user: { id: clientId, is_bot: false, first_name: name },
                },
              ],
              replyMarkup,
            },
          },
        },
        text: t("rating-ask-private", { chat: chat.title ?? "", question, scale }),
        replyMarkup,
      } satisfies OutgoingMessage;
    },
  );
}

/** A rating's request, score or comment as an event in the chat's log, logged once. */
export function ratingEvent(
  chat: Chat,
  ratingId: number,
  payload: { event: "requested" | "rated" | "commented" } & Record<string, unknown>,
): EventDraft {
  return {
    chat: { telegramChatId: chat.telegramChatId, type: chat.type as "group" | "supergroup" },
    kind: "rating",
    source: `rating:${ratingId}:${payload.event}`,
    ...(payload.event === "requested" ? {} : { senderId: payload.by as number }),
    payload: { ratingId, ...payload },
  };
}

/** What the rating was asked about, as the notices about it say: "after V1 (…) was accepted". */
export async function occasionText(
  deps: Pick<RatingRequestDeps, "repositories">,
  t: TranslateIn,
  source: string,
): Promise<string> {
  const occasion = occasionOf(source);
  const revision =
    occasion?.kind === "revision" ? await deps.repositories.obligations.find(occasion.obligationId) : undefined;
  return revision === undefined
    ? t("rating-occasion-monthly")
    : t("rating-occasion-revision", {
        number: obligationLabel("revision", revision.number),
        what: revision.description,
      });
}

/** The month's ask, or the ask after this revision was accepted. */
export type AskedAbout =
  | { kind: "monthly"; month: string }
  | { kind: "revision"; revision: Pick<Obligation, "id" | "number" | "description"> };

function occasionOfAsk(asked: AskedAbout): RatingOccasion {
  return asked.kind === "monthly" ? asked : { kind: "revision", obligationId: asked.revision.id };
}

function questionFor(t: TranslateIn, asked: AskedAbout): string {
  return asked.kind === "monthly"
    ? t("rating-ask-monthly")
    : t("rating-ask-revision", {
        number: obligationLabel("revision", asked.revision.number),
        what: asked.revision.description,
      });
}
