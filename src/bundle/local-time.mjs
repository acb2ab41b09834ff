// @ts-check
/**
 * Wall-clock times in a chat's zone with the standard library alone (Intl), fast enough for a
 * million messages: the zone's offset is asked once per hour of the log, not per message.
 * Only numeric offsets are written, never a zone's short name, whose wording differs between
 * ICU versions: the readable views must come out byte for byte the same on any Node.js.
 */
const HOUR_MS = 60 * 60 * 1000;
/** Hours remembered; a long log forgets them all and starts again past this. */
const REMEMBERED_HOURS = 50_000;

export class LocalTimes {
  /** @param {string} zone an IANA time zone, e.g. Europe/Madrid */
  constructor(zone) {
    this.zone = zone;
    /** @type {Map<number, number>} */
    this.offsets = new Map();
    this.format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    // Both readable views ask for the same message's time one after the other: the last answer is kept.
    this.lastMs = Number.NaN;
    this.lastOffset = 0;
    this.lastWallClock = "";
    this.namedOffset = Number.NaN;
    this.offsetText = "";
  }

  /** `2026-11-27T10:15:00`, as Telegram Desktop writes dates. @param {number} ms */
  desktop(ms) {
    return this.wallClockAt(ms);
  }

  /** `2026-11-27 10:15:00 UTC+01:00`, as people read them. @param {number} ms */
  labelled(ms) {
    const iso = this.wallClockAt(ms);
    if (this.namedOffset !== this.lastOffset) {
      this.offsetText = offsetName(this.lastOffset);
      this.namedOffset = this.lastOffset;
    }
    return `${iso.slice(0, 10)} ${iso.slice(11)} ${this.offsetText}`;
  }

  /** `14:02`. @param {number} ms */
  clock(ms) {
    return this.wallClockAt(ms).slice(11, 16);
  }

  /** @param {number} ms */
  wallClockAt(ms) {
    if (ms !== this.lastMs) {
      this.lastOffset = this.offsetAt(ms);
      this.lastWallClock = wallClock(ms, this.lastOffset);
      this.lastMs = ms;
    }
    return this.lastWallClock;
  }

  /** Minutes east of UTC. @param {number} ms */
  offsetAt(ms) {
    const hour = Math.floor(ms / HOUR_MS);
    const known = this.offsets.get(hour);
    if (known !== undefined) return known;
    const start = this.ask(hour * HOUR_MS);
    // The clock changes within this hour: this instant is asked on its own.
    if (this.ask((hour + 1) * HOUR_MS - 1) !== start) return this.ask(ms);
    if (this.offsets.size >= REMEMBERED_HOURS) this.offsets.clear();
    this.offsets.set(hour, start);
    return start;
  }

  /** @param {number} ms */
  ask(ms) {
    const name = this.format.formatToParts(ms).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
    const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    return match === null ? 0 : (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  }
}

/** @type {Map<string, LocalTimes>} */
const byZone = new Map();

/** @param {string} zone */
export function localTimes(zone) {
  let times = byZone.get(zone);
  if (times === undefined) {
    times = new LocalTimes(isZone(zone) ? zone : "UTC");
    byZone.set(zone, times);
  }
  return times;
}

/** @param {string} zone */
function isZone(zone) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `UTC+01:00`, `UTC-03:30`, `UTC`. @param {number} minutes */
export function offsetName(minutes) {
  if (minutes === 0) return "UTC";
  const sign = minutes < 0 ? "-" : "+";
  const absolute = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(absolute / 60)).padStart(2, "0")}:${String(absolute % 60).padStart(2, "0")}`;
}

const DAY_MS = 24 * HOUR_MS;
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, "0"));
// A long log has many messages a day: the day's date is formatted once, the time of day by arithmetic.
let dayNumber = Number.NaN;
let dayText = "";

/** The local wall-clock time as `2026-11-27T10:15:00`. @param {number} ms @param {number} offsetMinutes */
function wallClock(ms, offsetMinutes) {
  const local = ms + offsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  if (day !== dayNumber) {
    dayText = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayNumber = day;
  }
  const seconds = Math.floor((local - day * DAY_MS) / 1000);
  return `${dayText}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
}
