voice-nudge = ¡Gracias, { $name }! ¿Podrías añadir un breve resumen en texto de { $media ->
    [video_note] este videomensaje
    [audio] esta grabación
   *[voice] este mensaje de voz
  }? El texto se lee de un vistazo y es el registro en el que confían ambas partes. Basta con responder con unas líneas.
voice-reminder = Recordatorio: { $count ->
    [one] tu mensaje de voz
   *[other] tus { $count } mensajes de voz
  } en «{ $chat }» del { $sent } todavía no { $count ->
    [one] tiene
   *[other] tienen
  } resumen en texto. Responde con unas líneas, por favor, para que ambas partes lo tengan por escrito.
voice-reminder-in-group = { $count ->
    [one] tu mensaje de voz
   *[other] tus { $count } mensajes de voz
  } del { $sent } todavía no { $count ->
    [one] tiene
   *[other] tienen
  } resumen en texto. Responde con unas líneas, por favor, para que ambas partes lo tengan por escrito.
voice-transcript-linked = ¡Gracias! El texto queda vinculado al mensaje de voz en el registro.
voice-transcript-already = Este mensaje de voz ya tiene un resumen en texto en el registro.
voice-transcript-usage = Responde a un mensaje de voz con /transcript y su resumen, por ejemplo: /transcript Pasamos el lanzamiento al lunes; el presupuesto no cambia.
