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
  }

  /** `2026-11-27T10:15:00`, as Telegram Desktop writes dates. @param {number} ms */
  desktop(ms) {
    return wallClock(ms, this.offsetAt(ms)).slice(0, 19);
  }

  /** `2026-11-27 10:15:00 UTC+01:00`, as people read them. @param {number} ms */
  labelled(ms) {
    const offset = this.offsetAt(ms);
    const iso = wallClock(ms, offset);
    return iso.slice(0, 10) + " " + iso.slice(11, 19) + " " + offsetName(offset);
  }

  /** `14:02`. @param {number} ms */
  clock(ms) {
    return wallClock(ms, this.offsetAt(ms)).slice(11, 16);
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
  return "UTC" + sign + String(Math.floor(absolute / 60)).padStart(2, "0") + ":" + String(absolute % 60).padStart(2, "0");
}

/** The local wall-clock time as ISO-8601 (its Z means nothing here). @param {number} ms @param {number} offsetMinutes */
function wallClock(ms, offsetMinutes) {
  return new Date(ms + offsetMinutes * 60_000).toISOString();
}
