import type { ExportedCheckpoint, ExportedEvent, ExportedObligation, ExportedPerson, ExportedRegulationVersion, ExportedRole, ExportedRun, ExportedWindow } from "../db/export-repository.js";

/** The bundle's JSON files beside the log: who, under which rules, what was owed, what regbot could see. */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Telegram keeps undelivered updates for 24 hours; a longer gap may have lost messages for good. */
export const TELEGRAM_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface Period {
  from: number;
  to: number;
}

export function participantsDocument(people: readonly ExportedPerson[], roles: readonly ExportedRole[]) {
  return {
    people: people.map((person) => ({
      id: person.userId,
      from_id: `user${person.userId}`,
      first_name: person.firstName,
      last_name: person.lastName,
      username: person.username,
      is_bot: person.isBot,
      last_seen_at: iso(person.lastSeenAt),
    })),
    roles: roles.map((role) => ({ user_id: role.userId, role: role.role, since: iso(role.since), until: iso(role.until) })),
    note: "Names are the latest regbot saw; the names at the time of each message are in events.jsonl. A role with until null is held now.",
  };
}

export function regulationDocument(versions: readonly ExportedRegulationVersion[]) {
  return {
    versions: versions.map((version, index) => ({
      version: version.version,
      in_force_from: iso(version.inForceFrom),
      until: iso(versions[index + 1]?.inForceFrom ?? null),
      changed_by: version.changedBy,
      settings: JSON.parse(version.settings) as unknown,
    })),
  };
}

export function obligationsDocument(windows: readonly ExportedWindow[], others: readonly ExportedObligation[], period: Period | undefined) {
  const inPeriod = <T>(items: readonly T[], openedAt: (item: T) => number) => (period === undefined ? items : items.filter((item) => openedAt(item) >= period.from && openedAt(item) < period.to));
  const ofKind = (kind: string) =>
    inPeriod(others.filter((obligation) => obligation.kind === kind), (obligation) => obligation.createdAt).map((obligation) =>
      // Every column as stored, instants as ISO-8601: the table is young and its columns may grow.
      Object.fromEntries(Object.entries(obligation).map(([field, value]) => [field, field.endsWith("At") && typeof value === "number" ? iso(value) : value])),
    );
  return {
    response_windows: inPeriod(windows, (window) => window.openedAt).map((window) => ({
      id: window.id,
      opened_at: iso(window.openedAt),
      opened_by_message_id: window.openedByMessageId,
      regulation_version: window.regulationVersion,
      due_at: iso(window.dueAt),
      warn_at: iso(window.warnAt),
      state: window.state,
      answered_at: iso(window.answeredAt),
      answered_by: window.answeredBy,
      answer_message_id: window.answerMessageId,
      business_minutes: window.businessMinutes,
      breached_at: iso(window.breachedAt),
    })),
    information_requests: ofKind("request"),
    deadlines: [],
    note: "Obligations are listed for the period by when they were opened. regbot does not record other deadlines (e.g. revisions, calls) yet, so that list is empty, not evidence that none existed.",
  };
}

export function coverageDocument(runs: readonly ExportedRun[], coverageEvents: readonly ExportedEvent[], seesAllMessages: boolean | null, period: Period | undefined) {
  const gaps = [];
  for (let index = 1; index < runs.length; index += 1) {
    const before = runs[index - 1]!;
    const after = runs[index]!;
    const from = before.stoppedAt ?? before.lastSeenAt;
    if (after.startedAt <= from) continue;
    if (period !== undefined && (after.startedAt <= period.from || from >= period.to)) continue;
    gaps.push({
      from: iso(from),
      to: iso(after.startedAt),
      hours: Math.round(((after.startedAt - from) / 3_600_000) * 100) / 100,
      previous_run_stopped_cleanly: before.stoppedAt !== null,
      beyond_telegram_retention: after.startedAt - from > TELEGRAM_RETENTION_MS,
    });
  }
  return {
    runs: runs
      .filter((run) => period === undefined || ((run.stoppedAt ?? run.lastSeenAt) >= period.from && run.startedAt < period.to))
      .map((run) => ({
        id: run.id,
        started_at: iso(run.startedAt),
        last_seen_at: iso(run.lastSeenAt),
        stopped_at: iso(run.stoppedAt),
        last_telegram_contact_at: iso(run.lastTelegramContactAt),
      })),
    gaps,
    visibility_changes: coverageEvents.map((event) => {
      const payload = (JSON.parse(event.line) as { payload?: { complete?: boolean; reason?: string; absent?: { from: number; to: number } } }).payload ?? {};
      // regbot removed from the chat and added back: nothing said in between is in the record.
      const absence = payload.absent === undefined ? {} : { removed_from_chat: { from: iso(payload.absent.from), to: iso(payload.absent.to) } };
      return { seq: event.seq, at: iso(event.receivedAt), sees_all_messages: payload.complete ?? null, reason: payload.reason ?? null, ...absence };
    }),
    sees_all_messages_now: seesAllMessages,
    note: "Runs belong to the deployment, not to one chat: a gap here was a gap for every chat.",
    standing_facts: [
      "While regbot was not running, Telegram kept its updates for up to 24 hours; gaps flagged beyond_telegram_retention may have lost messages for good.",
      "Telegram does not deliver other bots' messages to bots, so messages by other bots are missing from this record.",
      "Telegram does not tell bots when a message is deleted; a deleted message stays in this record as it was sent.",
      "In privacy mode without administrator rights, a bot sees only commands, replies to it and service messages; see visibility_changes.",
    ],
  };
}

