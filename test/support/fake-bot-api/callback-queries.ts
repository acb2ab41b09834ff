/** Button presses: each callback query may be answered once, while it is fresh. */
import { badRequest, type Methods, type Params } from "./api.js";
import { stringParam } from "./params.js";
import type { CallbackAnswer } from "./types.js";

const INVALID_CALLBACK_QUERY = "query is too old and response timeout expired or query ID is invalid";

export class CallbackQueries {
  /** Successful answerCallbackQuery calls. */
  readonly answers: CallbackAnswer[] = [];
  private readonly queries = new Map<string, "pending" | "answered">();

  readonly methods: Methods = {
    answerCallbackQuery: (params) => this.answerCallbackQuery(params),
  };

  /** A pushed update carried this query: the bot may answer it. */
  arrived(id: string): void {
    this.queries.set(id, "pending");
  }

  private answerCallbackQuery(params: Params): true {
    const id = stringParam(params, "callback_query_id");
    if (id === undefined || this.queries.get(id) !== "pending") throw badRequest(INVALID_CALLBACK_QUERY);
    const text = stringParam(params, "text");
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    this.queries.set(id, "answered");
    this.answers.push({ ...params, callback_query_id: id } as CallbackAnswer);
    return true;
  }
}
