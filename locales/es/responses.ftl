the-specialist = El especialista
the-client = el cliente
out-of-hours = ¡Gracias! { $specialist } responde en el horario de contacto: { $hours }, hora de { $timezone }. Tendrás respuesta antes de { $due }.
window-warning = Recordatorio: { $client } espera una respuesta en «{ $chat }». Vence { $due }.
window-warning-in-group = { $client } espera una respuesta, que vence { $due }.
window-breach = La respuesta a { $client } en «{ $chat }» vencía { $due } y no se ha dado: el retraso queda registrado.
window-breach-in-group = la respuesta a { $client } vencía { $due } y no se ha dado: el retraso queda registrado.
