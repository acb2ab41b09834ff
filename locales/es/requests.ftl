request-created = { $number }: { $what }
    Solicitado a { $client }. Vence { $due }, según el plazo del reglamento para entregar información.
request-provided-button = Entregado
request-needs-text = ¿Qué debe entregar el cliente? Escríbelo tras el comando, por ejemplo: /request Acceso a la cuenta publicitaria (o responde a un mensaje con /request).
request-unknown = No conozco la solicitud «{ $given }». Indica su número, por ejemplo: /provided R1
request-provided-only-client = Solo el contacto autorizado del cliente (o un especialista que lo confirme) puede marcar una solicitud como entregada.
request-already-provided = { $number } ya está marcada como entregada.
request-provided-on-time = { $number } entregado por { $by }, a tiempo. ¡Gracias!
request-provided-late = { $number } entregado por { $by }, { $days ->
    [one] 1 día hábil
   *[other] { $days } días hábiles
  } después del plazo; ese tiempo esperó el trabajo.
request-no-client = el contacto del cliente (aún sin nombrar)
request-reminder = Recordatorio para { $client }: { $number } ({ $what }) vence { $due }.
request-overdue = { $number } ({ $what }) vencía { $due } y no se ha entregado. Según el reglamento, el especialista puede pausar el trabajo hasta recibirlo; el retraso se está contando.
request-overdue-clause = El contrato dice: { $clause }
