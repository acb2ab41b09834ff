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

## Missed calls.
call-missed-button = La llamada no se hizo
call-missed-reported = { $by } dice que la llamada { $number } ({ $topic }, { $at }) no se hizo: la perdió { $side ->
        [client] la parte del cliente
       *[specialist] la parte del especialista
    }. { $confirmer }, confírmelo o dispútelo con los botones.
call-missed-confirm-button = Confirmar: se perdió
call-missed-dispute-button = Disputarlo
call-missed-too-early = La llamada { $number } está fijada para { $at }; solo después se puede decir que se perdió.
call-missed-not-confirmed = La llamada { $number } nunca fue confirmada por ambas partes, así que no se puede perder.
call-missed-already = La llamada { $number } ya tiene su acta o una llamada perdida registrada.
call-missed-who = ¿Quién perdió la llamada { $number }? Escriba client (cliente) o specialist (especialista), por ejemplo: /call missed C1 client
call-missed-only-other-side = La otra parte lo confirma o lo disputa: { $confirmer }.
call-missed-nothing-to-judge = No hay ninguna llamada perdida registrada para { $number } que confirmar o disputar.
call-missed-confirmed = { $by } confirma: la llamada { $number } ({ $topic }, { $at }) la perdió { $side ->
        [client] la parte del cliente
       *[specialist] la parte del especialista
    }. Queda registrada en su contra.
call-missed-clause = El contrato dice: { $clause }
call-missed-disputed = { $by } disputa que la llamada { $number } ({ $topic }) se perdiera; no cuenta, y su acta aún se puede escribir.
status-missed-calls = Llamadas perdidas: { $client } por la parte del cliente, { $specialist } por la parte del especialista.

## A cooling-off pause.
command-pause = Proponer una pausa para calmarse, p. ej. /pause 24h <motivo>; la otra parte la acepta
pause-proposed = { $by } propone una pausa { $number } de { $length }. Mientras dure, regbot no envía recordatorios ni avisos y nada se retrasa: los plazos y la respuesta esperada se mueven el tiempo de la pausa. { $answerer }, acéptela o recházela con los botones antes de { $lapses }; sin respuesta, la propuesta caduca entonces.
pause-proposed-because = { $by } propone una pausa { $number } de { $length }: { $reason }. Mientras dure, regbot no envía recordatorios ni avisos y nada se retrasa: los plazos y la respuesta esperada se mueven el tiempo de la pausa. { $answerer }, acéptela o recházela con los botones antes de { $lapses }; sin respuesta, la propuesta caduca entonces.
pause-accept-button = Aceptar la pausa
pause-decline-button = Rechazar
pause-only-sides = Solo los especialistas y el contacto del cliente proponen o responden una pausa.
pause-missing = Indique cuánto debe durar la pausa y, si quiere, por qué. Por ejemplo: /pause 24h Tomémonos un día para pensarlo
pause-unreadable = No pude leer «{ $given }» como la duración de la pausa. Escriba un número entero con m, h o d (un día son 24 horas), hasta { $longest }. Por ejemplo: /pause 24h Tomémonos un día para pensarlo
pause-too-long = Una pausa dura como mucho { $longest }, y «{ $given }» es más. Por ejemplo: /pause 24h Tomémonos un día para pensarlo
pause-already-running = Ya hay una pausa en curso, hasta { $until }.
pause-awaiting = La pausa { $number }, propuesta por { $by }, aún espera la respuesta de la otra parte con los botones que tiene debajo, hasta { $lapses }; { $by } puede retirarla con «Rechazar».
pause-only-other-side = Esta propuesta la responde la otra parte: { $answerer }.
pause-answered = La pausa { $number } ya tiene respuesta.
pause-lapsed = Esta propuesta caducó sin respuesta ({ $at }); proponga una nueva con /pause.
pause-lapsed-note = Nadie respondió: la propuesta caducó ({ $at }) y no detiene ningún plazo. Si aún hace falta, proponga una nueva con /pause.
pause-declined = { $by } rechaza la pausa { $number }; los plazos siguen corriendo como antes.
pause-withdrawn = { $by } retira la pausa { $number } que había propuesto.
pause-accepted = { $by } acepta la pausa { $number }: dura hasta { $until }. Hasta entonces regbot no envía recordatorios ni avisos y nada se retrasa.
pause-answer-moved = La respuesta al mensaje del cliente de { $opened } vence ahora { $to } en lugar de { $from }.
pause-ended = La pausa { $number } ha terminado. { $people }: los tiempos de respuesta, los plazos y los recordatorios vuelven a correr.
status-pause-running = La pausa { $number } dura hasta { $until }: sin recordatorios ni avisos, y nada se retrasa.
status-pause-proposed = Pausa { $number } propuesta por { $by }, a la espera de la respuesta de la otra parte hasta { $lapses }.
help-contract =
    El contrato (especialistas y el contacto del cliente):
    /paid 2026-12-01 <nota>: registrar el pago; la otra parte lo confirma o lo disputa
    /pause 24h <motivo>: proponer una pausa para calmarse; la otra parte la acepta o la rechaza
    /call missed C1 client: una llamada confirmada no tuvo lugar; la otra parte lo confirma o lo disputa
