the-specialist = Специалист
the-client = клиент
out-of-hours = Спасибо! { $specialist } отвечает в часы связи: { $hours }, по времени { $timezone }. Ответ будет не позднее { $due }.
window-warning = Напоминание: { $client } ждёт ответа в «{ $chat }». Срок — { $due }.
window-warning-in-group = { $client } ждёт ответа, срок — { $due }.
window-breach = Ответ для { $client } в «{ $chat }» нужно было дать до { $due }, но его нет: задержка зафиксирована.
window-breach-in-group = ответ для { $client } нужно было дать до { $due }, но его нет: задержка зафиксирована.
