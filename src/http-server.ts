import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { WebApp } from "./webapp/webapp-server.js";

export interface HealthReport {
  databaseReachable: boolean;
  lastTelegramContactAt: number | undefined;
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
}

const MAX_UPDATE_BYTES = 1 << 20;

/** `/healthz` in both modes, Telegram's webhook (with the secret-token check) in webhook mode, and the Mini App when configured. */
export async function startHttpServer(options: HttpServerOptions): Promise<Server> {
  const server = createServer((request, response) => {
    route(options, request, response).catch((error: unknown) => {
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
  if (webhook !== undefined && request.method === "POST" && path === webhook.path) return receiveUpdate(webhook, request, response);
  const { webApp } = options;
  if (webApp !== undefined && (path === webApp.basePath || path.startsWith(`${webApp.basePath}/`))) return webApp.handle(request, response, path);
  respond(response, 404, { error: "not found" });
}

async function reportHealth(options: HttpServerOptions, response: ServerResponse): Promise<void> {
  const report = await options.health().catch(() => ({ databaseReachable: false, lastTelegramContactAt: undefined }));
  respond(response, report.databaseReachable ? 200 : 503, {
    status: report.databaseReachable ? "ok" : "unhealthy",
    database: report.databaseReachable ? "reachable" : "unreachable",
    lastTelegramContactAt: report.lastTelegramContactAt === undefined ? null : new Date(report.lastTelegramContactAt).toISOString(),
  });
}

async function receiveUpdate(webhook: WebhookEndpoint, request: IncomingMessage, response: ServerResponse): Promise<void> {
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
    respond(response, 400, { error: "not a Telegram update" });
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