export function checkpointsDocument(checkpoints: readonly ExportedCheckpoint[], proofFrom: (size: number) => string[]) {
  return {
    checkpoints: checkpoints.map((checkpoint) => ({
      seq: checkpoint.seq,
      recorded_at: iso(checkpoint.recordedAt),
      size: checkpoint.size,
      root: checkpoint.root,
      posted: checkpoint.posted && { message_id: checkpoint.posted.messageId, at: iso(checkpoint.posted.at) },
      proof: proofFrom(checkpoint.size),
    })),
    note:
      "Every checkpoint regbot recorded in the chat's log up to this export, also outside its period; posted null means its message never reached the chat. " +
      "A checkpoint covers the log's first size events; proof is the RFC 6962 consistency proof from that tree to the whole log in manifest.json (log). " +
      "Each checkpoint message in the chat ends with the line size:root; compare it with this list.",
  };
}

export const VERIFY_MD = `# Checking this bundle

Run \`node verify.mjs\` inside this folder (Node.js 18 or later, nothing to install).
It prints one line per check and exits with 0 when all pass, 1 when any fails.
The same checks run with \`npm run verify-bundle -- <folder>\` in a regbot installation.

If you kept checkpoint messages from the chat, give each one's last line (\`size:root\`):
\`node verify.mjs --checkpoint 1234:3f2a…\` (repeat the option for several). This is the check
that matters most against the operator; see below.

## What each check proves

- **sums**: every file matches its SHA-256 in \`SHA256SUMS\` and no file was added.
  This shows the files were not changed after the bundle was made *or* that whoever changed
  them also rewrote \`SHA256SUMS\`; on its own it proves only that the bundle is complete.
- **chain**: every line of \`events.jsonl\` is hashed from its bytes and names the previous
  line's hash, from the head recorded in \`manifest.json\` (\`headBefore\`, or the zero hash for
  a chat's whole history) to the recorded head. No event in between can be changed, removed,
  inserted or reordered without breaking this check.
- **merkle**: the RFC 6962 Merkle root over the events (leaves: each event's SHA-256 as
  32 bytes) equals the root in \`manifest.json\`.
- **signature**: \`checkpoint.json\` carries a statement of the head, the event count, the
  Merkle root and the whole log's root, signed with the Ed25519 key in \`public-key.pem\`, and it
  matches \`manifest.json\`. This shows only that the bundle came from the deployment that holds
  that key. Compare the key's fingerprint (printed by the check) with one you received from the
  operator before the dispute.
- **log**: the events of this bundle, after the hashes of the events before them
  (\`log.before\`), are the beginning of the chat's whole log as it was when exported
  (\`log.size\` events, root \`log.root\`): an RFC 6962 consistency proof (\`log.proof\`) shows it.
  For an export of the whole history this is trivially so.
- **checkpoint**: regbot posts a checkpoint in the chat when it joins, once a day when anything
  was logged (in the weekly digest on its day) and whenever someone sends /checkpoint: the number
  of events and the root of the log at that moment. \`checkpoints.json\` lists every one recorded
  up to the export, with a consistency proof to the whole log's root; each line says whether that
  checkpoint's log is the beginning of the exported one. A checkpoint that is not consistent
  means the log was rewritten after it was posted, or its entry in the list was altered.
- **checkpoints**: every checkpoint recorded in \`events.jsonl\` is in \`checkpoints.json\`.
- **kept**: each checkpoint you gave with \`--checkpoint\` is in the list and consistent with the
  exported log.

## What the checks cannot prove

- The signature shows where the bundle came from, not that its history is true: the operator of
  the deployment holds the signing key and could write a different history, recompute every
  hash and root and sign it again. Every check above except **kept** would then pass.
- Only the checkpoints **both parties received in the chat** protect against that. Telegram
  delivered them to each side's own app at the time, and the operator cannot change them there.
  Find the checkpoint messages in your chat (their dates are in \`checkpoints.json\`) and give
  them to \`--checkpoint\`, or at least compare each root by eye. A checkpoint you hold that the
  list lacks, or lists with another root, means this is not the log you were shown.
- A checkpoint protects the events logged before it; events after the last checkpoint you hold
  are protected by the signature only.
- \`result.json\` and \`messages.html\` are readable views made from \`events.jsonl\`; the sums
  cover them, but only \`events.jsonl\` is bound by the chain, the roots and the signature.
- The record is only as complete as what Telegram delivered to regbot: see \`coverage.json\`.
`;
