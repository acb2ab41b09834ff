intro =
    ¡Hola! Soy regbot. Ayudo a que este chat cumpla el reglamento de interacción acordado entre el especialista y el cliente: horario de contacto, tiempos de respuesta, plazos de ambas partes, correcciones, llamadas e informes.

    Importante: la correspondencia de este chat queda registrada como vinculante. Cada mensaje, edición y referencia a un archivo se guarda en orden, en un registro a prueba de manipulaciones que puede exportarse en caso de disputa. Borrar un mensaje en Telegram no lo elimina del registro.
intro-specialist = Me añadió { $name }, así que { $name } es el especialista de este chat.
intro-claim = No he podido saber quién me añadió. Un administrador del chat que sea el especialista puede enviar /claim para asumir ese rol.
privacy-warning =
    Atención: no puedo ver todos los mensajes de este chat, así que a partir de ahora el registro está incompleto.
    Para solucionarlo, hazme administrador del grupo o desactiva el modo de privacidad en @BotFather (/setprivacy → Disable) y vuelve a añadirme.
regbot-returned = He vuelto: { $name } me añadió de nuevo. Estuve fuera desde { $from } hasta { $to } ({ $away }); los mensajes de ese tiempo no están en el registro. Los roles y el reglamento siguen como estaban.
regbot-returned-gap-unknown = He vuelto: { $name } me añadió de nuevo. No supe cuándo me quitaron, así que al registro pueden faltarle mensajes anteriores a este momento. Los roles y el reglamento siguen como estaban.
visibility-restored = Ahora veo todos los mensajes de este chat: el registro vuelve a estar completo.
claim-done = { $name } es ahora el especialista de este chat.
claim-already = Este chat ya tiene especialista.
claim-not-admin = Solo un administrador del chat que no sea anónimo puede asumir el rol de especialista. Desactiva «Permanecer anónimo» en tus permisos de administrador y vuelve a enviar /claim.
start-private =
    ¡Hola! Soy regbot, un bot que ayuda a un especialista en marketing y a su cliente a cumplir el reglamento de comunicación que acordaron.

    Para usarme, añádeme al grupo que compartes con tu cliente (menú del grupo → Añadir miembros → búscame) y hazme administrador para que pueda ver todos los mensajes. Quien me añada será el especialista.
start-unknown-link = Este enlace ya no es válido. Esto es lo que hago:
error-generic = Lo siento, algo salió mal al procesarlo. Ha quedado registrado; inténtalo de nuevo en un minuto.
error-no-contact-time = No he podido calcular un plazo: el reglamento no deja horas de contacto por delante. Un especialista puede corregirlo con /set hours o /set holidays (ver /rules).
outbox-undelivered = No he podido entregar un mensaje en «{ $chat }»: Telegram lo rechazó o no dio una respuesta definitiva durante una hora. Queda registrado en el historial del chat como no entregado; si importa, transmítelo tú:
    { $text }
