request-created = { $number }: { $what }
    Запрошено у { $client }. Срок — { $due }, по регламенту для предоставления информации.
request-provided-button = Предоставлено
request-needs-text = Что должен предоставить клиент? Напишите это после команды, например: /request Доступ к рекламному кабинету (или ответьте на сообщение командой /request).
request-unknown = Я не знаю запроса «{ $given }». Укажите его номер, например: /provided R1
request-provided-only-client = Отметить запрос выполненным может только уполномоченный контакт клиента (или специалист, подтверждая это).
request-already-provided = { $number } уже отмечен как предоставленный.
request-provided-on-time = { $number } предоставлено: { $by }, в срок. Спасибо!
request-provided-late = { $number } предоставлено: { $by }, через { $days ->
        [one] { $days } рабочий день
        [few] { $days } рабочих дня
       *[other] { $days } рабочих дней
    } после срока; столько работа ждала.
request-no-client = контакт клиента (ещё не назначен)
request-reminder = Напоминание для { $client }: { $number } ({ $what }) нужно предоставить до { $due }.
request-overdue = Срок { $number } ({ $what }) — { $due } — прошёл, а информации нет. По регламенту специалист может приостановить работу до её получения; задержка учитывается.
request-overdue-clause = В договоре сказано: { $clause }
