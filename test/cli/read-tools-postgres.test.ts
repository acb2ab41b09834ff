import { createHash, createPublicKey, verify } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pressButton } from "../support/buttons.js";
import { cli } from "../support/cli.js";
import { clientGroup } from "../support/client-group.js";
import type { Harness } from "../support/harness.js";
import { freshPostgresDatabase, type ScratchPostgres } from "../support/postgres.js";
import { client, group, specialist } from "../support/updates.js";
import { readBundleZip } from "../support/zip-reader.js";

const zone = "Europe/Madrid";
const chat = group();
const scenario = clientGroup(chat, zone);
const { setTime, write, tick } = scenario;
let harness: Harness;
let postgres: ScratchPostgres;
let chatId: number;

/**
 * Ten days of a client chat driven through the real bot: questions answered and one left to
 * breach, a request for information provided late, a planned stage, a confirmed payment, a call,
 * daily checkpoints posted.
 */
async function aChatWithHistory(): Promise<void> {
  harness = await scenario.open("2026-12-01T09:00");
  setTime("2026-12-01T10:00");
  await write(client, "Когда будет отчёт? <b>срочно</b> & спасибо");
  setTime("2026-12-01T10:30");
  await write(specialist, "The report is due Friday.");
  await write(specialist, "/request Access to the ad account");
  await write(specialist, "/plan add 2026-12-03 Audience analysis");
  setTime("2026-12-01T15:00");
  await write(client, "/paid bank transfer");
  await pressButton(harness, scenario.lastSent(), specialist, "Confirm the payment");
  for (const day of ["02", "03", "04", "07", "08", "09"]) {
    setTime(`2026-12-${day}T11:00`);
    await write(client, `Any news on day ${day}?`);
    if (day !== "04") {
      setTime(`2026-12-${day}T11:20`);
      await write(specialist, `Working on it (${day}).`);
    }
    setTime(`2026-12-${day}T19:30`);
    await tick();
  }
  setTime("2026-12-10T12:00");
  await write(client, "/provided R1");
  await write(specialist, "/call tomorrow 15:00 Weekly review");
  setTime("2026-12-10T19:30");
  await tick();
  chatId = harness.query<{ id: number }>("select id from chats")[0]!.id;
}

/** Files of two bundles, and which files differ after the second's export timestamp and file hashes are read as the first's. */
function compareBundles(first: Map<string, Buffer>, second: Map<string, Buffer>) {
  const createdAt = (bundle: Map<string, Buffer>) =>
    (JSON.parse(bundle.get("manifest.json")!.toString("utf8")) as { createdAt: string }).createdAt;
  const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
  const asFirst = (text: string) => {
    let result = text.replaceAll(createdAt(second), createdAt(first));
    for (const [name, bytes] of second) result = result.replaceAll(sha256(bytes), sha256(first.get(name)!));
    return result;
  };
  const stamped = [...second].filter(([, bytes]) => bytes.toString("utf8").includes(createdAt(second)));
  const differing = [...second].filter(([name, bytes]) => !bytes.equals(first.get(name)!));
  const differingOnceRead = [...second].filter(
    ([name, bytes]) => asFirst(bytes.toString("utf8")) !== first.get(name)!.toString("utf8"),
  );
  return {
    stamped: stamped.map(([name]) => name).sort(),
    differing: differing.map(([name]) => name).sort(),
    differingOnceRead: differingOnceRead.map(([name]) => name).sort(),
    createdAt: [createdAt(first), createdAt(second)],
    asFirst,
  };
}

function signedIn(checkpointJson: string): { algorithm: string; statement: string; signature: string } {
  return JSON.parse(checkpointJson);
}

let sqlite: string;
let folder: string;

