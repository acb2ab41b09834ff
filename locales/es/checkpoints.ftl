checkpoint =
    Punto de control: { $events ->
        [one] { $events } evento registrado
       *[other] { $events } eventos registrados
    }, raíz { $short }.
    Guarda este mensaje: cualquier exportación de este chat se puede comprobar con él.
    { $size }:{ $root }
checkpoint-usage = /checkpoint no lleva nada detrás: envía solo /checkpoint para publicar ahora el punto de control del registro. Para comprobar una exportación con un punto de control que guardas, ejecuta en la exportación descomprimida: node verify.mjs --checkpoint 1234:3f2a… (la última línea del mensaje del punto de control).
checkpoint-key = Las exportaciones se firman con la clave cuya huella SHA-256 es { $fingerprint }.
