call-proposed = { $number } proposed by { $proposer }: { $topic }, { $at }.
    { $confirmer }, please confirm it or propose another time.
call-replaced = { $old } is replaced by { $number }, proposed by { $proposer }: { $topic }, { $at }.
    { $confirmer }, please confirm it or propose another time.
call-confirm-button = Confirm
call-other-time-button = Another time
call-other-time-how = Write the time that suits you: /call { $number } <when>, for example /call { $number } tomorrow 11:00
call-confirmed = { $number } confirmed by { $by }: { $topic }, { $at }. I will remind both sides { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } before.
call-cancelled = { $number } ({ $topic }, { $at }) is cancelled by { $by }.
call-needs-topic = What is the call about? No topic, no call: write it after the time, for example: /call { $when } Campaign results
call-only-sides = Only the specialists and the client's contact propose and confirm calls.
call-confirm-only-other-side = The other side confirms { $number }: { $confirmer }.
call-already-confirmed = { $number } is already confirmed.
call-not-open = { $number } is no longer open (it was cancelled, replaced or has its minutes).
call-unknown = I don't know the call "{ $given }". Give its number, for example: { $example }
call-no-client = the client's contact (not named yet)
call-no-specialist = the specialist (not named yet)
call-example-propose = /call Tue 15:00 Campaign results
call-example-other-time = /call C1 tomorrow 11:00
call-example-confirm = /call confirm C1
call-example-cancel = /call cancel C1
call-reminder = Reminder for { $names }: call { $number } ({ $topic }) starts at { $at }, in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
call-unconfirmed-dropped = { $number } ({ $topic }, { $at }) was never confirmed, so it is off the list.
call-minutes-asked = { $number } ({ $topic }) was at { $at }. A call leaves no record, so { $proposer }, please post its minutes, what was agreed, in writing: /minutes { $number } <text>
minutes-posted = Minutes of { $number } ({ $topic }, { $at }) by { $by }:
    { $minutes }
    { $judges }, please confirm them or dispute them.
minutes-confirm-button = Confirm minutes
minutes-dispute-button = Dispute
minutes-needs-text = What did the call agree? Write it after the number, for example: /minutes { $number } Budget stays at 500 €; new creatives by Friday. (Or reply to a message with /minutes { $number }.)
minutes-only = Only the one who proposed the call or a specialist posts its minutes.
minutes-not-confirmed = { $number } ({ $topic }) was not an agreed call, so it has no minutes.
minutes-too-early = { $number } ({ $topic }) is at { $at }; its minutes come after it.
minutes-already-posted = The minutes of { $number } are posted and wait for the other side to confirm or dispute them.
minutes-already-confirmed = The minutes of { $number } are already confirmed.
minutes-judge-only = The other side confirms or disputes these minutes: { $names }.
minutes-nothing-to-judge = { $number } has no minutes waiting for confirmation.
minutes-confirmed = { $by } confirmed the minutes of { $number } ({ $topic }).
minutes-disputed = { $by } disputes the minutes of { $number } ({ $topic }).
    { $author }, please post corrected minutes: /minutes { $number } <text>
minutes-disputed-because = { $by } disputes the minutes of { $number } ({ $topic }): { $reason }
    { $author }, please post corrected minutes: /minutes { $number } <text>
minutes-example = /minutes C1 Budget stays at 500 €; new creatives by Friday
minutes-example-confirm = /minutes confirm C1
minutes-example-dispute = /minutes dispute C1 We agreed on 600 €
status-next-call = Next call: { $number } ({ $topic }), { $at }.
status-next-call-unconfirmed = Proposed call, not confirmed yet: { $number } ({ $topic }), { $at }.
status-call-unminuted = Call without minutes: { $number } ({ $topic }), { $at }.
command-call = Propose a call with a time and a topic, e.g. /call Tue 15:00 Campaign results
command-minutes = Post what a call agreed, e.g. /minutes C1 <text>
help-calls =
    Calls (specialists and the client's contact):
    /call Tue 15:00 Campaign results: propose a call; the other side confirms it or answers /call C1 <another time>
    /call confirm C1, /call cancel C1
    /minutes C1 <text>: after the call, what it agreed; the other side confirms or disputes them
call-outside-hours = { $at } is outside the agreed contact hours ({ $hours }, { $timezone } time). Propose the call anyway?
call-outside-hours-anyway = Propose anyway
call-outside-hours-drop = Don't propose
call-outside-hours-dropped = Not proposed. Send /call with a time within contact hours whenever you like.
call-outside-hours-only-proposer = Only { $name }, who sent this /call, decides whether to propose it.
call-outside-hours-gone = I can no longer see the /call this answers. Please send it again.
call-outside-hours-already = This call is already proposed.
