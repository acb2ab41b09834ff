export-only-parties = Only a specialist, the manager or the client's authorised contact can export this chat's record.
export-period-unreadable = I couldn't read the period "{ $given }". Give two dates, the first day and the last, for example: /export 2026-11-01..2026-11-30 (or just /export for the whole history).
export-period-not-a-date = { $date } is not a date in the calendar. Give two dates, for example: /export 2026-11-01..2026-11-30
export-period-reversed = The period ends ({ $to }) before it starts ({ $from }). Give the first day first, for example: /export { $to }..{ $from }
export-period-whole = the whole history
export-period-dates = { $from } to { $to } (dates in { $timezone })
export-start-needed = { $name }, I can only send you the export ({ $period }) in a private chat, and you haven't started one with me yet. Open { $link } and press Start: the export follows there.
export-start-button = Receive the export privately
export-sent-group = { $name } has the export of this chat ({ $period }) in their private chat with me.
export-too-large-group = The export of this chat ({ $period }) is { $megabytes } MB, too large to send through Telegram; { $name } has the other ways to get it in their private chat with me.
export-no-longer-allowed = { $name } is no longer a specialist or the client's contact here, so the export they asked for ({ $period }) was not sent.
export-failed-group = Sorry, { $name }: I couldn't make the export ({ $period }). Please ask again with /export later; if it keeps failing, the operator of this regbot can make it from the command line.
export-preparing = Preparing the export of «{ $chat }», { $period }. A long history takes a minute or two.
export-link-accepted = Thank you! Preparing the export of «{ $chat }», { $period }: it follows here.
export-link-unknown = I don't know this export link. Ask for the export again with /export in the group.
export-link-not-yours = This link was made for the person who asked for the export. Ask for your own with /export in the group.
export-link-used = This link has been used already: the export is above. To get a new one, send /export in the group.
export-caption =
    Export of «{ $chat }», { $period }: { $events ->
        [one] { $events } event
       *[other] { $events } events
    }, Merkle root { $root }.
    SHA-256 of this file: { $sha256 }
    Unpack it and run "node verify.mjs" inside: it checks every file, the hash chain and the signature, with nothing but Node.js.
export-part-caption = Part { $part } of { $parts } of the export of «{ $chat }», { $period }.
export-parts-join =
    The export of «{ $chat }», { $period } is { $megabytes } MB, more than Telegram lets me send in one file, so it came in { $parts ->
        [one] { $parts } part
       *[other] { $parts } parts
    }. Save them in one folder and join them:
    { $unix }
    (on Windows: { $windows }; 7-Zip also opens { $first } directly).
    SHA-256 of the joined file: { $sha256 }
    It holds { $events ->
        [one] { $events } event
       *[other] { $events } events
    }, Merkle root { $root }. Unpack it and run "node verify.mjs" inside to check it.
export-too-large =
    The export of «{ $chat }», { $period } is { $megabytes } MB: too large to send through Telegram, even in { $max ->
        [one] { $max } part
       *[other] { $max } parts
    }.
    Ask for a shorter period in the group, for example /export 2026-11-01..2026-11-30, or ask the operator of this regbot to run:
    { $command }
