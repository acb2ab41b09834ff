## Nombres de los ajustes del reglamento, tal como los ven las personas.
regulation-key-timezone = Zona horaria
regulation-key-hours = Horario de contacto
regulation-key-holidays = Días festivos
regulation-key-response = Tiempo de respuesta
regulation-key-warn-before = Aviso antes del plazo de respuesta
regulation-key-escalate-after = Escalada al responsable tras el plazo
regulation-key-info-deadline = Plazo del cliente para entregar información
regulation-key-revision-time = Plazo para correcciones
regulation-key-call-reminder = Recordatorio antes de una llamada
regulation-key-digest = Informe semanal
regulation-key-voice = Mensajes de voz
regulation-key-transcribe = Transcripción automática de mensajes de voz
regulation-key-language = Idioma
regulation-key-topic = Tema para recordatorios
regulation-key-contract = Contrato
regulation-key-contract-sum = Importe del contrato
regulation-key-penalty = Penalización por etapa atrasada
regulation-key-end-reminder = Aviso antes del fin del contrato
regulation-key-work-start = Inicio del trabajo tras el pago
regulation-key-missed-call = Cláusula sobre llamadas perdidas
regulation-key-publish-case = El especialista puede publicar el caso
regulation-key-third-parties = Se puede recurrir a terceros

## Por qué no se aceptó el valor de un ajuste, con un ejemplo correcto.
regulation-error-unknown-key = No existe el ajuste «{ $key }». Los ajustes son: { $keys }.
regulation-error-empty-value = Indique un valor para { $key }, por ejemplo: { $example }
regulation-error-timezone-unknown = No conozco la zona horaria «{ $value }». Use el nombre de una zona, por ejemplo: Europe/Madrid, America/Mexico_City, America/Bogota o UTC.
regulation-error-hours-syntax = No pude leer el horario «{ $value }». Escriba los días y luego las horas, por ejemplo: Lun-Vie 10:00-13:00,14:00-19:00; Sáb 11:00-14:00 (o 24/7 para todo el día, todos los días).
regulation-error-hours-no-days = El horario «{ $value }» no dice a qué días corresponde. Ponga primero los días, por ejemplo: Lun-Vie 10:00-19:00
regulation-error-hours-cross-midnight = El horario «{ $value }» pasa de la medianoche, y eso no se admite. Divídalo en dos días, por ejemplo: { $suggestion }
regulation-error-hours-empty-interval = El horario «{ $value }» empieza y termina a la misma hora, así que está vacío. El final debe ser posterior al inicio, por ejemplo: 10:00-19:00
regulation-error-hours-overlap =
    El { $day ->
        [1] lunes
        [2] martes
        [3] miércoles
        [4] jueves
        [5] viernes
        [6] sábado
       *[7] domingo
    } los horarios { $first } y { $second } se solapan. Indique para cada día intervalos que no se solapen, por ejemplo: Lun-Vie 10:00-13:00,14:00-19:00
regulation-error-unknown-day = No conozco el día «{ $day }». Use Lun, Mar, Mié, Jue, Vie, Sáb o Dom (también sirven Mon…Sun y Пн…Вс).
regulation-error-impossible-time = «{ $time }» no es una hora del día. Las horas van de 00:00 a 23:59, y 24:00 puede cerrar el horario de un día, por ejemplo: 18:00-24:00
regulation-error-holidays-syntax = No pude leer «{ $value }» como fecha. Escriba las fechas como año-mes-día y los rangos con dos puntos, separados por comas, por ejemplo: 2026-12-31, 2027-01-01..2027-01-08 (o «ninguno» si no hay festivos).
regulation-error-impossible-date = La fecha { $value } no existe. Revise el día y el mes, por ejemplo: 2027-02-28
regulation-error-reversed-range = El rango { $from }..{ $to } termina antes de empezar. Ponga primero la fecha anterior: { $to }..{ $from }
regulation-error-duration-syntax = No pude leer «{ $value }» como plazo. Escriba un número entero con una unidad (min para minutos, h para horas, d para días hábiles), por ejemplo: { $example }
regulation-error-duration-not-positive = «{ $value }» no es un plazo mayor que cero. Indique uno positivo, por ejemplo: { $example }
regulation-error-duration-needs-days = Este plazo se cuenta en días hábiles, así que «{ $value }» no sirve. Escríbalo en días, por ejemplo: { $example }
regulation-error-duration-needs-minutes = Esto se cuenta en minutos y horas, así que «{ $value }» no sirve. Escríbalo en minutos u horas, por ejemplo: { $example }
regulation-error-warn-before-syntax = No pude leer «{ $value }». Indique una parte del tiempo de respuesta, por ejemplo 20%, o cuánto antes del plazo avisar, por ejemplo 15 min.
regulation-error-warn-before-percent = La parte «{ $value }» debe estar entre el 1% y el 99% del tiempo de respuesta, por ejemplo: 20%
regulation-error-digest-syntax = No pude leer la hora del informe «{ $value }». Escriba un día de la semana y una hora, por ejemplo: vie 17:00 (o «no» si no quieren informe semanal).
regulation-error-not-a-choice = «{ $value }» no es una de las opciones. Elija una de: { $choices }
regulation-error-transcription-not-offered = Esta instalación de regbot no tiene un servicio de voz a texto, así que aquí los mensajes de voz no se pueden transcribir automáticamente; la transcripción sigue desactivada. Quien gestiona regbot puede ofrecerla configurando TRANSCRIBE_URL. Mientras tanto: /set transcribe no
regulation-error-topic-syntax = «{ $value }» no es un tema. Escriba «general» para el tema General, o el número del tema (su thread id), por ejemplo: 42
regulation-error-topic-not-forum = Este grupo no tiene temas, así que los recordatorios no pueden ir al tema { $value }. Active primero los temas en los ajustes del grupo, o deje: general
regulation-error-contract-syntax = No pude leer el contrato «{ $value }». Escriba su periodo como inicio..fin y, si quiere, la cláusula que se citará, por ejemplo: 2026-12-01..2027-02-28 Si la información llega tarde, el trabajo se pausa (cláusula 5.2). Escriba «ninguno» para quitarlo.
regulation-error-contract-sum-syntax = No pude leer el importe del contrato «{ $value }». Escriba una cantidad mayor que cero y su moneda, por ejemplo: 3000 EUR (o «ninguno» para quitarlo).
regulation-error-penalty-syntax = No pude leer la penalización «{ $value }». Escriba una parte del importe, una parte por día de retraso con días hábiles o naturales, un tope opcional y la cláusula que se citará, por ejemplo: 10% + 2% por día hábil máx. 30% cláusula 7.1 (o «ninguno» para quitarla).
regulation-no-contact-time = Así no quedaría ninguna hora de contacto en los próximos 365 días y ninguna respuesta ni plazo llegaría a vencer; no se ha cambiado nada. Deja horas de contacto cada semana y festivos de menos de un año, por ejemplo: /set holidays 2026-12-24..2027-01-06
regulation-holidays-too-long = Los festivos { $from }..{ $to } duran un año o más: mientras duren, ninguna respuesta ni plazo llegaría a vencer, así que no se ha cambiado nada. Deja los festivos en menos de un año, por ejemplo: /set holidays 2026-12-24..2027-01-06
