import { describe, expect, it } from "vitest";
import type { ExportedObligation, ExportedRegulationVersion } from "../../src/db/export-reader.js";
import { defaultRegulation } from "../../src/domain/regulation/regulation.js";
import { contractDocument } from "../../src/export/contract-consequences.js";

const at = (iso: string) => Date.parse(iso);
const regulation = {
  ...defaultRegulation({ timezone: "UTC", language: "en" }),
  contract_sum: { amount: 3000, currency: "EUR" },
  penalty: { fixedPercent: 10, perDayPercent: 2, days: "business" as const, clause: "clause 7.1" },
};
const version = (inForceFrom: number, settings: object) =>
  ({
    chatId: 1,
    version: 1,
    inForceFrom,
    changedBy: 501,
    settings: JSON.stringify(settings),
  }) as unknown as ExportedRegulationVersion;
const stage = (number: number, dueAt: string, closedAt: string) =>
  ({
    id: number,
    chatId: 1,
    kind: "stage",
    number,
    description: `Stage ${number}`,
    createdBy: 501,
    createdAt: at("2026-11-30T10:00:00Z"),
    dueAt: at(dueAt),
    state: "done",
    closedAt: at(closedAt),
    closedBy: 501,
  }) as unknown as ExportedObligation;

describe("obligations.json's contract section", () => {
  it("states the penalty of each stage done late by the terms in force that day, within the period", () => {
    const versions = [version(at("2026-11-30T00:00:00Z"), regulation)];
    // Due Friday, done Wednesday: three business days late.
    const stages = [
      stage(1, "2026-12-04T19:00:00Z", "2026-12-09T12:00:00Z"),
      stage(2, "2026-12-04T19:00:00Z", "2026-12-04T18:00:00Z"),
      stage(3, "2026-12-14T19:00:00Z", "2026-12-15T12:00:00Z"),
    ];
    const document = contractDocument(
      versions,
      stages,
      { from: at("2026-12-01T00:00:00Z"), to: at("2026-12-12T00:00:00Z") },
      at("2026-12-20T00:00:00Z"),
    );
    expect(document.late_stage_penalties).toEqual([
      {
        stage: "S1",
        title: "Stage 1",
        due_at: "2026-12-04T19:00:00.000Z",
        done_at: "2026-12-09T12:00:00.000Z",
        days_late: 3,
        days_counted_as: "business",
        fixed_percent: 10,
        per_day_percent: 2,
        counted_percent: 16,
        percent: 16,
        cap_percent: null,
        contract_sum: 3000,
        amount: 480,
        currency: "EUR",
        clause: "clause 7.1",
      },
    ]);
  });

  it("states none when the stage was done before the contract had terms", () => {
    const versions = [version(at("2026-12-10T00:00:00Z"), regulation)];
    expect(
      contractDocument(
        versions,
        [stage(1, "2026-12-04T19:00:00Z", "2026-12-09T12:00:00Z")],
        undefined,
        at("2026-12-20T00:00:00Z"),
      ).late_stage_penalties,
    ).toEqual([]);
  });

  it("lists payments with who recorded and judged them and when work starts by the terms in force at the confirmation", () => {
    const versions = [version(at("2026-11-30T00:00:00Z"), regulation)];
    const payment = {
      id: 9,
      chatId: 1,
      kind: "payment",
      number: 1,
      description: "bank transfer",
      createdBy: 601,
      createdAt: at("2026-12-01T15:00:00Z"),
      dueAt: at("2026-12-01T15:00:00Z"),
      state: "done",
      confirmedAt: at("2026-12-01T16:00:00Z"),
      closedAt: at("2026-12-01T16:00:00Z"),
      closedBy: 501,
    } as unknown as ExportedObligation;
    expect(contractDocument(versions, [payment], undefined, at("2026-12-20T00:00:00Z")).payments).toEqual([
      {
        number: "M1",
        paid_at: "2026-12-01T15:00:00.000Z",
        note: "bank transfer",
        recorded_by: 601,
        recorded_at: "2026-12-01T15:00:00.000Z",
        state: "confirmed",
        judged_by: 501,
        judged_at: "2026-12-01T16:00:00.000Z",
        work_starts_at: "2026-12-04T10:00:00.000Z",
      },
    ]);
  });

  it("lists cooling-off pauses with who proposed and answered them, and when each ran", () => {
    const pause = (number: number, fields: object) =>
      ({
        id: 20 + number,
        chatId: 1,
        kind: "pause",
        number,
        description: number === 1 ? "We both need a day" : "",
        createdBy: 601,
        createdAt: at("2026-12-01T10:30:00Z"),
        dueAt: at("2026-12-02T10:30:00Z"),
        state: "open",
        confirmedAt: null,
        confirmedBy: null,
        closedAt: null,
        closedBy: null,
        ...fields,
      }) as unknown as ExportedObligation;
    const pauses = [
      pause(1, {
        state: "done",
        confirmedAt: at("2026-12-01T10:40:00Z"),
        confirmedBy: 501,
        dueAt: at("2026-12-02T10:40:00Z"),
        closedAt: at("2026-12-02T10:40:00Z"),
      }),
      pause(2, { state: "cancelled", closedAt: at("2026-12-03T09:00:00Z"), closedBy: 601 }),
      pause(3, {}),
      pause(4, { state: "cancelled", closedAt: at("2026-12-02T10:30:00Z"), closedBy: null }),
      pause(5, { createdAt: at("2026-12-19T12:00:00Z"), dueAt: at("2026-12-20T12:00:00Z") }),
    ];
    const listed = contractDocument([], pauses, undefined, at("2026-12-20T00:00:00Z")).cooling_off_pauses;
    expect(listed[0]).toEqual({
      number: "P1",
      reason: "We both need a day",
      length_minutes: 1440,
      proposed_by: 601,
      proposed_at: "2026-12-01T10:30:00.000Z",
      state: "ended",
      answered_by: 501,
      answered_at: "2026-12-01T10:40:00.000Z",
      starts_at: "2026-12-01T10:40:00.000Z",
      ends_at: "2026-12-02T10:40:00.000Z",
      lapsed_at: null,
    });
    expect(listed.slice(1)).toEqual([
      expect.objectContaining({ number: "P2", state: "withdrawn", answered_by: 601, starts_at: null, ends_at: null }),
      // Unanswered a day after it was proposed: lapsed, whether or not its lapse was recorded yet.
      expect.objectContaining({
        number: "P3",
        state: "lapsed",
        answered_at: null,
        lapsed_at: "2026-12-02T10:30:00.000Z",
      }),
      expect.objectContaining({ number: "P4", state: "lapsed", answered_by: null, answered_at: null }),
      expect.objectContaining({ number: "P5", state: "awaiting answer", answered_by: null, lapsed_at: null }),
    ]);
  });

  it("states the contract's end and, once it has come, the information never provided with how long it waited", () => {
    const withContract = {
      ...regulation,
      contract: { period: { from: "2026-12-01", to: "2026-12-18" }, clause: "clause 5.2" },
    };
    const versions = [version(at("2026-11-30T00:00:00Z"), withContract)];
    const request = (number: number, state: string) =>
      ({
        id: number,
        chatId: 1,
        kind: "request",
        number,
        description: `Access ${number}`,
        createdBy: 501,
        createdAt: at("2026-12-14T12:00:00Z"),
        dueAt: at("2026-12-17T19:00:00Z"),
        state,
        closedAt: null,
      }) as unknown as ExportedObligation;
    const requests = [request(1, "open"), request(2, "done")];
    expect(contractDocument(versions, requests, undefined, at("2026-12-18T12:00:00Z")).end).toEqual({
      last_day: "2026-12-18",
      ends_at: "2026-12-19T00:00:00.000Z",
      ended: false,
      clause: "clause 5.2",
      unprovided_requests: [],
    });
    expect(contractDocument(versions, requests, undefined, at("2026-12-21T12:00:00Z")).end).toMatchObject({
      ended: true,
      // Asked on Monday: Tuesday to Friday.
      unprovided_requests: [
        {
          request: "R1",
          description: "Access 1",
          asked_at: "2026-12-14T12:00:00.000Z",
          due_at: "2026-12-17T19:00:00.000Z",
          waited_business_days: 4,
        },
      ],
    });
  });
});
