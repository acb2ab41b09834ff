import { benchBusinessCalendar } from "./business-calendar.js";
import { benchDelivery } from "./delivery.js";
import { benchIngest } from "./ingest.js";
import { benchSchedulerTick } from "./scheduler-tick.js";

/** `npm run bench`: prints each benchmark as ratios against a baseline measured in the same run. */
const met = [await ingest(), await businessCalendar(), await schedulerTick(), await delivery()];
process.exitCode = met.every(Boolean) ? 0 : 1;

async function ingest(): Promise<boolean> {
  const result = await benchIngest();
  console.log(`ingest: ${result.updates} updates in batches of 100`);
  console.log(`  full stack     ${result.stackPerSecond.toFixed(0)} updates/s (target >= 10000)`);
  console.log(`  storage alone  ${result.storagePerSecond.toFixed(0)} updates/s (the inbox transaction without grammY and the features)`);
  console.log(`  raw baseline   ${result.rawPerSecond.toFixed(0)} updates/s`);
  console.log(`  ratio          ${result.ratio.toFixed(2)}x of raw (target >= 0.40)`);
  console.log(`  latency/update p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms (from batch delivery to handled)`);
  return verdict("ingest", result.stackPerSecond >= 10_000 && result.ratio >= 0.4);
}

async function businessCalendar(): Promise<boolean> {
  const result = await benchBusinessCalendar();
  console.log(`business calendar: ${result.computations} due-date computations (Madrid, two intervals a day, holidays, DST)`);
  console.log(`  compiled       ${result.seconds.toFixed(2)} s (target < 2)`);
  console.log(`  naive luxon    ${result.naiveSecondsPer1000.toFixed(3)} s per 1000 (${result.naiveComputations} measured)`);
  console.log(`  speed-up       ${result.speedup.toFixed(0)}x the naive walk, ${result.mismatches} mismatches`);
  return verdict("business calendar", result.seconds < 2 && result.mismatches === 0);
}

async function schedulerTick(): Promise<boolean> {
  const result = await benchSchedulerTick();
  console.log(`scheduler tick: ${result.jobs} chats with one due reminder each, one tick (median of ${result.rounds})`);
  console.log(`  tick           ${result.tickMs.toFixed(0)} ms (target < 200): claim, run, complete and enqueue, durably`);
  console.log(`  raw baseline   ${result.rawMs.toFixed(0)} ms: the same writes through better-sqlite3 in one transaction`);
  console.log(`  ratio          ${result.ratio.toFixed(2)}x the raw time`);
  return verdict("scheduler tick", result.tickMs < 200);
}

async function delivery(): Promise<boolean> {
  const result = await benchDelivery();
  console.log(`delivery: ${result.messages} reminders over ${result.groups} groups, to a fake Bot API enforcing Telegram's flood limits`);
  console.log(`  elapsed        ${result.seconds.toFixed(1)} s`);
  console.log(`  minimum        ${result.minimumSeconds.toFixed(1)} s (30 messages/s overall)`);
  console.log(`  ratio          ${result.ratio.toFixed(2)}x the minimum (target <= 1.10)`);
  console.log(`  429 answers    ${result.tooManyRequests} (target 0)`);
  return verdict("delivery", result.ratio <= 1.1 && result.tooManyRequests === 0);
}

function verdict(name: string, met: boolean): boolean {
  console.log(met ? `${name} targets met` : `${name} targets NOT met`);
  return met;
}
