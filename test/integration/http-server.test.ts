import { connect, type Socket } from "node:net";
import type { Server } from "node:http";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type HealthReport, startHttpServer } from "../../src/http-server.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  server = undefined;
});

/** The server with a webhook that accepts whatever arrives, and the log lines it wrote. */
async function serve(
  timeouts: { headersMs: number; requestMs: number; checkEveryMs: number },
  roles: Pick<HealthReport, "polling" | "sending"> = {},
) {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")));
      done();
    },
  });
  const accepted: unknown[] = [];
  server = await startHttpServer({
    port: 0,
    logger: pino({ level: "trace" }, stream),
    health: async () => ({ databaseReachable: true, lastTelegramContactAt: undefined, ...roles }),
    webhook: { path: "/hook", secret: "s", accept: async (update) => void accepted.push(update) },
    timeouts,
  });
  const port = (server.address() as { port: number }).port;
  return { port, lines, accepted };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.on("error", reject);
  });
}

/** What the server wrote before closing the connection. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    socket.on("close", () => resolve(received));
  });
}

describe("the HTTP server", () => {
  it("drops a client that never finishes its headers, or its body, and still serves others", async () => {
    const { port, lines } = await serve({ headersMs: 300, requestMs: 600, checkEveryMs: 50 });
    const slowHeaders = await open(port);
    const headersClosed = untilClosed(slowHeaders);
    slowHeaders.write("POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: s\r\n");
    const slowBody = await open(port);
    const bodyClosed = untilClosed(slowBody);
    slowBody.write(
      'POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: s\r\nContent-Length: 100\r\n\r\n{"upd',
    );
    expect(await headersClosed).toMatch(/^HTTP\/1\.1 408/);
    expect(await bodyClosed).toMatch(/^HTTP\/1\.1 408/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    // Slow clients are their trouble, not regbot's: nothing at error level.
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it("logs a request its client abandons mid-body below error level", async () => {
    const { port, lines, accepted } = await serve({ headersMs: 10_000, requestMs: 15_000, checkEveryMs: 1_000 });
    const socket = await open(port);
    socket.write(
      'POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: s\r\nContent-Length: 100\r\n\r\n{"upd',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const deadline = Date.now() + 5_000;
    while (!lines.some((line) => line.msg === "http request aborted by the client") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines.filter((line) => line.msg === "http request aborted by the client").map((line) => line.level)).toEqual(
      [30],
    );
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(accepted).toEqual([]);
  });

  it("says on /healthz which roles this process leads, where several processes share the database", async () => {
    const timeouts = { headersMs: 10_000, requestMs: 15_000, checkEveryMs: 1_000 };
    const { port } = await serve(timeouts, { polling: "follower", sending: "leader" });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: "ok",
      database: "reachable",
      lastTelegramContactAt: null,
      polling: "follower",
      sending: "leader",
    });
  });
});
