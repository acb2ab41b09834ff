command-start = Qué es regbot y cómo añadirlo a un grupo con un cliente
command-help = Qué puedes hacer aquí
command-rules = El reglamento acordado de este chat
command-set = Cambiar un ajuste (especialistas)
command-setup = Configurar el reglamento paso a paso (especialistas)
command-client = Nombrar el contacto autorizado del cliente (especialistas)
command-specialist = Nombrar a otro especialista (especialistas)
command-observer = Nombrar a un observador del lado del especialista (especialistas)
command-unassign = Quitar el rol a una persona (especialistas)
command-claim = Ser el especialista si aún no hay ninguno (administradores)
help-everyone =
    En este chat cualquiera puede usar:
    /rules: el reglamento acordado, quiénes son los especialistas y quién es el contacto del cliente
    /status: qué está abierto y cómo fueron las respuestas
    /digest: el resumen de estado ahora
    /transcript <texto>: respondiendo a un audio, su resumen en texto
    /provided R1: el contacto del cliente marca como entregada la información pedida
    /checkpoint: publicar ahora el punto de control del registro, para que ambas partes lo guarden
    /revision <qué>: el contacto del cliente pide cambios; el plazo sigue el reglamento
    /accept V1, /reopen V1 <qué>: el contacto del cliente responde a una corrección entregada
    /export 2026-11-01..2026-11-30: los especialistas y el contacto del cliente reciben en privado el registro de este chat, en un paquete que cualquiera puede verificar (sin fechas: todo el historial)
    /help: esta lista
help-specialist =
    Como especialista también puedes:
    /setup: configurar el reglamento paso a paso en un chat privado conmigo
    /diagnose: comprobar que veo todos los mensajes, puedo escribir y que el contacto, el horario, la zona y el informe están elegidos (también el responsable)
    /request <qué>: pedir información al cliente; el plazo sigue el reglamento
    /estimate V1 3d <motivo>: dar otra estimación a una corrección
    /delivered V1: marcar una corrección como entregada
    /shift R1: mover tus plazos por el tiempo que el trabajo esperó una solicitud atrasada
    /set <ajuste> <valor>: cambiar un ajuste, por ejemplo /set response 2 h
    /client, /specialist, /observer, /manager, /unassign: respondiendo al mensaje de la persona o con su @usuario
help-claim = Todavía no hay especialista: un administrador puede asumir el rol con /claim.
help-private =
    Ayudo a que un grupo con un cliente cumpla el reglamento de comunicación acordado entre el especialista en marketing y el cliente.
    Añádeme al grupo que compartes con tu cliente y hazme administrador; quien me añada será el especialista.
    /chats: tus chats, lo que necesita atención primero
    /start: qué es regbot y cómo añadirlo a un grupo con un cliente
    En el grupo, /help muestra lo que puede hacer cada persona.
command-request = Pedir información al cliente, con su plazo (especialistas)
command-provided = Marcar una solicitud como entregada, p. ej. /provided R1
command-transcript = Añadir el resumen en texto de un audio (respondiendo a él)
command-checkpoint = Publicar ahora el punto de control del registro, para que ambas partes lo guarden
command-export = Tu copia del registro de este chat, en privado (especialistas, contacto del cliente)
command-manager = Nombrar al responsable del lado del especialista (respuesta o @usuario)
