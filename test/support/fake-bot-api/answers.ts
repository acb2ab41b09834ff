/** Writing a method's result, or its failure, back as Telegram's JSON answer, or dropping the connection. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { EntityParseError } from "../telegram-entities.js";
import { ApiFailure, badRequest, type MethodHandler, type Params, type RequestContext } from "./api.js";
import type { RecordedCall } from "./types.js";

interface ApiReply {
  status: number;
  body: Record<string, unknown>;
}

/** What to do with the HTTP exchange: answer, or drop the connection. */
export type Outcome = ApiReply | "reset";

/** Runs a method handler; Telegram-style failures become answers, anything else is the fake's own bug. */
export async function invoke(handler: MethodHandler, params: Params, response: ServerResponse): Promise<ApiReply> {
  const context: RequestContext = {
    onClientGone: (listener) =>
      response.on("close", () => {
        if (!response.writableFinished) listener();
      }),
  };
  try {
    return okReply(await handler(params, context));
  } catch (error) {
    if (error instanceof ApiFailure) return failureReply(error);
    if (error instanceof EntityParseError) return failureReply(badRequest(error.message));
    throw error;
  }
}

export function deliver(
  request: IncomingMessage,
  response: ServerResponse,
  call: RecordedCall,
  outcome: Outcome,
): void {
  if (outcome === "reset") {
    request.socket.destroy();
    return;
  }
  if (response.destroyed || request.socket.destroyed) return; // client gone, or the server was closed
  call.status = outcome.status;
  const json = JSON.stringify(outcome.body);
  response.writeHead(outcome.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
  });
  response.end(json);
}

function okReply(result: unknown): ApiReply {
  return { status: 200, body: { ok: true, result } };
}

export function failureReply(failure: ApiFailure): ApiReply {
  const body: Record<string, unknown> = { ok: false, error_code: failure.errorCode, description: failure.description };
  if (failure.parameters) body.parameters = failure.parameters;
  return { status: failure.errorCode, body };
}