beforeAll(async () => {
  postgres = await freshPostgresDatabase();
  await aChatWithHistory();
  await harness.stopRegbot();
  sqlite = harness.databasePath;
  const moved = await cli("migrate-to-postgres", ["--from", sqlite, "--to", postgres.url]);
  expect(moved.stdout).toContain("the copy is identical");
  expect(moved.stdout).toContain(`set SIGNING_KEY_PATH=${realpathSync(`${sqlite}.ed25519.pem`)}`);
  expect(moved.code).toBe(0);
  folder = mkdtempSync(join(tmpdir(), "regbot-pg-bundles-"));
}, 120_000);

afterAll(async () => {
  await harness?.stop();
  await postgres?.drop();
});

describe("verify, report and export on PostgreSQL", () => {
  it.each([
    // The payment of 1 December is listed in the whole history's contract.json, not in the period's.
    ["the whole history", [], 1],
    ["a period", ["--from", "2026-12-03", "--to", "2026-12-08"], 0],
  ])(
    "exports %s as the same bundle as SQLite, byte for byte but for the export's own timestamp",
    async (_, period, payments) => {
      const out = (name: string) => join(mkdtempSync(join(folder, `${name}-`)), "bundle.zip");
      const fromSqlite = out("sqlite");
      const fromPostgres = out("postgres");
      const exported = await cli("export", [
        "--chat",
        String(chatId),
        ...period,
        "--out",
        fromSqlite,
        "--database",
        sqlite,
      ]);
      expect(exported.stderr).toBe("");
      expect(exported.code).toBe(0);
      // Its .env kept: DATABASE_PATH still names the SQLite file, whose key signs on.
      const onPostgres = await cli("export", [`--chat=${chat.id}`, ...period, "--out", fromPostgres], {
        DATABASE_URL: postgres.url,
        DATABASE_PATH: sqlite,
      });
      expect(onPostgres.stderr).toBe("");
      expect(onPostgres.code).toBe(0);
      expect(onPostgres.stdout).toBe(exported.stdout.replace(fromSqlite, fromPostgres));

      const [first, second] = [readBundleZip(fromSqlite), readBundleZip(fromPostgres)];
      expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
      const posted = JSON.parse(first.get("checkpoints.json")!.toString("utf8")).checkpoints.filter(
        (checkpoint: { posted: unknown }) => checkpoint.posted !== null,
      );
      expect(posted.length).toBeGreaterThanOrEqual(7);
      expect(JSON.parse(first.get("contract.json")!.toString("utf8")).payments).toHaveLength(payments);
      const compared = compareBundles(first, second);
      // Exported a moment apart, the bundles differ only by that moment: manifest.json's createdAt and
      // messages.html's footer ("exported …") state it; checkpoint.json's statement signs it as
      // issuedAt with the hashes of those two files, and SHA256SUMS lists those hashes.
      expect(compared.createdAt[0]).not.toBe(compared.createdAt[1]);
      expect(compared.stamped).toEqual(["checkpoint.json", "manifest.json", "messages.html"]);
      expect(compared.differing).toEqual([...compared.stamped, "SHA256SUMS"].sort());
      // Read with the first's timestamp and hashes, every file is the first's, but for the signature of another statement.
      expect(compared.differingOnceRead).toEqual(["checkpoint.json"]);
      const signedFirst = signedIn(first.get("checkpoint.json")!.toString("utf8"));
      const signedSecond = signedIn(second.get("checkpoint.json")!.toString("utf8"));
      expect({ ...signedIn(compared.asFirst(JSON.stringify(signedSecond))), signature: "" }).toEqual({
        ...signedFirst,
        signature: "",
      });
      expect(second.get("public-key.pem")!.equals(first.get("public-key.pem")!)).toBe(true);
      const key = createPublicKey(first.get("public-key.pem")!);
      for (const signed of [signedFirst, signedSecond])
        expect(verify(null, Buffer.from(signed.statement), key, Buffer.from(signed.signature, "base64"))).toBe(true);
    },
    60_000,
  );

  it("signs with the key SIGNING_KEY_PATH names, wherever the key was moved", async () => {
    const moved = join(mkdtempSync(join(folder, "key-")), "deployment.pem");
    copyFileSync(`${sqlite}.ed25519.pem`, moved);
    copyFileSync(`${sqlite}.ed25519.pub.pem`, join(dirname(moved), "deployment.pub.pem"));
    const out = join(mkdtempSync(join(folder, "moved-key-")), "bundle.zip");
    const exported = await cli("export", [`--chat=${chat.id}`, "--out", out], {
      DATABASE_URL: postgres.url,
      SIGNING_KEY_PATH: moved,
    });
    expect(exported.code).toBe(0);
    expect(readBundleZip(out).get("public-key.pem")!.toString("utf8")).toBe(
      readFileSync(`${sqlite}.ed25519.pub.pem`, "utf8"),
    );
  });

  it("verifies every chain and checkpoint with the same words as on SQLite", async () => {
    const onSqlite = await cli("verify", ["--all", "--database", sqlite]);
    const onPostgres = await cli("verify", ["--all", "--database-url", postgres.url]);
    expect(onSqlite.stdout).toMatch(/chain intact, head [0-9a-f]{64}, (\d+) of \1 checkpoints hold/);
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres.code).toBe(0);
    const byTelegramId = await cli("verify", [`--chat=${chat.id}`], { DATABASE_URL: postgres.url });
    expect(byTelegramId.stdout).toBe(onSqlite.stdout);
  });

  it.each(["json", "text", "csv"])("reports the same figures as on SQLite, as %s", async (format) => {
    const period = ["--from", "2026-12-01", "--to", "2026-12-10", "--format", format];
    const onSqlite = await cli("report", [...period, "--database", sqlite]);
    const onPostgres = await cli("report", period, { DATABASE_URL: postgres.url });
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres.code).toBe(0);
    if (format === "json")
      expect(JSON.parse(onPostgres.stdout)).toEqual([
        expect.objectContaining({ opened: 6, answeredOnTime: 5, breached: 1, paidAt: expect.any(String) }),
      ]);
  });
});

