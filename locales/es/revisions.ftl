# Correcciones: el cliente pide cambios y el especialista los entrega en el plazo del reglamento.
command-revision = Pedir cambios, con su plazo (el contacto del cliente)
command-estimate = Dar otra estimación a una corrección, p. ej. /estimate V1 3d <motivo> (especialistas)
command-delivered = Marcar una corrección como entregada, p. ej. /delivered V1 (especialistas)
command-accept = Aceptar una corrección entregada, p. ej. /accept V1 (el contacto del cliente)
command-reopen = Reabrir una corrección entregada, p. ej. /reopen V1 <qué falta cambiar> (el contacto del cliente)
command-shift = Mover tus plazos por el tiempo que el trabajo esperó una solicitud atrasada, p. ej. /shift R1 (especialistas)
revision-created = { $number }: { $what }
revision-count = Recibido { $received }, contado desde { $from } durante { $duration }: vence { $due }, publicado a más tardar el { $liveBy }.
revision-business-days = { $days ->
    [one] { $days } día hábil
   *[other] { $days } días hábiles
}
revision-business-time = { $time } de tiempo hábil
revision-estimate-hint = Un especialista puede dar otra estimación con el motivo, por ejemplo: /estimate { $number } 3d Rehacer diez publicaciones de una campaña en curso
revision-needs-text = ¿Qué hay que cambiar? Escríbelo tras el comando, por ejemplo: /revision Cambiar la foto de la segunda publicación (o responde a un mensaje con /revision).
revision-unknown = No conozco la corrección «{ $given }». Indica su número, por ejemplo: /{ $command } V1
revision-only-client = Solo el contacto autorizado del cliente ({ $client }) pide correcciones y las acepta o reabre.
revision-no-client = Solo el contacto autorizado del cliente pide correcciones y las acepta o reabre, y nadie tiene ese rol todavía: un especialista lo nombra con /client.
revision-not-delivered = { $number } aún no está entregada; vence { $due }.
revision-already-delivered = { $number } ya está entregada; el contacto del cliente la acepta o la reabre.
revision-already-accepted = { $number } ya está aceptada.
revision-estimate-syntax = Indica el número de la corrección, cuánto lleva y el motivo, por ejemplo: /estimate V1 3d Rehacer diez publicaciones de una campaña en curso (d para días hábiles, h para horas hábiles).
revision-estimate-not-positive = Una estimación debe ser mayor que cero, y «{ $value }» no lo es. Por ejemplo: /estimate { $number } 1d Solo cambia el avatar
revision-estimate-too-late = { $number } vencía { $due }; un plazo solo puede estimarse de nuevo antes de que pase.
revision-estimate-passed = Con { $value }, { $number } habría vencido { $due }, y ese momento ya pasó. Por favor, da una estimación más larga.
revision-estimated = { $by } estima { $number } ({ $what }) de otra manera: { $reason }
    El plazo anterior era { $was }.
revision-estimate-waited = Sumando el tiempo que el trabajo esperó al cliente, vence { $due }, publicado a más tardar el { $liveBy }.
revision-delivered-on-time = { $number } ({ $what }) entregada por { $by }, a tiempo.
revision-delivered-late = { $number } ({ $what }) entregada por { $by }, { $days ->
    [one] { $days } día hábil
   *[other] { $days } días hábiles
} después de su plazo ({ $due }).
revision-review = { $client }, por favor, acéptala o reábrela con lo que falta cambiar: /reopen { $number } <qué>.
revision-accept-button = Aceptar
revision-reopen-button = Reabrir
revision-accepted = { $number } ({ $what }) aceptada por { $by }. ¡Gracias!
revision-reopened = { $number } ({ $what }) reabierta por { $by }.
revision-reopened-because = { $number } ({ $what }) reabierta por { $by }: { $reason }
revision-reminder = Recordatorio para { $specialists }: { $number } ({ $what }) vence { $due }.
revision-overdue = { $number } ({ $what }) vencía { $due } y aún no está entregada; el retraso queda registrado.
status-revision = El especialista debe { $number } ({ $what }), vence { $due }.
status-revision-overdue = Atrasado por el especialista: { $number } ({ $what }), vencía { $due }.
status-revision-delivered = { $number } ({ $what }) está entregada y espera que el contacto del cliente la acepte.
status-client-delay = En total, el trabajo ha esperado al cliente { $days ->
    [one] { $days } día hábil
   *[other] { $days } días hábiles
}.

# /shift: el retraso del cliente mueve los plazos del especialista.
shift-button = Mover mis plazos
shift-unknown = No conozco la solicitud «{ $given }». Indica el número de una solicitud de información atrasada, por ejemplo: /shift R1
shift-only-specialists = Solo un especialista de este chat puede mover sus plazos.
shift-already = La espera por { $number } ya se aplicó a los plazos ({ $at }).
shift-on-time = { $number } se entregó a tiempo ({ $due }), así que el trabajo no la esperó.
shift-not-overdue = { $number } no está atrasada: vence { $due }. Los plazos pueden moverse cuando se atrase.
shift-waiting-provided = { $number } se entregó con { $days ->
    [one] { $days } día hábil
   *[other] { $days } días hábiles
} de retraso: el trabajo esperó desde { $from } hasta { $to }. Esa espera ahora pausa los plazos del especialista.
shift-waiting-open = { $number } aún no se ha entregado: el trabajo espera desde { $from } hasta ahora, { $to }. Esa espera ahora pausa los plazos del especialista; el resto de esta espera no se volverá a aplicar.
shift-moved = { $number } ({ $what }) pasa de { $from } a { $to }.
shift-nothing-moved = Ninguna corrección ni etapa del plan abierta vencía después de { $from }, así que ningún plazo se mueve.
