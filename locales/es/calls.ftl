call-proposed = { $number } propuesta por { $proposer }: { $topic }, { $at }.
    { $confirmer }, confírmala o propón otra hora, por favor.
call-replaced = { $old } se sustituye por { $number }, propuesta por { $proposer }: { $topic }, { $at }.
    { $confirmer }, confírmala o propón otra hora, por favor.
call-confirm-button = Confirmar
call-other-time-button = Otra hora
call-other-time-how = Escribe la hora que te viene bien: /call { $number } <cuándo>, por ejemplo /call { $number } mañana 11:00
call-confirmed = { $by } confirmó { $number }: { $topic }, { $at }. Recordaré a ambas partes { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } antes.
call-cancelled = { $by } canceló { $number } ({ $topic }, { $at }).
call-needs-topic = ¿De qué trata la llamada? Sin tema no hay llamada: escríbelo después de la hora, por ejemplo: /call { $when } Resultados de la campaña
call-only-sides = Solo los especialistas y el contacto del cliente proponen y confirman llamadas.
call-confirm-only-other-side = { $number } la confirma la otra parte: { $confirmer }.
call-already-confirmed = { $number } ya está confirmada.
call-not-open = { $number } ya no está abierta (se canceló, se sustituyó o ya tiene acta).
call-unknown = No conozco la llamada «{ $given }». Indica su número, por ejemplo: { $example }
call-no-client = el contacto del cliente (aún sin nombrar)
call-no-specialist = el especialista (aún sin nombrar)
call-example-propose = /call mar 15:00 Resultados de la campaña
call-example-other-time = /call C1 mañana 11:00
call-example-confirm = /call confirm C1
call-example-cancel = /call cancel C1
call-reminder = Recordatorio para { $names }: la llamada { $number } ({ $topic }) empieza { $at }, dentro de { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
call-unconfirmed-dropped = { $number } ({ $topic }, { $at }) nunca se confirmó, así que sale de la lista.
call-minutes-asked = { $number } ({ $topic }) fue { $at }. Una llamada no deja constancia, así que { $proposer }, publica por escrito el acta, lo acordado: /minutes { $number } <texto>
minutes-posted = Acta de { $number } ({ $topic }, { $at }) por { $by }:
    { $minutes }
    { $judges }, confírmala o discútela, por favor.
minutes-confirm-button = Confirmar acta
minutes-dispute-button = Discutir
minutes-needs-text = ¿Qué se acordó en la llamada? Escríbelo después del número, por ejemplo: /minutes { $number } El presupuesto sigue en 500 €; nuevos creativos para el viernes. (O responde a un mensaje con /minutes { $number }.)
minutes-only = Solo quien propuso la llamada o un especialista publica su acta.
minutes-not-confirmed = { $number } ({ $topic }) no fue una llamada acordada, así que no tiene acta.
minutes-too-early = { $number } ({ $topic }) es { $at }; su acta va después.
minutes-already-posted = El acta de { $number } ya está publicada y espera que la otra parte la confirme o la discuta.
minutes-already-confirmed = El acta de { $number } ya está confirmada.
minutes-judge-only = Esta acta la confirma o la discute la otra parte: { $names }.
minutes-nothing-to-judge = { $number } no tiene acta pendiente de confirmar.
minutes-confirmed = { $by } confirmó el acta de { $number } ({ $topic }).
minutes-disputed = { $by } discute el acta de { $number } ({ $topic }).
    { $author }, publica el acta corregida, por favor: /minutes { $number } <texto>
minutes-disputed-because = { $by } discute el acta de { $number } ({ $topic }): { $reason }
    { $author }, publica el acta corregida, por favor: /minutes { $number } <texto>
minutes-example = /minutes C1 El presupuesto sigue en 500 €; nuevos creativos para el viernes
minutes-example-confirm = /minutes confirm C1
minutes-example-dispute = /minutes dispute C1 Acordamos 600 €
status-next-call = Próxima llamada: { $number } ({ $topic }), { $at }.
status-next-call-unconfirmed = Llamada propuesta, aún sin confirmar: { $number } ({ $topic }), { $at }.
status-call-unminuted = Llamada sin acta: { $number } ({ $topic }), { $at }.
command-call = Proponer una llamada con hora y tema, p. ej. /call mar 15:00 Resultados de la campaña
command-minutes = Publicar lo acordado en una llamada, p. ej. /minutes C1 <texto>
help-calls =
    Llamadas (especialistas y el contacto del cliente):
    /call mar 15:00 Resultados de la campaña: proponer una llamada; la otra parte la confirma o responde /call C1 <otra hora>
    /call confirm C1, /call cancel C1
    /minutes C1 <texto>: después de la llamada, lo acordado; la otra parte lo confirma o lo discute
call-outside-hours = { $at } queda fuera del horario de contacto acordado ({ $hours }, hora de { $timezone }). ¿Proponer la llamada de todos modos?
call-outside-hours-anyway = Proponer de todos modos
call-outside-hours-drop = No proponer
call-outside-hours-dropped = No se ha propuesto. Envía /call con una hora dentro del horario de contacto cuando quieras.
call-outside-hours-only-proposer = Solo { $name }, quien envió este /call, decide si proponerla.
call-outside-hours-gone = Ya no veo el /call al que responde esta pregunta. Envíalo de nuevo, por favor.
call-outside-hours-already = Esta llamada ya está propuesta.
