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

## Payment and the start of work.
paid-recorded = { $by } indica que el pago se hizo el { $paid }. { $confirmer }, confírmelo o dispútelo con los botones.
paid-confirm-button = Confirmar el pago
paid-dispute-button = Disputarlo
paid-only-sides = Solo los especialistas y el contacto del cliente registran un pago.
paid-in-future = Un pago se registra cuando ya se hizo, y { $paid } aún no ha llegado. Por ejemplo: /paid o /paid 2026-12-01
paid-pending = Ya hay un pago esperando confirmación (registrado por { $by }, hecho el { $paid }). La otra parte lo confirma o lo disputa con los botones.
paid-confirm-only-other-side = El pago lo confirma la otra parte: { $confirmer }.
paid-not-open = Ese pago ya está confirmado o disputado.
paid-confirmed = { $by } confirmó el pago hecho el { $paid }. Según el reglamento, el trabajo empieza { $days ->
        [one] un día hábil
       *[other] { $days } días hábiles
    } después del pago: { $start }.
paid-stage-before-start = La etapa { $number } ({ $title }) vence el { $due }, antes de que empiece el trabajo.
paid-disputed = { $by } disputa el pago registrado por { $recorder } como hecho el { $paid }, así que no cuenta. Cuando se aclare, regístrelo de nuevo con /paid.
command-paid = Registrar el pago del contrato; la otra parte lo confirma
status-paid = Pagado el { $paid }, confirmado por ambas partes; el trabajo empieza { $start }.
status-paid-pending = Pago hecho el { $paid } registrado por { $by }, esperando la confirmación de la otra parte.
plan-work-start = El trabajo empieza { $start } (pagado el { $paid }).
