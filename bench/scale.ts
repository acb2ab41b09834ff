import { measureAgency, type AgencyPoint } from "./scale-chats.js";
import { measureHistory, type HistoryPoint } from "./scale-history.js";
import { measureOutbox, type OutboxPoint } from "./scale-outbox.js";

/**
 * How regbot's costs grow as an agency does: with the number of chats, with one chat's age, with
 * the outbox's queue. Each curve is printed with its growth from the smallest to the largest size,
 * and checked against issue 17's targets. Sizes can be lowered for a quick look
 * (`BENCH_SCALE_CHATS=10,1000`); the recorded figures use the defaults.
 */
const CHAT_COUNTS = sizes("BENCH_SCALE_CHATS", [10, 1_000, 10_000]);
const EVENT_COUNTS = sizes("BENCH_SCALE_EVENTS", [10_000, 100_000, 1_000_000]);
const WAITING = sizes("BENCH_SCALE_WAITING", [1_000, 50_000]);

export interface Curve {
  name: string;
  unit: string;
  points: Array<{ size: number; value: number }>;
  /** The largest size's value against the smallest's. */
  growth: number;
  /** What the issue asks, and whether this run meets it; none for a curve shown for its shape alone. */
  target?: { says: string; met: boolean };
}

export interface ScaleResult {
  chats: Curve[];
  history: Curve[];
  outbox: Curve[];
}

export async function benchScale(): Promise<ScaleResult> {
  const agency: AgencyPoint[] = [];
  for (const chats of CHAT_COUNTS) agency.push(await measureAgency(chats));
  const history: HistoryPoint[] = [];
  // The first point would also pay the process's warm-up (compiling, translations): the smallest runs once unrecorded.
  await measureHistory(EVENT_COUNTS[0]!);
  for (const events of EVENT_COUNTS) history.push(await measureHistory(events));
  const outbox: OutboxPoint[] = [];
  for (const waiting of WAITING) outbox.push(await measureOutbox(waiting));
  const byChats = (name: string, unit: string, value: (point: AgencyPoint) => number) =>
    curve(
      name,
      unit,
      agency.map((point) => ({ size: point.chats, value: value(point) })),
    );
  const byEvents = (name: string, unit: string, value: (point: HistoryPoint) => number) =>
    curve(
      name,
      unit,
      history.map((point) => ({ size: point.events, value: value(point) })),
    );
  const at = <T extends { value: number }>(points: T[], index: number) => points.at(index)?.value ?? Number.NaN;
  const chatList = byChats("/chats, first page", "ms", (point) => point.chatsMs);
  const largestList = agency.at(-1)!;
  const statusCurve = byEvents("/status", "ms", (point) => point.statusMs);
  const messageCurve = byEvents("handling a message", "ms", (point) => point.messageMs);
  const dueCurve = byChats("tick, everything due, per job", "ms", (point) => point.dueJobMs);
  const backlogCurve = byChats("restart backlog", "updates/s", (point) => point.backlogPerSecond);
  const checkpointCurve = byEvents("checkpoint after a message, median", "ms", (point) => point.checkpointMs);
  const sendCurve = curve(
    "sending one message, paced as in production",
    "ms of CPU",
    outbox.map((point) => ({ size: point.waiting, value: point.sendCpuMs })),
  );
  const headsCurve = curve(
    "finding what may leave next",
    "ms",
    outbox.map((point) => ({ size: point.waiting, value: point.headsMs })),
  );
  const thousand = agency.find((point) => point.chats === 1_000);
  return {
    chats: [
      byChats("database size", "MB", (point) => point.databaseMb),
      byChats("tick, nothing due", "ms", (point) => point.idleTickMs),
      withTarget(dueCurve, "<= 0.3 ms per job at the largest size", at(dueCurve.points, -1) <= 0.3),
      byChats("startup, nothing waiting", "ms", (point) => point.startupMs),
      withTarget(
        backlogCurve,
        ">= 2,000 updates/s at every size",
        backlogCurve.points.every((p) => p.value >= 2_000),
      ),
      withTarget(
        chatList,
        `one page of <= 100 buttons and 4,096 characters (largest: ${largestList.chatsButtons} buttons, ${largestList.chatsCharacters} characters); < 300 ms at 1,000 chats`,
        agency.every((point) => point.chatsButtons <= 100 && point.chatsCharacters <= 4_096) &&
          (thousand === undefined || thousand.chatsMs < 300),
      ),
      byChats("resident set growth", "MB", (point) => point.rssGrowthMb),
    ],
    history: [
      byEvents("response windows", "", (point) => point.windows),
      withTarget(statusCurve, "<= 1.5x from the smallest to the largest", statusCurve.growth <= 1.5),
      byEvents("/status, CPU", "ms", (point) => point.statusCpuMs),
      byEvents("/digest", "ms", (point) => point.digestCommandMs),
      byEvents("/digest, CPU", "ms", (point) => point.digestCommandCpuMs),
      withTarget(messageCurve, "<= 1.2x from the smallest to the largest", messageCurve.growth <= 1.2),
      byEvents("handling a message, CPU", "ms", (point) => point.messageCpuMs),
      byEvents("first checkpoint (the process's first too)", "ms", (point) => point.firstCheckpointMs),
      withTarget(checkpointCurve, "< 5 ms at the largest", at(checkpointCurve.points, -1) < 5),
      byEvents("checkpoint after a message, CPU", "ms", (point) => point.checkpointCpuMs),
      byEvents("digest (the weekly job's tick, once)", "ms", (point) => point.digestMs),
      byEvents("digest's tick, CPU", "ms", (point) => point.digestCpuMs),
      byEvents("verify", "ms", (point) => point.verifyMs),
    ],
    outbox: [withTarget(sendCurve, "<= 1.5x from the fewest waiting to the most", sendCurve.growth <= 1.5), headsCurve],
  };
}

function curve(name: string, unit: string, points: Curve["points"]): Curve {
  if (points.length === 0 || points.some((point) => !Number.isFinite(point.value) || point.value <= 0))
    throw new Error(`scale: "${name}" measured nothing (${JSON.stringify(points)})`);
  return { name, unit, points, growth: points.at(-1)!.value / points[0]!.value };
}

function withTarget(measured: Curve, says: string, met: boolean): Curve {
  return { ...measured, target: { says, met } };
}

function sizes(variable: string, defaults: number[]): number[] {
  const given = process.env[variable];
  if (given === undefined) return defaults;
  const parsed = given.split(",").map(Number);
  if (parsed.length === 0 || parsed.some((size) => !Number.isInteger(size) || size <= 0))
    throw new Error(`${variable}: sizes like 10,1000, not "${given}"`);
  return parsed;
}
