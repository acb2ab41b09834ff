## El responsable del lado del especialista: escaladas y el resumen semanal, en privado.
window-escalation = Escalada: en «{ $chat }» { $client } escribió { $opened } y la respuesta vencía { $due }; ya pasa del margen acordado y ningún especialista ha respondido. Especialistas: { $specialists }.
manager-summary-title = Resumen semanal de los chats que supervisas, { $now }
manager-summary-chat = «{ $chat }»: { $opened ->
    [one] 1 pregunta
   *[other] { $opened } preguntas
} en 7 días, { $onTime } respondidas a tiempo, { $breached } tarde o sin respuesta, { $dismissed } no necesitaban respuesta.
manager-summary-chat-quiet = «{ $chat }»: ninguna pregunta esperó respuesta en 7 días.
manager-summary-escalated = • Tan tarde que llegaron a usted: { $count }.
manager-summary-overdue-answer = • Vencida: la respuesta al cliente, que vencía { $due }.
manager-summary-overdue-client = • Vencido por parte del cliente: { $number } ({ $what }), vencía { $due }.
manager-summary-overdue-specialist = • Vencido por parte del especialista: { $number } ({ $what }), vencía { $due }.
manager-summary-nothing-overdue = • Nada vencido por ninguna de las partes.
manager-summary-rating = • La valoración del cliente: { $average } de 5 ({ $count } en 7 días).
