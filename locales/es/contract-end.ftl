## The end of the contract.
contract-end-reminder = El contrato termina después del { $last }: { $days ->
        [one] queda un día hábil
       *[other] quedan { $days } días hábiles
    } de trabajo. Lo que sigue pendiente en cada parte:
contract-end-client-side = La parte del cliente ({ $names }):
contract-end-specialist-side = La parte del especialista ({ $names }):
contract-end-side-clear = • nada pendiente
contract-end-item = • { $number } ({ $what }), vence el { $due }
contract-end-item-delivered = • { $number } ({ $what }) entregada, pendiente de aceptación
contract-end-item-answer = • una respuesta al mensaje del { $opened }, vence el { $due }
contract-ended = El periodo del contrato ({ $from } a { $to }) ha terminado. Desde ahora regbot ya no mide los tiempos de respuesta ni envía recordatorios ni avisos; sigue registrando este chat como antes.
contract-ended-accepted = El cliente nunca entregó esta información antes del final, así que según el reglamento el servicio se considera prestado y aceptado:
contract-ended-request = • { $number } ({ $what }), pedida el { $asked }: esperó { $days ->
        [one] un día hábil
       *[other] { $days } días hábiles
    }
contract-ended-clause = El contrato dice: { $clause }
status-contract-ends = El contrato dura hasta el { $last } inclusive.
status-contract-ended = El contrato terminó después del { $last }: los tiempos de respuesta y los recordatorios se han detenido; el registro continúa.
status-contract-unprovided = { $count ->
        [one] Una solicitud de información nunca se entregó
       *[other] { $count } solicitudes de información nunca se entregaron
    }: según el reglamento el servicio se considera prestado y aceptado.
rules-contract-ended = El contrato terminó después del { $last }: los tiempos de respuesta y los recordatorios se han detenido.
