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
