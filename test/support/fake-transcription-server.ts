/**
 * A small fake of an OpenAI-compatible speech-to-text server (`POST /v1/audio/transcriptions`,
 * multipart upload, `{"text": …}` answer; `GET /v1/models`, failing as the transcriptions do) for tests: it records what it was sent and answers
 * with a text, an HTTP failure, late, or when the test lets it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buffer } from "node:stream/consumers";

export const TRANSCRIPTION_PATH = "/v1/audio/transcriptions";
const MODELS_PATH = "/v1/models";

export interface ReceivedAudio {
  model: string;
  fileName: string;
  audio: Buffer;
  responseFormat: string | undefined;
  authorization: string | undefined;
}

export interface FakeTranscriptionServer {
  /** The endpoint, as TRANSCRIBE_URL takes it. */
  readonly url: string;
  readonly received: ReceivedAudio[];
  /** The next answers say this text (the default: "Hola, soy una transcripción."). */
  answerWith(text: string): void;
  /** The next answers fail with this HTTP status and an OpenAI-style error body. */
  failWith(status: number): void;
  /** The next answers come this much later. */
  delayBy(ms: number): void;
  /** The next answers wait until `release`. */
  hold(): void;
  /** Sends the answers held so far, and answers at once again. */
  release(): void;
  close(): Promise<void>;
}

export async function startFakeTranscriptionServer(): Promise<FakeTranscriptionServer> {
  let outcome: { text: string } | { status: number } = { text: "Hola, soy una transcripción." };
  let delayMs = 0;
  let holding = false;
  const held: Array<() => void> = [];
  const received: ReceivedAudio[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await buffer(request);
    if (request.method === "GET" && request.url === MODELS_PATH)
      return "text" in outcome
        ? reply(response, 200, { object: "list", data: [{ id: "whisper-1", object: "model" }] })
        : reply(response, outcome.status, { error: { message: "the engine broke" } });
    if (request.method !== "POST" || request.url !== TRANSCRIPTION_PATH)
      return reply(response, 404, { error: { message: "Not found" } });
    const form = await new Response(body, { headers: { "content-type": request.headers["content-type"] ?? "" } })
      .formData()
      .catch(() => undefined);
    const file = form?.get("file");
    const model = form?.get("model");
    if (!(file instanceof Blob) || typeof model !== "string")
      return reply(response, 400, { error: { message: "file and model are required" } });
    received.push({
      model,
      fileName: file instanceof File ? file.name : "",
      audio: Buffer.from(await file.arrayBuffer()),
      responseFormat: form?.get("response_format")?.toString(),
      authorization: request.headers.authorization,
    });
    const { status, body: answerBody } =
      "text" in outcome
        ? { status: 200, body: { text: outcome.text } }
        : { status: outcome.status, body: { error: { message: "the engine broke" } } };
    if (holding) return void held.push(() => reply(response, status, answerBody));
    if (delayMs === 0) return reply(response, status, answerBody);
    const timer = setTimeout(() => {
      timers.delete(timer);
      reply(response, status, answerBody);
    }, delayMs);
    timers.add(timer);
  };

  const server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${TRANSCRIPTION_PATH}`,
    received,
    answerWith: (text) => {
      outcome = { text };
    },
    failWith: (status) => {
      outcome = { status };
    },
    delayBy: (ms) => {
      delayMs = ms;
    },
    hold: () => {
      holding = true;
    },
    release() {
      holding = false;
      for (const answerNow of held.splice(0)) answerNow();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  const json = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  response.end(json);
}
