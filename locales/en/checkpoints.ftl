checkpoint =
    Checkpoint: { $events ->
        [one] { $events } event
       *[other] { $events } events
    } recorded, root { $short }.
    Keep this message: any export of this chat can be checked against it.
    { $size }:{ $root }
checkpoint-usage = /checkpoint takes nothing after it: send just /checkpoint to post the record's checkpoint now. To check an export against a checkpoint you keep, run in the unpacked export: node verify.mjs --checkpoint 1234:3f2a… (the last line of the checkpoint message).
checkpoint-key = Exports are signed with the key whose SHA-256 fingerprint is { $fingerprint }.
