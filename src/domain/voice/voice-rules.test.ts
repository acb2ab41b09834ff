import { DateTime } from "luxon";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessMinutesBetween, compileCalendar, type DailyInterval } from "../calendar/index.js";
import {
  BOT_DOWNLOAD_LIMIT_BYTES,
  continuesBurst,
  followsVoice,
  isDownloadable,
  isRecording,
  reminderDueAt,
  uploadNameOf,
  type AudioFile,
} from "./voice-rules.js";

const ZONE = "Europe/Madrid";
const madrid = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const local = (ms: number): string => DateTime.fromMillis(ms, { zone: ZONE }).toFormat("ccc yyyy-MM-dd HH:mm");
const DAY: DailyInterval[] = [{ start: 10 * 60, end: 19 * 60 }];
const office = compileCalendar({
  timezone: ZONE,
  hours: { kind: "weekly", days: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY } },
  holidays: [{ from: "2026-12-08", to: "2026-12-08" }],
});
const MINUTE = 60_000;

describe("which audio files are recordings", () => {
  it.each<[AudioFile, boolean, string]>([
    [{ durationSeconds: 95 }, true, "an untagged dictaphone file"],
    [{ durationSeconds: 95, title: "  " }, true, "a blank title tag"],
    [{ durationSeconds: 212, performer: "Rosalía", title: "Despechá" }, false, "a tagged song"],
    [{ durationSeconds: 30, title: "Jingle v2" }, false, "a titled jingle"],
    [{ durationSeconds: 45 * 60 }, false, "an untagged 45-minute podcast or album track"],
  ])("%o → %s (%s)", (audio, expected) => {
    expect(isRecording(audio)).toBe(expected);
  });
});

describe("what can be sent to a transcription engine", () => {
  it.each([
    [undefined, true],
    [BOT_DOWNLOAD_LIMIT_BYTES, true],
    [BOT_DOWNLOAD_LIMIT_BYTES + 1, false],
  ])("a file of %s bytes can be downloaded by a bot: %s", (size, expected) => {
    expect(isDownloadable(size)).toBe(expected);
  });

  it.each([
    ["voice/file_12.oga", "file_12.ogg"],
    ["video_notes/file_3.mp4", "file_3.mp4"],
    ["music/file_7.m4a", "file_7.m4a"],
    ["", "audio.ogg"],
  ])("uploads %j as %j", (path, name) => {
    expect(uploadNameOf(path)).toBe(name);
  });
});

describe("bursts and follow-ups", () => {
  it.each([
    [0, true],
    [5 * MINUTE, true],
    [5 * MINUTE + 1, false],
    [-MINUTE, false],
  ])("a voice message %d ms after the previous one continues the burst: %s", (gap, expected) => {
    expect(continuesBurst(1_000_000, 1_000_000 + gap)).toBe(expected);
  });

  it.each([
    [5 * MINUTE, true],
    [5 * MINUTE + 1, false],
    [-1, false],
  ])("a text %d ms after the voice message follows it: %s", (gap, expected) => {
    expect(followsVoice(1_000_000, 1_000_000 + gap)).toBe(expected);
  });
});

describe("when the sender is reminded", () => {
  it.each([
    ["2026-12-02T11:00", "Wed 2026-12-02 15:00", "within one day"],
    ["2026-12-02T17:30", "Thu 2026-12-03 12:30", "across the night"],
    ["2026-12-04T18:00", "Mon 2026-12-07 13:00", "across the weekend"],
    ["2026-12-07T17:00", "Wed 2026-12-09 12:00", "across a holiday"],
    ["2026-12-05T12:00", "Mon 2026-12-07 14:00", "sent on a Saturday"],
  ])("a voice message at %s → %s (%s)", (sent, expected) => {
    expect(local(reminderDueAt(office, madrid(sent)))).toBe(expected);
  });

  it("always leaves exactly 4 hours of contact time, and never less wall-clock time", () => {
    const december = fc.integer({ min: madrid("2026-12-01T00:00"), max: madrid("2026-12-31T00:00") });
    fc.assert(
      fc.property(december, (sentAt) => {
        const due = reminderDueAt(office, sentAt);
        return due >= sentAt + 240 * MINUTE && businessMinutesBetween(office, sentAt, due) === 240;
      }),
    );
  });
});
