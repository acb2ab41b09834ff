import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { LeaderState } from "./leadership.js";
import type { WebApp } from "./webapp/webapp-server.js";

export interface HealthReport {
  databaseReachable: boolean;
  lastTelegramContactAt: number | undefined;
  /** Whether this process holds each role, where several processes share one database. */
  polling?: LeaderState;
  sending?: LeaderState;
}

export interface WebhookEndpoint {
  path: string;
  secret: string;
  /** Resolves once the update is stored durably; Telegram is answered only then. */
  accept(update: Update): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  logger: Logger;
  health(): Promise<HealthReport>;
  webhook?: WebhookEndpoint;
  /** The Mini App: its page, assets and API under its base path. */
  webApp?: WebApp;
  /** How long a client may take; tests shorten these, production keeps the defaults. */
  timeouts?: { headersMs: number; requestMs: number; checkEveryMs?: number };
}

const MAX_UPDATE_BYTES = 1 << 20;
/** A client slower than this to send its headers, or its whole request, is dropped (slowloris). */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** `/healthz` in both modes, Telegram's webhook (with the secret-token check) in webhook mode, and the Mini App when configured. */
export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const { headersMs, requestMs, checkEveryMs } = options.timeouts ?? {
    headersMs: HEADERS_TIMEOUT_MS,
    requestMs: REQUEST_TIMEOUT_MS,
  };
  const timeouts = {
    headersTimeout: headersMs,
    requestTimeout: requestMs,
    ...(checkEveryMs === undefined ? {} : { connectionsCheckingInterval: checkEveryMs }),
  };
  const server = createServer(timeouts, (request, response) => {
    route(options, request, response).catch((error: unknown) => {
      // A client that hung up or was too slow is its own trouble, not regbot's.
      if (request.destroyed && !request.complete)
        return void options.logger.info({ err: error, url: request.url }, "http request aborted by the client");
      options.logger.error({ err: error }, "http request failed");
      if (!response.headersSent) respond(response, 500, { error: "internal error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  return server;
}

async function route(options: HttpServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (request.method === "GET" && path === "/healthz") return reportHealth(options, response);
  const { webhook } = options;
  if (webhook !== undefined && request.method === "POST" && path === webhook.path)
    return receiveUpdate(webhook, options.logger, request, response);
  const { webApp } = options;
  if (webApp !== undefined && (path === webApp.basePath || path.startsWith(`${webApp.basePath}/`)))
    return webApp.handle(request, response, path);
  respond(response, 404, { error: "not found" });
}

async function reportHealth(options: HttpServerOptions, response: ServerResponse): Promise<void> {
  const report: HealthReport = await options
    .health()
    .catch(() => ({ databaseReachable: false, lastTelegramContactAt: undefined }));
  respond(response, report.databaseReachable ? 200 : 503, {
    status: report.databaseReachable ? "ok" : "unhealthy",
    database: report.databaseReachable ? "reachable" : "unreachable",
    lastTelegramContactAt:
      report.lastTelegramContactAt === undefined ? null : new Date(report.lastTelegramContactAt).toISOString(),
    ...(report.polling === undefined ? {} : { polling: report.polling }),
    ...(report.sending === undefined ? {} : { sending: report.sending }),
  });
}

async function receiveUpdate(
  webhook: WebhookEndpoint,
  logger: Logger,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!secretMatches(request.headers["x-telegram-bot-api-secret-token"], webhook.secret)) {
    respond(response, 401, { error: "wrong secret token" });
    return;
  }
  const body = await readBody(request);
  let update: Update;
  try {
    update = JSON.parse(body) as Update;
  } catch {
    respond(response, 400, { error: "body is not JSON" });
    return;
  }
  if (typeof update?.update_id !== "number") {
    // Telegram retries anything but a 2xx forever; what cannot be stored is logged and let go.
    logger.warn(
      {
        type: Array.isArray(update) ? "array" : typeof update,
        fields: typeof update === "object" && update !== null ? Object.keys(update).slice(0, 20) : [],
      },
      "webhook body is JSON but not an update; acknowledged and dropped",
    );
    respond(response, 200, {});
    return;
  }
  await webhook.accept(update);
  respond(response, 200, {});
}

function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPDATE_BYTES) throw new Error("update body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
