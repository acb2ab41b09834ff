role-granted-specialist = { $name } es ahora especialista en este chat (lo nombró { $by }).
role-granted-observer = { $name } es ahora observador en este chat (lo nombró { $by }): está del lado del especialista, y regbot no lo redirige ni toma sus mensajes como solicitudes.
role-already = { $name } ya tiene ese rol.
role-none = { $name } no tiene ningún rol en este chat.
role-revoked-specialist = { $name } ya no es especialista en este chat (hizo el cambio { $by }).
role-revoked-observer = { $name } ya no es observador en este chat (hizo el cambio { $by }).
role-revoked-client = { $name } ya no es el contacto autorizado del cliente (hizo el cambio { $by }). Especialistas: nombrad uno nuevo con /client.
role-last-specialist = { $name } es el único especialista, y el chat necesita uno. Nombra primero a otro especialista con /specialist.
role-whom = ¿A quién te refieres? Responde a uno de sus mensajes con { $command } o menciónalo: { $command } @usuario
role-unknown-username = Todavía no he visto escribir a @{ $username } en este chat, y Telegram no deja a los bots buscar personas por su nombre de usuario. Responde a uno de sus mensajes con { $command }.
role-username-shared = En este chat { $count ->
        [one] { $count } persona ha usado
       *[other] { $count } personas han usado
    } @{ $username }; he elegido a { $name } (id { $id }), quien escribió aquí más recientemente. Si te referías a otra persona, responde a uno de sus mensajes con { $command }.
role-not-for-bots = Los bots no pueden tener roles en un chat.
client-nominated = { $by } nombra a { $name } contacto autorizado del cliente: los comentarios y solicitudes se tratan solo con esta persona. { $name }, confírmalo con el botón de abajo.
client-confirm-button = Confirmo que soy el contacto
client-confirm-only = Solo { $name } puede confirmarlo.
client-nomination-stale = Esta solicitud ya no está abierta.
client-confirmed-short = Confirmado.
client-confirmed = { $name } lo ha confirmado: desde ahora { $name } es el contacto autorizado del cliente en este chat.
contact-left = { $name }, el contacto autorizado del cliente, ha salido del chat. Los recordatorios dirigidos a esa persona quedan en pausa. Especialistas: nombrad un nuevo contacto respondiendo a su mensaje con /client.
redirect-to-contact = ¡Gracias, { $name }! Como se acordó, las solicitudes y comentarios de este chat pasan por { $contact }, el contacto autorizado del cliente. Por favor, transmítelo a través de { $contact }.
role-revoked-manager = { $name } ya no es el responsable de este chat (hizo el cambio { $by }).
manager-nominated = { $by } nombra a { $name } responsable del lado del especialista: sabrá en privado cuando una respuesta se retrase más de lo acordado, recibirá un resumen semanal de sus chats y podrá ver todo lo que ve un especialista, sin cambiar nada. { $name }, confírmalo con el botón de abajo.
manager-confirm-button = Confirmo que soy el responsable
manager-confirmed = { $name } lo ha confirmado: desde ahora { $name } es el responsable de este chat. { $name }, abre un chat privado conmigo para que pueda escribirte.
