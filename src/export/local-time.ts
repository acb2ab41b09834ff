import { DateTime } from "luxon";

/**
 * Wall-clock times in a chat's zone, fast enough for a million messages: a log runs forward in
 * time, so the zone's offset and short name are asked once per quarter hour, not per message
 * (luxon's named offset alone costs a fifth of a millisecond).
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

interface Offset {
  minutes: number;
  name: string;
}

export class LocalTimes {
  private quarter = Number.NaN;
  private offset: Offset = { minutes: 0, name: "" };

  constructor(private readonly zone: string) {}

  /** `2026-11-27T10:15:00`, as Telegram Desktop writes dates. */
  desktop(ms: number): string {
    return wallClock(ms, this.offsetAt(ms).minutes).slice(0, 19);
  }

  /** `2026-11-27 10:15:00 GMT+1`, as people read them. */
  labelled(ms: number): string {
    const offset = this.offsetAt(ms);
    const iso = wallClock(ms, offset.minutes);
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${offset.name}`;
  }

  private offsetAt(ms: number): Offset {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    if (quarter === this.quarter) return this.offset;
    const start = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: this.zone });
    const end = DateTime.fromMillis((quarter + 1) * QUARTER_HOUR_MS - 1, { zone: this.zone });
    // The clock changes inside this quarter hour: this instant is asked on its own.
    if (start.offset !== end.offset) return offsetOf(DateTime.fromMillis(ms, { zone: this.zone }));
    this.quarter = quarter;
    this.offset = offsetOf(start);
    return this.offset;
  }
}

const byZone = new Map<string, LocalTimes>();

export function localTimes(zone: string): LocalTimes {
  let times = byZone.get(zone);
  if (times === undefined) byZone.set(zone, (times = new LocalTimes(zone)));
  return times;
}

function offsetOf(time: DateTime): Offset {
  return { minutes: time.offset, name: time.offsetNameShort ?? "" };
}

/** The local wall-clock time as an ISO-8601 string (its `Z` means nothing here): `2026-11-27T10:15:00.000Z`. */
function wallClock(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString();
}
