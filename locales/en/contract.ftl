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
