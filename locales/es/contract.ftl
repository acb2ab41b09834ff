## The contract's consequences: penalties for late stages.
penalty-of-sum = { $share } de { $sum } = { $amount }
penalty-of-contract-sum = { $share } del importe del contrato
penalty-capped = { $counted }, con un tope de { $cap }
penalty-stated = Penalización según el contrato, { $days } { $unit ->
        [calendar] { $days ->
            [one] día natural
           *[other] días naturales
        }
       *[business] { $days ->
            [one] día hábil
           *[other] días hábiles
        }
    } de retraso: { $formula }. regbot la constata; no la factura.
penalty-stated-clause = Penalización según el contrato ({ $clause }), { $days } { $unit ->
        [calendar] { $days ->
            [one] día natural
           *[other] días naturales
        }
       *[business] { $days ->
            [one] día hábil
           *[other] días hábiles
        }
    } de retraso: { $formula }. regbot la constata; no la factura.
penalty-accrued = Penalización hasta ahora, { $days } { $unit ->
        [calendar] { $days ->
            [one] día natural
           *[other] días naturales
        }
       *[business] { $days ->
            [one] día hábil
           *[other] días hábiles
        }
    } de retraso: { $formula }.
penalty-accrued-clause = Penalización hasta ahora ({ $clause }), { $days } { $unit ->
        [calendar] { $days ->
            [one] día natural
           *[other] días naturales
        }
       *[business] { $days ->
            [one] día hábil
           *[other] días hábiles
        }
    } de retraso: { $formula }.
