export-only-parties = Solo un especialista, el responsable o el contacto autorizado del cliente puede exportar el registro de este chat.
export-period-unreadable = No entiendo el periodo «{ $given }». Indica dos fechas, el primer día y el último, por ejemplo: /export 2026-11-01..2026-11-30 (o solo /export para todo el historial).
export-period-not-a-date = { $date } no es una fecha del calendario. Indica dos fechas, por ejemplo: /export 2026-11-01..2026-11-30
export-period-reversed = El periodo termina ({ $to }) antes de empezar ({ $from }). Pon primero el primer día, por ejemplo: /export { $to }..{ $from }
export-period-whole = todo el historial
export-period-dates = del { $from } al { $to } (fechas en { $timezone })
export-start-needed = { $name }, solo puedo enviarte la exportación ({ $period }) en un chat privado, y aún no has iniciado uno conmigo. Abre { $link } y pulsa Iniciar: la exportación llegará allí.
export-start-button = Recibir la exportación en privado
export-sent-group = { $name } tiene la exportación de este chat ({ $period }) en su chat privado conmigo.
export-too-large-group = La exportación de este chat ({ $period }) ocupa { $megabytes } MB, demasiado para enviarla por Telegram; { $name } tiene en su chat privado conmigo las otras formas de obtenerla.
export-no-longer-allowed = { $name } ya no es especialista ni el contacto del cliente aquí, así que no se ha enviado la exportación que pidió ({ $period }).
export-failed-group = Lo siento, { $name }: no he podido hacer la exportación ({ $period }). Vuelve a pedirla con /export más tarde; si sigue fallando, quien opera este regbot puede hacerla desde la línea de comandos.
export-preparing = Preparando la exportación de «{ $chat }», { $period }. Un historial largo tarda un par de minutos.
export-link-accepted = ¡Gracias! Preparando la exportación de «{ $chat }», { $period }: llegará aquí.
export-link-unknown = No reconozco este enlace de exportación. Vuelve a pedir la exportación con /export en el grupo.
export-link-not-yours = Este enlace es para la persona que pidió la exportación. Pide la tuya con /export en el grupo.
export-link-used = Este enlace ya se ha usado: la exportación está más arriba. Para una nueva, envía /export en el grupo.
export-caption =
    Exportación de «{ $chat }», { $period }: { $events ->
        [one] { $events } evento
       *[other] { $events } eventos
    }, raíz de Merkle { $root }.
    SHA-256 de este archivo: { $sha256 }
    Descomprímelo y ejecuta «node verify.mjs» dentro: comprueba cada archivo, la cadena de hashes y la firma, sin más que Node.js.
export-part-caption = Parte { $part } de { $parts } de la exportación de «{ $chat }», { $period }.
export-parts-join =
    La exportación de «{ $chat }», { $period } ocupa { $megabytes } MB, más de lo que Telegram me deja enviar en un archivo, así que llegó en { $parts ->
        [one] { $parts } parte
       *[other] { $parts } partes
    }. Guárdalas en una carpeta y únelas:
    { $unix }
    (en Windows: { $windows }; 7-Zip también abre { $first } directamente).
    SHA-256 del archivo unido: { $sha256 }
    Contiene { $events ->
        [one] { $events } evento
       *[other] { $events } eventos
    }, raíz de Merkle { $root }. Descomprímelo y ejecuta «node verify.mjs» dentro para comprobarlo.
export-too-large =
    La exportación de «{ $chat }», { $period } ocupa { $megabytes } MB: demasiado para enviarla por Telegram, incluso en { $max ->
        [one] { $max } parte
       *[other] { $max } partes
    }.
    Pide un periodo más corto en el grupo, por ejemplo /export 2026-11-01..2026-11-30, o pide a quien opera este regbot que ejecute:
    { $command }
