import { benchIngest } from "./ingest.js";

/** `npm run bench`: prints each benchmark as ratios against a baseline measured in the same run. */
const ingest = await benchIngest();
console.log(`ingest: ${ingest.updates} updates in batches of 100`);
console.log(`  full stack     ${ingest.stackPerSecond.toFixed(0)} updates/s (target >= 10000)`);
console.log(`  raw baseline   ${ingest.rawPerSecond.toFixed(0)} updates/s`);
console.log(`  ratio          ${ingest.ratio.toFixed(2)}x of raw (target >= 0.40)`);
console.log(`  latency/update p50 ${ingest.p50Ms.toFixed(2)} ms, p99 ${ingest.p99Ms.toFixed(2)} ms (from batch delivery to handled)`);
const met = ingest.stackPerSecond >= 10_000 && ingest.ratio >= 0.4;
console.log(met ? "ingest targets met" : "ingest targets NOT met");
process.exitCode = met ? 0 : 1;