describe("verify on PostgreSQL", () => {
  it("names the first broken sequence number after a superuser rewrites a message past the append-only trigger", async () => {
    const tampered = await freshPostgresDatabase();
    try {
      const moved = await cli("migrate-to-postgres", ["--from", sqlite, "--to", tampered.url]);
      expect(moved.code).toBe(0);
      const connection = new pg.Client({ connectionString: tampered.url });
      await connection.connect();
      try {
        await expect(connection.query("UPDATE events SET line = line WHERE seq = 3")).rejects.toThrow();
        await connection.query("ALTER TABLE events DISABLE TRIGGER ALL");
        const rewritten = await connection.query(
          "UPDATE events SET line = replace(line, 'The report is due Friday.', 'The report is due Monday.') WHERE chat_id = $1 AND line LIKE '%due Friday%' RETURNING seq",
          [chatId],
        );
        expect(rewritten.rowCount).toBe(1);
        await connection.query("ALTER TABLE events ENABLE TRIGGER ALL");
        const result = await cli("verify", ["--chat", String(chatId)], { DATABASE_URL: tampered.url });
        expect(result.stdout).toContain(
          `chain BROKEN at sequence ${rewritten.rows[0].seq}: the line's SHA-256 differs from its recorded hash`,
        );
        expect(result.code).toBe(1);
      } finally {
        await connection.end();
      }
    } finally {
      await tampered.drop();
    }
  }, 60_000);

  it("explains its usage when given two databases or a URL that is not PostgreSQL's", async () => {
    const both = await cli("verify", ["--all", "--database", "x.sqlite", "--database-url", "postgres://x"]);
    expect(both.stderr).toContain("give either --database or --database-url, not both");
    expect(both.code).toBe(2);
    const wrong = await cli("verify", ["--all"], { DATABASE_URL: "mysql://x" });
    expect(wrong.stderr).toContain("DATABASE_URL (or --database-url) must be a postgres:// URL");
    expect(wrong.code).toBe(2);
  });
});
