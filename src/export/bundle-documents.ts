import type { ExportedCheckpoint } from "../db/export-repository.js";

/** checkpoints.json and VERIFY.md: the bundle's files that are not derived from its log. */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
