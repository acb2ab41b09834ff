## Менеджер на стороне специалиста: эскалации и еженедельная сводка, в личном чате.
window-escalation = Эскалация: в «{ $chat }» { $client } написал(а) { $opened }, ответ нужно было дать до { $due }; он опаздывает сверх согласованного, и никто из специалистов не ответил. Специалисты: { $specialists }.
manager-summary-title = Еженедельная сводка по вашим чатам, { $now }
manager-summary-chat = «{ $chat }»: { $opened ->
    [one] { $opened } вопрос
    [few] { $opened } вопроса
   *[other] { $opened } вопросов
} за 7 дней, вовремя отвечено — { $onTime }, с опозданием или без ответа — { $breached }, не требовали ответа — { $dismissed }.
manager-summary-chat-quiet = «{ $chat }»: за 7 дней ни один вопрос не ждал ответа.
manager-summary-escalated = • Опоздали настолько, что дошли до вас: { $count }.
manager-summary-overdue-answer = • Просрочено: ответ клиенту, срок — { $due }.
manager-summary-overdue-client = • Просрочено клиентом: { $number } ({ $what }), срок — { $due }.
manager-summary-overdue-specialist = • Просрочено специалистом: { $number } ({ $what }), срок — { $due }.
manager-summary-nothing-overdue = • Ни у одной стороны нет просрочек.
manager-summary-rating = • Оценка клиента: { $average } из 5 (оценок за 7 дней: { $count }).
