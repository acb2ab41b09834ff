import { benchBusinessCalendar } from "./business-calendar.js";
import { benchCheckpoint } from "./checkpoint.js";
import { benchConversation } from "./conversation.js";
import { benchDelivery } from "./delivery.js";
import { benchDigest } from "./digest.js";
import { benchExport } from "./export.js";
import { benchPostgresExport } from "./export-postgres.js";
import { benchIngest } from "./ingest.js";
import { benchPostgresIngest } from "./ingest-postgres.js";
import { benchScale, type Curve } from "./scale.js";
import { benchSchedulerTick } from "./scheduler-tick.js";
import { benchWebApp } from "./web-app.js";

/**
 * `npm run bench [-- name…]`: prints each benchmark (or the named ones) as ratios against a
 * baseline measured in the same run; exits non-zero when a target is missed.
 */
const benchmarks: Record<string, () => Promise<boolean>> = {
  ingest,
  "ingest-postgres": ingestOnPostgres,
  conversation,
  "business-calendar": businessCalendar,
  "scheduler-tick": schedulerTick,
  digest,
  checkpoint,
  delivery,
  export: exportBundle,
  "export-postgres": exportFromPostgres,
  "web-app": webApp,
  scale,
};
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in benchmarks));
if (unknown.length > 0)
  throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benchmarks).join(", ")}`);
const met: boolean[] = [];
for (const [name, run] of Object.entries(benchmarks))
  if (chosen.length === 0 || chosen.includes(name)) met.push(await run());
process.exitCode = met.every(Boolean) ? 0 : 1;

async function ingest(): Promise<boolean> {
  const result = await benchIngest();
  console.log(`ingest: ${result.updates} updates in batches of 100`);
  console.log(`  full stack     ${result.stackPerSecond.toFixed(0)} updates/s (target >= 10000)`);
  console.log(
    `  storage alone  ${result.storagePerSecond.toFixed(0)} updates/s (the inbox transaction without grammY and the features)`,
  );
  console.log(`  raw baseline   ${result.rawPerSecond.toFixed(0)} updates/s`);
  console.log(`  ratio          ${result.ratio.toFixed(2)}x of raw (target >= 0.40)`);
  console.log(
    `  latency/update p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms (from batch delivery to handled)`,
  );
  return verdict("ingest", result.stackPerSecond >= 10_000 && result.ratio >= 0.4);
}

async function ingestOnPostgres(): Promise<boolean> {
  const result = await benchPostgresIngest();
  const { polling, webhook } = result;
  const ratio = (rate: number, raw: number) => `${(rate / raw).toFixed(2)}x of raw`;
  console.log(`ingest on PostgreSQL: ${result.updates} updates, each run in a database of its own on one server`);
  console.log(
    `  polling, 1     ${polling.perSecond.toFixed(0)} updates/s, ${ratio(polling.perSecond, result.rawBatchedPerSecond)} (target >= 0.40); p50 ${polling.p50Ms.toFixed(1)} ms, p99 ${polling.p99Ms.toFixed(1)} ms`,
  );
  console.log(
    `  storage alone  ${result.storagePerSecond.toFixed(0)} updates/s, ${ratio(result.storagePerSecond, result.rawBatchedPerSecond)}: the inbox transaction without grammY and the features`,
  );
  console.log(
    `  raw, batched   ${result.rawBatchedPerSecond.toFixed(0)} updates/s: the same rows, a transaction per 100, one connection`,
  );
  for (const run of webhook)
    console.log(
      `  webhook, ${run.processes}     ${run.handledPerSecond.toFixed(0)} updates/s handled, ${ratio(run.handledPerSecond, result.rawPerUpdatePerSecond)} (target >= 0.40); stored at ${run.storedPerSecond.toFixed(0)} updates/s`,
    );
  console.log(
    `  raw, each      ${result.rawPerUpdatePerSecond.toFixed(0)} updates/s: the same rows, a transaction per update, 20 connections`,
  );
  const [one, three] = webhook.map((run) => run.handledPerSecond) as [number, number];
  console.log(`  3 processes    ${(three / one).toFixed(2)}x the rate of 1 (target >= 1)`);
  return verdict(
    "ingest on PostgreSQL",
    polling.perSecond >= 0.4 * result.rawBatchedPerSecond &&
      webhook.every((run) => run.handledPerSecond >= 0.4 * result.rawPerUpdatePerSecond) &&
      three >= one,
  );
}

async function conversation(): Promise<boolean> {
  const result = await benchConversation();
  console.log(
    `conversation: ${result.updates} updates in batches of 100 over 20 chats: questions and answers, requests, voice messages`,
  );
  console.log(
    `  plain          ${result.plainPerSecond.toFixed(0)} updates/s: specialist messages alone, which open no window`,
  );
  console.log(
    `  conversation   ${result.freshPerSecond.toFixed(0)} updates/s in fresh chats (${result.windowsOpened} windows opened, ${result.requestsCreated} requests)`,
  );
  console.log(`  ratio          ${result.ratio.toFixed(2)}x the plain rate (target >= 0.5)`);
  console.log(
    `  aged chats     ${result.agedPerSecond.toFixed(0)} updates/s with ${result.earlierWindows} earlier windows each: ${result.ageRatio.toFixed(2)}x the fresh rate (target >= 0.83, flat)`,
  );
  console.log(
    `  cpu time       conversation ${result.cpuRatio.toFixed(2)}x plain, aged ${result.cpuAgeRatio.toFixed(2)}x fresh (per update, inverted: rate ratios)`,
  );
  return verdict("conversation", result.ratio >= 0.5 && result.ageRatio >= 1 / 1.2);
}

async function businessCalendar(): Promise<boolean> {
  const result = await benchBusinessCalendar();
  console.log(
    `business calendar: ${result.computations} due-date computations (Madrid, two intervals a day, holidays, DST)`,
  );
  console.log(`  compiled       ${result.seconds.toFixed(2)} s (target < 2)`);
  console.log(
    `  naive luxon    ${result.naiveSecondsPer1000.toFixed(3)} s per 1000 (${result.naiveComputations} measured)`,
  );
  console.log(`  speed-up       ${result.speedup.toFixed(0)}x the naive walk, ${result.mismatches} mismatches`);
  return verdict("business calendar", result.seconds < 2 && result.mismatches === 0);
}

async function schedulerTick(): Promise<boolean> {
  const result = await benchSchedulerTick();
  console.log(`scheduler tick: ${result.jobs} chats with one due reminder each, one tick (median of ${result.rounds})`);
  console.log(
    `  tick           ${result.tickMs.toFixed(0)} ms (target < 200): claim, run, complete and enqueue, durably`,
  );
  console.log(
    `  raw baseline   ${result.rawMs.toFixed(0)} ms: the same writes through better-sqlite3 in one transaction`,
  );
  console.log(
    `  raw, batched   ${result.rawBatchedMs.toFixed(0)} ms: the same, committed as the tick commits (2,000 a transaction)`,
  );
  console.log(
    `  ratio          ${result.ratio.toFixed(2)}x the raw time, ${(result.tickMs / result.rawBatchedMs).toFixed(2)}x the batched`,
  );
  return verdict("scheduler tick", result.tickMs < 200);
}

async function digest(): Promise<boolean> {
  const result = await benchDigest();
  console.log(
    `digest: ${result.chats} chats with a week of history each, one scheduler tick through the real digest handler`,
  );
  console.log(
    `  digests        ${result.seconds.toFixed(2)} s (target < 10), ${result.averageDigestChars.toFixed(0)} characters on average`,
  );
  console.log(`  fixed text     ${result.baselineSeconds.toFixed(2)} s: the same tick queueing a fixed text`);
  console.log(`  ratio          ${result.ratio.toFixed(2)}x the fixed-text tick`);
  console.log(
    `  cpu            ${result.cpuSeconds.toFixed(2)} s against ${result.baselineCpuSeconds.toFixed(2)} s: ${(result.cpuSeconds / result.baselineCpuSeconds).toFixed(2)}x`,
  );
  console.log(`  memory         resident set grew ${result.peakRssGrowthMb.toFixed(0)} MB at peak (target < 256)`);
  return verdict("digest", result.seconds < 10 && result.peakRssGrowthMb < 256);
}

async function checkpoint(): Promise<boolean> {
  const result = await benchCheckpoint();
  console.log(`checkpoint: one chat of ${result.events} events, timed with its commit as a tick records it`);
  console.log(
    `  kept frontier  ${result.keptMedianMs.toFixed(2)} ms median, ${result.keptMaxMs.toFixed(2)} ms at most (target < 5)`,
  );
  console.log(
    `  whole log      ${result.fullReadMs.toFixed(0)} ms: the first checkpoint of a chat without a kept frontier`,
  );
  console.log(`  ratio          ${(result.keptMedianMs / result.fullReadMs).toExponential(2)}x the whole-log read`);
  console.log(`  verify         ${result.checkpointsHold ? "every checkpoint holds" : "a checkpoint does NOT hold"}`);
  return verdict("checkpoint", result.keptMedianMs < 5 && result.checkpointsHold);
}

async function delivery(): Promise<boolean> {
  const result = await benchDelivery();
  console.log(
    `delivery: ${result.messages} reminders over ${result.groups} groups, to a fake Bot API enforcing Telegram's flood limits`,
  );
  console.log(`  elapsed        ${result.seconds.toFixed(1)} s`);
  console.log(`  minimum        ${result.minimumSeconds.toFixed(1)} s (30 messages/s overall)`);
  console.log(`  ratio          ${result.ratio.toFixed(2)}x the minimum (target <= 1.10)`);
  console.log(`  429 answers    ${result.tooManyRequests} (target 0)`);
  return verdict("delivery", result.ratio <= 1.1 && result.tooManyRequests === 0);
}

