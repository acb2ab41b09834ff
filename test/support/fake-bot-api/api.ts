/** What every method handler is, and the failures it throws as Telegram answers them. */
import type { ResponseParameters } from "grammy/types";

export type Params = Record<string, unknown>;

export interface RequestContext {
  /** Called if the client disconnects before the answer is written. */
  onClientGone(listener: () => void): void;
}

export type MethodHandler = (params: Params, request: RequestContext) => unknown;

/** One family's Bot API methods by name. */
export type Methods = Record<string, MethodHandler>;

/** A Telegram error answer; thrown by method handlers. */
export class ApiFailure extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }
}

export const badRequest = (what: string, parameters?: ResponseParameters) =>
  new ApiFailure(400, `Bad Request: ${what}`, parameters);
export const forbidden = (what: string) => new ApiFailure(403, `Forbidden: ${what}`);
export const tooLarge = () => new ApiFailure(413, "Request Entity Too Large");
export const tooManyRequests = (retryAfter: number) =>
  new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
