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
voice-machine-transcript = 🤖 Transcripción automática de { $media ->
    [video_note] este videomensaje
    [audio] esta grabación
   *[voice] este mensaje de voz
  }, hecha por una máquina ({ $model }). Puede contener errores y no cuenta como registro:
voice-machine-transcript-check = { $name }, revísala, por favor, y responde a tu mensaje de voz con el texto en tus propias palabras (copia la transcripción si es correcta): tu texto es el registro en el que confían ambas partes.
voice-transcription-notice = A partir de ahora regbot envía los mensajes de voz, videomensajes y grabaciones de este chat a { $engine } para una transcripción automática, que se publica aquí marcada como hecha por una máquina. Solo el texto del propio remitente cuenta como registro. Para desactivarla: /set transcribe no
