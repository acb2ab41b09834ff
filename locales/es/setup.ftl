## La configuración guiada: se ofrece en el grupo y se hace en un chat privado.
setup-offer = Repasemos el reglamento de este chat paso a paso en un chat privado, para no llenar el grupo de preguntas. Cuando apliques los cambios, publicaré aquí un solo resumen.
setup-offer-button = Abrir la configuración en un chat privado

setup-refused = Solo un especialista de ese chat puede configurar su reglamento. Si lo eres, envía /setup en el grupo de nuevo y usa el botón nuevo.
setup-chat-gone = Ya no encuentro ese chat, o ya no estoy en él, así que no hay nada que configurar.
setup-intro = Configuramos el reglamento de «{ $chat }». Te preguntaré por { $count ->
        [one] { $count } ajuste
       *[other] { $count } ajustes
    }, uno a uno: pulsa un botón o escribe un valor. Nada cambia en el grupo hasta que lo apliques al final; /cancel sale en cualquier momento.
setup-question =
    Paso { $step } de { $total }. { $setting }
    Ahora: { $current }
setup-hint-language = ¿En qué idioma debo hablar en el grupo?
setup-hint-timezone = ¿Qué zona horaria siguen el horario de contacto y los plazos? Si la tuya no está en la lista, escribe su nombre, por ejemplo: Europe/Berlin
setup-hint-hours = ¿Cuándo puede el cliente esperar respuestas? Escribe los días y luego las horas, por ejemplo: Lun-Vie 10:00-13:00,14:00-19:00; Sáb 11:00-14:00
setup-hint-holidays = Días no laborables además de los semanales, como fechas y rangos, por ejemplo: 2026-12-31, 2027-01-01..2027-01-08. «ninguno» los borra.
setup-hint-response = ¿Con qué rapidez respondes al cliente? En horas de contacto (min, h) o días hábiles (d), por ejemplo: 1 h 30 min
setup-hint-escalate-after = ¿Cuánto puede retrasarse una respuesta tras el plazo antes de que tu responsable lo sepa en privado? En horas de contacto (min, h) o días hábiles (d), por ejemplo: 30 min, o «no». Un especialista nombra al responsable en el grupo con /manager.
setup-hint-info-deadline = ¿Cuántos días hábiles tiene el cliente para entregar información y accesos? Por ejemplo: 3 d
setup-hint-revision-time = ¿Cuántos días hábiles necesitas para las correcciones? Por ejemplo: 2d
setup-hint-digest = ¿Cuándo publico el informe semanal? Un día de la semana y una hora, por ejemplo: vie 17:00, o «no» para ninguno.
setup-hint-voice = Cuando alguien envía un mensaje de voz, ¿pido una versión en texto («recordar») o no digo nada («no»)?
setup-hint-topic = ¿A qué tema van los recordatorios y los informes? «general», o el número del tema (su thread id), por ejemplo: 42
setup-hint-contract = El periodo del contrato y luego la cláusula que cito cuando la información se retrasa, por ejemplo: 2026-12-01..2027-02-28 Si la información se retrasa, el trabajo se pausa (cláusula 5.2). «ninguno» lo quita.
setup-hint-contract-sum = ¿Cuál es el importe del contrato? Cantidad y moneda, por ejemplo: 3000 EUR. «ninguno» si prefiere no decirlo.
setup-hint-penalty = ¿Qué prevé el contrato por una etapa atrasada? Por ejemplo: 10% + 2% por día hábil máx. 30% cláusula 7.1 (parte del importe, parte por día de retraso, días hábiles o naturales, tope opcional, cláusula). «ninguno» si nada.
setup-hint-end-reminder = ¿Cuántos días hábiles antes del fin del contrato aviso a ambas partes de lo que sigue abierto? Por ejemplo: 5 d, o «no».
setup-hint-work-start = ¿Cuántos días hábiles después del pago empieza el trabajo? Por ejemplo: 3 d
setup-hint-missed-call = ¿Qué dice el contrato de una llamada perdida? Lo cito cuando se pierda una, por ejemplo: Una llamada perdida se cobra a 50 EUR (cláusula 8.2). «ninguno» si nada.
setup-hint-publish-case = ¿Puede publicar el caso? «sí», «no» o «consultar» (solo con el consentimiento escrito del cliente).
setup-hint-third-parties = ¿Se puede recurrir a terceros (subcontratistas, colegas)? «sí», «no» o «consultar» (solo con el consentimiento escrito del cliente).
setup-keep = Mantener el valor actual
setup-answer = ✓ { $value }
setup-language-en = English
setup-language-ru = Русский
setup-language-es = Español
setup-text-only = Pulsa uno de los botones o escribe el valor como texto. /cancel sale de la configuración sin cambiar nada.
setup-button-expired = Este botón pertenece a una pregunta anterior.
setup-summary = Esto es lo que cambiará en «{ $chat }»:
setup-summary-confirm = ¿Aplico estos cambios? Publicaré un solo resumen en el grupo.
setup-apply = Aplicar
setup-cancel = Cancelar
setup-choose-apply = Pulsa Aplicar para cambiar el reglamento, o Cancelar para dejarlo como está.
setup-no-changes = Has mantenido todos los ajustes, así que el reglamento de «{ $chat }» queda como está.
setup-applied = Listo: el reglamento de «{ $chat }» está actualizado y he contado al grupo qué cambió.
setup-applied-nothing = No hay nada que aplicar: el reglamento de «{ $chat }» ya tiene estos valores.
setup-no-longer-specialist = Ya no eres especialista de «{ $chat }», así que no he cambiado su reglamento.
setup-cancelled = Configuración cancelada; no se cambió nada.
setup-nothing-to-cancel = No hay ninguna configuración en curso. Para empezar una, envía /setup en tu grupo.
