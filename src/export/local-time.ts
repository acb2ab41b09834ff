import { DateTime } from "luxon";

/**
 * Wall-clock times in a chat's zone, fast enough for a million messages: the zone's offset is
 * asked once per hour of the log and its short name once per offset, not per message (luxon's
 * named offset costs a fifth of a millisecond, its offset a twentieth).
 */
const HOUR_MS = 60 * 60 * 1000;
/** Hours remembered; a long export forgets them all and starts again past this. */
const REMEMBERED_HOURS = 50_000;

export class LocalTimes {
  private readonly offsets = new Map<number, number>();
  private readonly names = new Map<number, string>();
  // Both readable views ask for the same message's time one after the other: the last answer is kept.
  private lastMs = Number.NaN;
  private lastWallClock = "";

  constructor(private readonly zone: string) {}

  /** `2026-11-27T10:15:00`, as Telegram Desktop writes dates. */
  desktop(ms: number): string {
    return this.wallClockAt(ms).slice(0, 19);
  }

  /** `2026-11-27 10:15:00 GMT+1`, as people read them. */
  labelled(ms: number): string {
    const iso = this.wallClockAt(ms);
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${this.nameOf(this.offsetAt(ms), ms)}`;
  }

  private wallClockAt(ms: number): string {
    if (ms !== this.lastMs) {
      this.lastWallClock = wallClock(ms, this.offsetAt(ms));
      this.lastMs = ms;
    }
    return this.lastWallClock;
  }

  /** Minutes east of UTC. */
  private offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    const known = this.offsets.get(hour);
    if (known !== undefined) return known;
    const start = DateTime.fromMillis(hour * HOUR_MS, { zone: this.zone }).offset;
    // The clock changes within this hour: this instant is asked on its own.
    if (DateTime.fromMillis((hour + 1) * HOUR_MS - 1, { zone: this.zone }).offset !== start) return DateTime.fromMillis(ms, { zone: this.zone }).offset;
    if (this.offsets.size >= REMEMBERED_HOURS) this.offsets.clear();
    this.offsets.set(hour, start);
    return start;
  }

  private nameOf(offset: number, ms: number): string {
    let name = this.names.get(offset);
    if (name === undefined) {
      name = DateTime.fromMillis(ms, { zone: this.zone }).offsetNameShort ?? "";
      this.names.set(offset, name);
    }
    return name;
  }
}

const byZone = new Map<string, LocalTimes>();

export function localTimes(zone: string): LocalTimes {
  let times = byZone.get(zone);
  if (times === undefined) {
    times = new LocalTimes(zone);
    byZone.set(zone, times);
  }
  return times;
}

/** The local wall-clock time as an ISO-8601 string (its `Z` means nothing here): `2026-11-27T10:15:00.000Z`. */
function wallClock(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString();
}
