command-status = Что открыто и как шли ответы
command-digest = Сводка прямо сейчас
command-chats = Ваши чаты: сначала то, что требует внимания
status-title = Статус «{ $chat }», { $now }
status-waiting = Ждёт ответа: клиент написал { $opened }; ответ нужен до { $due }.
status-overdue = Просрочено: клиент написал { $opened }; ответ был нужен до { $due }.
status-period = С { $from }: { $opened ->
        [one] { $opened } вопрос
        [few] { $opened } вопроса
       *[other] { $opened } вопросов
    }, { $onTime ->
        [one] { $onTime } отвечен вовремя
        [few] { $onTime } отвечены вовремя
       *[other] { $onTime } отвечено вовремя
    }, { $breached ->
        [one] { $breached } с опозданием или без ответа
       *[other] { $breached } с опозданием или без ответа
    }.
status-median = Медианное время ответа: { $minutes ->
        [one] { $minutes } рабочая минута
        [few] { $minutes } рабочие минуты
       *[other] { $minutes } рабочих минут
    }.
status-next-digest = Следующая сводка: { $at }.
status-specialists = Специалисты: { $names }
status-manager = Руководитель: { $names }
status-client = Контакт клиента: { $name }
digest-title = Еженедельная сводка «{ $chat }»
digest-period = С { $from }: { $opened ->
        [one] { $opened } вопрос
        [few] { $opened } вопроса
       *[other] { $opened } вопросов
    }, { $onTime ->
        [one] { $onTime } отвечен вовремя
        [few] { $onTime } отвечены вовремя
       *[other] { $onTime } отвечено вовремя
    }, { $breached ->
        [one] { $breached } с опозданием или без ответа
       *[other] { $breached } с опозданием или без ответа
    }.
digest-quiet = С { $from } ни один вопрос не ждал ответа.
digest-ack-note = Специалист и контакт клиента могут подтвердить сводку кнопкой.
digest-ack-button = Подтвердить
digest-acknowledged = Спасибо, { $name }: подтверждение записано.
digest-ack-already = Ваше подтверждение этой сводки уже записано.
digest-ack-only = Сводку подтверждают только специалисты и контакт клиента.
digest-ack-unknown = Эта сводка не публиковалась в этом чате, подтверждать нечего.
chats-title = Ваши чаты: сначала то, что требует внимания. Нажмите на чат, чтобы увидеть его статус.
chats-none = Вы не следите ни за одним чатом с regbot: вы нигде не специалист, не контакт клиента и не наблюдатель. Специалист добавляет regbot в группу и назначает там наблюдателей командой /observer; контакт клиента подтверждается там командой /client.
chats-breached = { $count ->
        [one] { $count } опоздание
        [few] { $count } опоздания
       *[other] { $count } опозданий
    }
chats-waiting = ждёт ответа
chats-not-yours = Это не ваш чат, поэтому его статус не показывается.
chats-page = Страница { $page } из { $pages }
chats-previous = ‹ Назад
chats-next = Дальше ›
chats-page-moved = Список чатов с тех пор изменился: теперь это страница { $page }.
chats-none-now = Вы больше не следите ни за одним чатом с regbot.
status-request = Клиент должен предоставить { $number } ({ $what }) до { $due }.
status-request-overdue = Просрочено клиентом: { $number } ({ $what }), срок был { $due }; работа ждёт этого.
status-voices = Без текста остаётся { $count ->
        [one] { $count } голосовое сообщение
        [few] { $count } голосовых сообщения
       *[other] { $count } голосовых сообщений
    }.
digest-settled-title = Выполнено за период:
digest-settled-request = { $number } ({ $what }) { $late ->
    [0] предоставлено вовремя
    [one] предоставлено с опозданием на { $late } рабочий день
    [few] предоставлено с опозданием на { $late } рабочих дня
   *[other] предоставлено с опозданием на { $late } рабочих дней
  }.
digest-settled-revision = { $number } ({ $what }): правки сданы.
digest-settled-stage = { $number } ({ $what }): этап завершён.
digest-settled-call = { $number } ({ $what }): созвон состоялся, итоги записаны.
digest-client-record = Со стороны клиента: { $provided ->
        [one] предоставлен { $provided } запрос
        [few] предоставлено { $provided } запроса
       *[other] предоставлено { $provided } запросов
    }, из них вовремя — { $onTime ->
        [one] { $onTime } запрос
        [few] { $onTime } запроса
       *[other] { $onTime } запросов
    }, с опозданием — { $late ->
        [one] { $late } запрос
        [few] { $late } запроса
       *[other] { $late } запросов
    }; работа ждала клиента { $days ->
        [one] { $days } рабочий день
        [few] { $days } рабочих дня
       *[other] { $days } рабочих дней
    }.
digest-chart-title = Медианное время ответа по дням; пять блоков — согласованное время ответа ({ $agreed ->
        [one] { $agreed } рабочая минута
        [few] { $agreed } рабочие минуты
       *[other] { $agreed } рабочих минут
    }):
digest-chart-row = { $day } { $bar } { $minutes } мин
digest-chart-row-late = { $day } { $bar } { $minutes } мин, дольше согласованного
