import { describe, expect, it } from "vitest";
import { diagnose, type DiagnosisFacts } from "./diagnosis.js";

const chosen = { value: "x", chosen: true };
const healthy: DiagnosisFacts = {
  readsAllGroupMessages: false,
  membership: "administrator",
  maySendMessages: true,
  isForum: false,
  topicThreadId: undefined,
  clientContact: { kind: "confirmed", name: "Ivan" },
  settings: { hours: chosen, timezone: chosen, digest: chosen },
  transcription: "off",
  checkpoints: { scheduled: true, last: { at: 1, delivery: "sent" } },
};

const finding = (facts: Partial<DiagnosisFacts>, index: number) => diagnose({ ...healthy, ...facts })[index]!;

describe("the diagnosis of regbot's setup in a chat", () => {
  it("finds nothing to fix in a chat set up deliberately", () => {
    expect(diagnose(healthy).every((line) => line.ok)).toBe(true);
  });

  it("counts transcription turned on without an engine as a problem, and off as none", () => {
    expect(finding({ transcription: "no-engine" }, 6)).toEqual({
      ok: false,
      messageId: "diagnose-transcription-no-engine",
    });
    expect(finding({ transcription: "off" }, 6).ok).toBe(true);
  });

  it("takes a checkpoint still on its way as posted, and a chat without one yet as fine", () => {
    expect(finding({ checkpoints: { scheduled: true, last: { at: 5, delivery: "pending" } } }, 7)).toMatchObject({
      ok: true,
      messageId: "diagnose-checkpoints-posted",
    });
    expect(finding({ checkpoints: { scheduled: true, last: undefined } }, 7)).toMatchObject({
      ok: true,
      messageId: "diagnose-checkpoints-none-yet",
    });
  });

  it("says regbot cannot post when it left or was removed, whatever the permissions", () => {
    expect(finding({ membership: "left" }, 1).messageId).toBe("diagnose-cannot-post");
    expect(finding({ membership: "kicked" }, 1).ok).toBe(false);
  });
});
