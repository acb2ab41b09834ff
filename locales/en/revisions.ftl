# Revisions: the client asks for changes, the specialist delivers them on the regulation's clock.
command-revision = Ask for changes, with their due date (the client's contact)
command-estimate = Give a revision another estimate, e.g. /estimate V1 3d <reason> (specialists)
command-delivered = Mark a revision delivered, e.g. /delivered V1 (specialists)
command-accept = Accept a delivered revision, e.g. /accept V1 (the client's contact)
command-reopen = Reopen a delivered revision, e.g. /reopen V1 <what is still to change> (the client's contact)
command-shift = Move your deadlines by the time the work waited on a late request, e.g. /shift R1 (specialists)
revision-created = { $number }: { $what }
revision-count = Received { $received }, counted from { $from } over { $duration }: due by { $due }, live by { $liveBy }.
revision-business-days = { $days ->
    [one] { $days } business day
   *[other] { $days } business days
}
revision-business-time = { $time } of business time
revision-estimate-hint = A specialist can give another estimate with the reason, for example: /estimate { $number } 3d Ten posts to redo in a running campaign
revision-needs-text = What should change? Write it after the command, for example: /revision Replace the photo in the second post (or reply to a message with /revision).
revision-unknown = I don't know the revision "{ $given }". Give its number, for example: /{ $command } V1
revision-only-client = Only the client's authorised contact ({ $client }) asks for revisions and accepts or reopens them.
revision-no-client = Only the client's authorised contact asks for revisions and accepts or reopens them, and nobody has that role yet: a specialist names them with /client.
revision-not-delivered = { $number } is not delivered yet; it is due by { $due }.
revision-already-delivered = { $number } is already delivered; the client's contact accepts it or reopens it.
revision-already-accepted = { $number } is already accepted.
revision-estimate-syntax = Give the revision's number, the time it takes and the reason, for example: /estimate V1 3d Ten posts to redo in a running campaign (d for business days, h for business hours).
revision-estimate-not-positive = An estimate must be longer than zero, and "{ $value }" is not. For example: /estimate { $number } 1d Only the avatar changes
revision-estimate-too-late = { $number } was due by { $due }; a deadline can be estimated again only before it passes.
revision-estimate-passed = With { $value }, { $number } would have been due by { $due }, which has already passed. Please give a longer estimate.
revision-estimated = { $by } estimates { $number } ({ $what }) differently: { $reason }
    The previous deadline was { $was }.
revision-estimate-waited = With the time the work waited on the client added, it is due by { $due }, live by { $liveBy }.
revision-delivered-on-time = { $number } ({ $what }) delivered by { $by }, on time.
revision-delivered-late = { $number } ({ $what }) delivered by { $by }, { $days ->
    [one] { $days } business day
   *[other] { $days } business days
} after its deadline ({ $due }).
revision-review = { $client }, please accept it, or reopen it with what is still to change: /reopen { $number } <what>.
revision-accept-button = Accept
revision-reopen-button = Reopen
revision-accepted = { $number } ({ $what }) accepted by { $by }. Thank you!
revision-reopened = { $number } ({ $what }) reopened by { $by }.
revision-reopened-because = { $number } ({ $what }) reopened by { $by }: { $reason }
revision-reminder = Reminder for { $specialists }: { $number } ({ $what }) is due by { $due }.
revision-overdue = { $number } ({ $what }) was due by { $due } and is not delivered yet; the delay is recorded.
status-revision = The specialist owes { $number } ({ $what }), due by { $due }.
status-revision-overdue = Overdue from the specialist: { $number } ({ $what }), due by { $due }.
status-revision-delivered = { $number } ({ $what }) is delivered and waits for the client's contact to accept it.
status-client-delay = The work has waited on the client { $days ->
    [one] { $days } business day
   *[other] { $days } business days
} in total.

# /shift: the client's delay moves the specialist's deadlines.
shift-button = Shift my deadlines
shift-unknown = I don't know the request "{ $given }". Give the number of a late information request, for example: /shift R1
shift-only-specialists = Only a specialist of this chat can shift their deadlines.
shift-already = The waiting on { $number } was already applied to the deadlines ({ $at }).
shift-on-time = { $number } was provided on time ({ $due }), so the work did not wait on it.
shift-not-overdue = { $number } is not overdue: it is due by { $due }. Deadlines can be shifted once it is late.
shift-waiting-provided = { $number } was provided { $days ->
    [one] { $days } business day
   *[other] { $days } business days
} late: the work waited from { $from } to { $to }. That waiting now pauses the specialist's deadlines.
shift-waiting-open = { $number } is still not provided: the work has waited from { $from } until now, { $to }. That waiting now pauses the specialist's deadlines; the rest of this wait will not be shifted again.
shift-moved = { $number } ({ $what }) moved from { $from } to { $to }.
shift-nothing-moved = No open revision or plan stage was due after { $from }, so no deadline moves.
