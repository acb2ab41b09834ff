import type { IncomingMessage, ServerResponse } from "node:http";
import { supportedLanguage } from "../bot/middleware/i18n.js";
import { acknowledgeDigest } from "../bot/actions/acknowledge-digest.js";
import { requestExport } from "../bot/actions/request-export.js";
import type { Language } from "../domain/languages.js";
import { chatList } from "./chat-list.js";
import { chatView } from "./chat-view.js";
import { authenticate, type MiniAppUser } from "./init-data.js";
import { loadFrontEnd, type StaticFile } from "./static-files.js";
import { frontEndTexts } from "./texts.js";
import type { WebAppDeps } from "./webapp-deps.js";

/** The page talks only to regbot itself: no CDN, no telegram.org script, no inline code. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors https://web.telegram.org",
].join("; ");

export interface WebApp {
  basePath: string;
  handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void>;
}

interface Call {
  user: MiniAppUser;
  language: Language;
  method: string;
  /** The path after `<base>/api/`, split at slashes. */
  parts: string[];
}

type Answer = { status: number; body: unknown };

/** The Mini App at `basePath`: its page and assets, and the JSON API that answers only init data signed by Telegram. */
export function createWebApp(deps: WebAppDeps, basePath: string): WebApp {
  const { index, assets } = loadFrontEnd(basePath);
  return {
    basePath,
    async handle(request, response, path) {
      const rest = path.slice(basePath.length);
      if (rest.startsWith("/api/"))
        return answer(response, await callApi(deps, request, rest.slice("/api/".length).split("/")));
      if (request.method !== "GET" && request.method !== "HEAD")
        return answer(response, { status: 405, body: { error: "method not allowed" } });
      if (rest === "" || rest === "/") return serve(request, response, index, "no-cache");
      const asset = rest.startsWith("/assets/") ? assets.get(rest.slice("/assets/".length)) : undefined;
      // Asset names carry their content's hash: a new build has new names.
      if (asset !== undefined) return serve(request, response, asset, "public, max-age=31536000, immutable");
      answer(response, { status: 404, body: { error: "not found" } });
    },
  };
}

async function callApi(deps: WebAppDeps, request: IncomingMessage, parts: string[]): Promise<Answer> {
  const user = authenticate(request.headers.authorization, deps.token, deps.clock());
  if (user === undefined)
    return {
      status: 401,
      body: { error: "init data missing, not signed by Telegram for this bot, or older than a day" },
    };
  const call: Call = {
    user,
    language: supportedLanguage(user.languageCode) ?? deps.defaultLanguage,
    method: request.method ?? "GET",
    parts,
  };
  return route(deps, call);
}

async function route(deps: WebAppDeps, { user, language, method, parts }: Call): Promise<Answer> {
  const [collection, id, action, digest, verb] = parts;
  const chatId = id !== undefined && /^\d+$/.test(id) ? Number(id) : undefined;
  if (method === "GET" && collection === "session" && parts.length === 1) {
    const startChat = /^\d+$/.test(user.startParam ?? "") ? Number(user.startParam) : null;
    return ok({ language, texts: frontEndTexts(deps.translate, language), startChat });
  }
  if (collection !== "chats") return notFound();
  if (method === "GET" && parts.length === 1) return ok({ chats: await chatList(deps, user.id, language) });
  if (chatId === undefined) return notFound();
  if (method === "GET" && parts.length === 2) {
    const view = await chatView(deps, chatId, user.id, language);
    return view === undefined ? notFound() : ok(view);
  }
  const chat = await deps.repositories.chats.findById(chatId);
  // Someone without a role learns nothing, not even that the chat exists; an observer is refused what only the parties do.
  if (chat === undefined || !chat.active || (await deps.repositories.roles.roleOf(chat.id, user.id)) === undefined)
    return notFound();
  const now = deps.clock();
  if (method === "POST" && action === "export" && parts.length === 3) {
    // A request of its own, named apart from updates (their ids are positive).
    const outcome = await requestExport(
      { repositories: deps.repositories, now },
      {
        chat,
        userId: user.id,
        language,
        period: null,
        origin: { updateId: -now, messageId: null, threadId: null },
        source: `webapp:${user.id}:${now}:export`,
      },
    );
    return outcome === "not-a-party" ? forbidden() : ok({ outcome });
  }
  if (
    method === "POST" &&
    action === "digests" &&
    digest !== undefined &&
    /^[wu]\d+$/.test(digest) &&
    verb === "ack" &&
    parts.length === 5
  ) {
    const outcome = await acknowledgeDigest({ repositories: deps.repositories, now }, chat, user.id, digest, null);
    if (outcome === "unknown-digest") return notFound();
    return outcome === "not-a-party" ? forbidden() : ok({ outcome });
  }
  return notFound();
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const notFound = (): Answer => ({ status: 404, body: { error: "not found" } });
const forbidden = (): Answer => ({
  status: 403,
  body: { error: "only the specialists and the client contact do this" },
});

function answer(response: ServerResponse, { status, body }: Answer): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

function serve(request: IncomingMessage, response: ServerResponse, file: StaticFile, cacheControl: string): void {
  const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
  const body = gzip ? file.gzipped : file.body;
  response.writeHead(200, {
    "content-type": file.contentType,
    "cache-control": cacheControl,
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    vary: "Accept-Encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    "content-length": body.length,
  });
  response.end(request.method === "HEAD" ? undefined : body);
}