async function exportBundle(): Promise<boolean> {
  const result = await benchExport();
  console.log(
    `export: ${result.events} events of one chat to the full bundle (${result.bundleMb.toFixed(0)} MB zip) in a worker, each side in a process of its own`,
  );
  console.log(
    `  bundle         ${result.bundleSeconds.toFixed(1)} s, peak RSS ${result.bundlePeakRssMb.toFixed(0)} MB (target < 256)`,
  );
  console.log(`  table dump     ${result.tableDumpSeconds.toFixed(1)} s: the rows, every column, as JSON lines`);
  console.log(`  ratio          ${result.ratio.toFixed(2)}x the table dump (target <= 2)`);
  console.log(
    `  lines dump     ${result.linesDumpSeconds.toFixed(1)} s, peak RSS ${result.linesDumpPeakRssMb.toFixed(0)} MB: the stored lines alone; the bundle takes ${result.linesRatio.toFixed(2)}x that`,
  );
  console.log(
    `  verify.mjs     ${result.verifySeconds.toFixed(1)} s, ${result.verified ? "bundle verified" : "bundle NOT verified"}`,
  );
  if (!result.verified) console.log(result.verifyOutput.replace(/^/gm, "    "));
  console.log(`  sha256sum      ${result.sha256sumSeconds.toFixed(1)} s over the same files`);
  console.log(`  ratio          ${result.verifyRatio.toFixed(2)}x sha256sum (target <= 3)`);
  return verdict(
    "export",
    result.verified && result.ratio <= 2 && result.bundlePeakRssMb < 256 && result.verifyRatio <= 3,
  );
}

