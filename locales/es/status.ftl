command-status = Qué está abierto y cómo fueron las respuestas
command-digest = El resumen ahora
command-chats = Tus chats, primero lo que requiere atención
status-title = Estado de «{ $chat }», { $now }
status-waiting = Esperando respuesta: el cliente escribió { $opened }; la respuesta vence { $due }.
status-overdue = Vencida: el cliente escribió { $opened }; la respuesta vencía { $due }.
status-period = Desde { $from }: { $opened ->
        [one] { $opened } pregunta
       *[other] { $opened } preguntas
    }, { $onTime ->
        [one] { $onTime } respondida a tiempo
       *[other] { $onTime } respondidas a tiempo
    }, { $breached ->
        [one] { $breached } tarde o sin respuesta
       *[other] { $breached } tarde o sin respuesta
    }.
status-median = Tiempo mediano de respuesta: { $minutes ->
        [one] { $minutes } minuto laborable
       *[other] { $minutes } minutos laborables
    }.
status-next-digest = Próximo resumen: { $at }.
status-specialists = Especialistas: { $names }
status-manager = Responsable: { $names }
status-client = Contacto del cliente: { $name }
digest-title = Resumen semanal de «{ $chat }»
digest-period = Desde { $from }: { $opened ->
        [one] { $opened } pregunta
       *[other] { $opened } preguntas
    }, { $onTime ->
        [one] { $onTime } respondida a tiempo
       *[other] { $onTime } respondidas a tiempo
    }, { $breached ->
        [one] { $breached } tarde o sin respuesta
       *[other] { $breached } tarde o sin respuesta
    }.
digest-quiet = Desde { $from } ninguna pregunta esperó respuesta.
digest-ack-note = El especialista y el contacto del cliente pueden confirmar este resumen con el botón.
digest-ack-button = Confirmar
digest-acknowledged = Gracias, { $name }: tu confirmación queda registrada.
digest-ack-already = Tu confirmación de este resumen ya estaba registrada.
digest-ack-only = Solo los especialistas y el contacto del cliente confirman el resumen.
digest-ack-unknown = Este resumen nunca se publicó en este chat, así que no hay nada que confirmar.
chats-title = Tus chats, primero lo que requiere atención. Pulsa uno para ver su estado.
chats-none = No sigues ningún chat con regbot: no eres especialista, contacto del cliente ni observador en ninguno. Un especialista añade regbot a un grupo y nombra allí a los observadores con /observer; el contacto del cliente se confirma allí con /client.
chats-breached = { $count ->
        [one] { $count } con retraso
       *[other] { $count } con retraso
    }
chats-waiting = esperando respuesta
chats-not-yours = Ese chat no es tuyo, así que no se muestra su estado.
chats-page = Página { $page } de { $pages }
chats-previous = ‹ Anterior
chats-next = Siguiente ›
chats-page-moved = Tu lista de chats ha cambiado desde entonces: ahora es la página { $page }.
chats-none-now = Ya no sigues ningún chat con regbot.
status-request = El cliente debe entregar { $number } ({ $what }) antes de { $due }.
status-request-overdue = Atrasado por el cliente: { $number } ({ $what }), vencía { $due }; el trabajo espera por ello.
status-voices = { $count ->
        [one] { $count } audio aún sin resumen en texto.
       *[other] { $count } audios aún sin resumen en texto.
    }
digest-settled-title = Resuelto en este periodo:
digest-settled-request = { $number } ({ $what }) entregado { $late ->
    [0] a tiempo
    [one] con 1 día hábil de retraso
   *[other] con { $late } días hábiles de retraso
  }.
digest-settled-revision = { $number } ({ $what }): cambios entregados.
digest-settled-stage = { $number } ({ $what }): etapa completada.
digest-settled-call = { $number } ({ $what }): llamada realizada y con acta.
digest-client-record = Por parte del cliente: { $provided ->
        [one] { $provided } solicitud de información entregada
       *[other] { $provided } solicitudes de información entregadas
    }, { $onTime ->
        [one] { $onTime } a tiempo
       *[other] { $onTime } a tiempo
    }, { $late ->
        [one] { $late } con retraso
       *[other] { $late } con retraso
    }; el trabajo esperó { $days ->
        [one] { $days } día hábil
       *[other] { $days } días hábiles
    } al cliente.
digest-chart-title = Mediana del tiempo de respuesta por día; cinco bloques son { $agreed ->
        [one] el { $agreed } minuto hábil acordado
       *[other] los { $agreed } minutos hábiles acordados
    }:
digest-chart-row = { $day } { $bar } { $minutes } min
digest-chart-row-late = { $day } { $bar } { $minutes } min, más de lo acordado
