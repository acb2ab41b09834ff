## The contract's consequences: penalties for late stages.
penalty-of-sum = { $share } of { $sum } = { $amount }
penalty-of-contract-sum = { $share } of the contract sum
penalty-capped = { $counted }, capped at { $cap }
penalty-stated = Penalty by the contract, { $days } { $unit ->
        [calendar] { $days ->
            [one] calendar day
           *[other] calendar days
        }
       *[business] { $days ->
            [one] business day
           *[other] business days
        }
    } late: { $formula }. regbot states it; it does not bill.
penalty-stated-clause = Penalty by the contract ({ $clause }), { $days } { $unit ->
        [calendar] { $days ->
            [one] calendar day
           *[other] calendar days
        }
       *[business] { $days ->
            [one] business day
           *[other] business days
        }
    } late: { $formula }. regbot states it; it does not bill.
penalty-accrued = Penalty so far, { $days } { $unit ->
        [calendar] { $days ->
            [one] calendar day
           *[other] calendar days
        }
       *[business] { $days ->
            [one] business day
           *[other] business days
        }
    } late: { $formula }.
penalty-accrued-clause = Penalty so far ({ $clause }), { $days } { $unit ->
        [calendar] { $days ->
            [one] calendar day
           *[other] calendar days
        }
       *[business] { $days ->
            [one] business day
           *[other] business days
        }
    } late: { $formula }.

## Payment and the start of work.
paid-recorded = { $by } says the payment was made on { $paid }. { $confirmer }, please confirm it or dispute it with the buttons.
paid-confirm-button = Confirm the payment
paid-dispute-button = Dispute it
paid-only-sides = Only the specialists and the client's contact record a payment.
paid-in-future = A payment is recorded once it is made, and { $paid } is still to come. For example: /paid or /paid 2026-12-01
paid-pending = A payment is already waiting for confirmation (recorded by { $by }, made on { $paid }). The other side confirms or disputes it with the buttons under it.
paid-confirm-only-other-side = The other side confirms the payment: { $confirmer }.
paid-not-open = That payment is already confirmed or disputed.
paid-confirmed = { $by } confirmed the payment made on { $paid }. By the regulation, work starts { $days ->
        [one] one business day
       *[other] { $days } business days
    } after the payment: { $start }.
paid-stage-before-start = Stage { $number } ({ $title }) is due by { $due }, before the work starts.
paid-disputed = { $by } disputes the payment recorded by { $recorder } as made on { $paid }, so it is not counted. Once it is settled, record it again with /paid.
command-paid = Record the contract's payment; the other side confirms it
status-paid = Paid on { $paid }, confirmed by both sides; work starts { $start }.
status-paid-pending = Payment made on { $paid } recorded by { $by }, waiting for the other side's confirmation.
plan-work-start = Work starts { $start } (paid on { $paid }).

## Missed calls.
call-missed-button = The call did not happen
call-missed-reported = { $by } says call { $number } ({ $topic }, { $at }) did not happen: missed by { $side ->
        [client] the client's side
       *[specialist] the specialist's side
    }. { $confirmer }, please confirm or dispute it with the buttons.
call-missed-confirm-button = Confirm: it was missed
call-missed-dispute-button = Dispute it
call-missed-too-early = Call { $number } is set for { $at }; it can be said to have been missed only after that.
call-missed-not-confirmed = Call { $number } was never confirmed by both sides, so it cannot be missed.
call-missed-already = Call { $number } already has its minutes or a missed call recorded.
call-missed-who = Who missed call { $number }? Write client or specialist, for example: /call missed C1 client
call-missed-only-other-side = The other side confirms or disputes it: { $confirmer }.
call-missed-nothing-to-judge = There is no missed call reported for { $number } to confirm or dispute.
call-missed-confirmed = { $by } confirmed: call { $number } ({ $topic }, { $at }) was missed by { $side ->
        [client] the client's side
       *[specialist] the specialist's side
    }. It is recorded against them.
call-missed-clause = The contract says: { $clause }
call-missed-disputed = { $by } disputes that call { $number } ({ $topic }) was missed; it is not counted, and its minutes may still be written.
status-missed-calls = Missed calls: { $client } by the client's side, { $specialist } by the specialist's side.

## A cooling-off pause.
command-pause = Propose a cooling-off pause, e.g. /pause 24h <why>; the other side accepts
pause-proposed = { $by } proposes a cooling-off pause { $number } of { $length }. While it runs, regbot sends no reminders or warnings and nothing is late: deadlines and the awaited answer move by the paused time. { $answerer }, please accept or decline it with the buttons by { $lapses }; unanswered, it lapses then.
pause-proposed-because = { $by } proposes a cooling-off pause { $number } of { $length }: { $reason }. While it runs, regbot sends no reminders or warnings and nothing is late: deadlines and the awaited answer move by the paused time. { $answerer }, please accept or decline it with the buttons by { $lapses }; unanswered, it lapses then.
pause-accept-button = Accept the pause
pause-decline-button = Decline
pause-only-sides = Only the specialists and the client's contact propose or answer a cooling-off pause.
pause-missing = Please say how long the pause should last, and why if you like. For example: /pause 24h Let's both take a day to think
pause-unreadable = I could not read "{ $given }" as the pause's length. Write a whole number with m, h or d (a day is 24 hours), up to { $longest }. For example: /pause 24h Let's both take a day to think
pause-too-long = A cooling-off pause lasts at most { $longest }, and "{ $given }" is longer. For example: /pause 24h Let's both take a day to think
pause-already-running = A cooling-off pause is already running, until { $until }.
pause-awaiting = Pause { $number }, proposed by { $by }, is still waiting for the other side's answer with the buttons under it, until { $lapses }; { $by } may withdraw it with "Decline".
pause-only-other-side = The other side answers this proposal: { $answerer }.
pause-answered = Pause { $number } has already been answered.
pause-lapsed = This proposal lapsed unanswered at { $at }; propose a new one with /pause.
pause-lapsed-note = Nobody answered: this proposal lapsed at { $at } and stops no clock. Propose a new one with /pause if it is still needed.
pause-declined = { $by } declined the cooling-off pause { $number }; the clocks keep running as before.
pause-withdrawn = { $by } withdrew the proposed cooling-off pause { $number }.
pause-accepted = { $by } accepted the cooling-off pause { $number }: it runs until { $until }. Until then regbot sends no reminders or warnings and nothing is late.
pause-answer-moved = The answer to the client's message of { $opened } is now due by { $to } instead of { $from }.
pause-ended = The cooling-off pause { $number } is over. { $people }: answer times, deadlines and reminders run again.
status-pause-running = Cooling-off pause { $number } runs until { $until }: no reminders or warnings, and nothing is late.
status-pause-proposed = Cooling-off pause { $number } proposed by { $by }, waiting for the other side's answer until { $lapses }.
help-contract =
    The contract (specialists and the client's contact):
    /paid 2026-12-01 <note>: record the payment; the other side confirms or disputes it
    /pause 24h <why>: propose a cooling-off pause; the other side accepts or declines it
    /call missed C1 client: a confirmed call did not happen; the other side confirms or disputes it