async function exportFromPostgres(): Promise<boolean> {
  const result = await benchPostgresExport();
  console.log(
    `export from PostgreSQL: ${result.events} events of one chat, moved by migrate-to-postgres in ${result.migrateSeconds.toFixed(1)} s, exported from each database alternately, twice each`,
  );
  console.log(
    `  SQLite         ${result.sqliteSeconds.toFixed(1)} s, peak RSS ${result.sqlitePeakRssMb.toFixed(0)} MB (target < 256)`,
  );
  console.log(
    `  PostgreSQL     ${result.postgresSeconds.toFixed(1)} s, peak RSS ${result.postgresPeakRssMb.toFixed(0)} MB (target < 256)`,
  );
  console.log(`  ratio          ${result.ratio.toFixed(2)}x SQLite's export`);
  console.log(
    `  bundles        ${result.differing.length === 0 ? "the same files but for the export's timestamp" : `DIFFER in ${result.differing.join(", ")}`}`,
  );
  return verdict(
    "export-postgres",
    result.differing.length === 0 && result.sqlitePeakRssMb < 256 && result.postgresPeakRssMb < 256,
  );
}

async function webApp(): Promise<boolean> {
  const result = await benchWebApp();
  console.log(
    `web app: a specialist with ${result.chats} chats of eight weeks each, signed init data over HTTP, one request at a time`,
  );
  console.log(
    `  chat list      p95 ${result.listP95Ms.toFixed(1)} ms (target < 50), ${result.listRatio.toFixed(1)}x /healthz`,
  );
  console.log(
    `  chat view      p95 ${result.viewP95Ms.toFixed(1)} ms (target < 50), ${result.viewRatio.toFixed(1)}x /healthz`,
  );
  console.log(`  /healthz       p95 ${result.healthP95Ms.toFixed(2)} ms (baseline)`);
  return verdict("web app", result.listP95Ms < 50 && result.viewP95Ms < 50);
}

async function scale(): Promise<boolean> {
  const result = await benchScale();
  const print = (title: string, sizeName: string, curves: Curve[]) => {
    console.log(`  ${title}`);
    for (const { name, unit, points, growth, target } of curves) {
      const values = points.map(({ size, value }) => `${value.toFixed(value < 10 ? 2 : 0)} at ${size} ${sizeName}`);
      const goal = target === undefined ? "" : `; target ${target.says}: ${target.met ? "met" : "NOT met"}`;
      console.log(`    ${name} (${unit || "count"}): ${values.join(", ")}; growth ${growth.toFixed(2)}x${goal}`);
    }
  };
  console.log("scale: costs as an agency grows, each curve's growth from its smallest size to its largest");
  print("chats (one specialist in all of them)", "chats", result.chats);
  print("one chat's age", "events", result.history);
  print("the outbox's queue (over 1,000 chats)", "waiting", result.outbox);
  const curves = [...result.chats, ...result.history, ...result.outbox];
  return verdict(
    "scale",
    curves.every((curve) => curve.target?.met !== false),
  );
}

function verdict(name: string, met: boolean): boolean {
  console.log(met ? `${name} targets met` : `${name} targets NOT met`);
  return met;
}
