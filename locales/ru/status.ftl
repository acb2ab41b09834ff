command-status = Что открыто и как шли ответы
command-digest = Сводка прямо сейчас
command-chats = Ваши чаты: сначала то, что требует внимания
status-title = Статус «{ $chat }», { $now }
status-waiting = Ждёт ответа: клиент написал { $opened }; ответ нужен до { $due }.
status-overdue = Просрочено: клиент написал { $opened }; ответ был нужен до { $due }.
status-period = С { $from }: вопросов — { $opened }, отвечено вовремя — { $onTime }, с опозданием или без ответа — { $breached }.
status-median = Медианное время ответа: { $minutes } рабочих минут.
status-next-digest = Следующая сводка: { $at }.
status-specialists = Специалисты: { $names }
status-client = Контакт клиента: { $name }
digest-title = Еженедельная сводка «{ $chat }»
digest-period = С { $from }: вопросов — { $opened }, отвечено вовремя — { $onTime }, с опозданием или без ответа — { $breached }.
digest-quiet = С { $from } ни один вопрос не ждал ответа.
digest-ack-note = Специалист и контакт клиента могут подтвердить сводку кнопкой.
digest-ack-button = Подтвердить
digest-acknowledged = Спасибо, { $name }: подтверждение записано.
digest-ack-already = Ваше подтверждение этой сводки уже записано.
digest-ack-only = Сводку подтверждают только специалисты и контакт клиента.
digest-ack-unknown = Эта сводка не публиковалась в этом чате, подтверждать нечего.
chats-title = Ваши чаты: сначала то, что требует внимания. Нажмите на чат, чтобы увидеть его статус.
chats-none = Вы не специалист и не контакт клиента ни в одном чате с regbot. Специалист добавляет regbot в группу; контакт клиента подтверждается там командой /client.
chats-breached = опозданий: { $count }
chats-waiting = ждёт ответа
chats-not-yours = Это не ваш чат, поэтому его статус не показывается.
status-request = Клиент должен предоставить { $number } ({ $what }) до { $due }.
status-request-overdue = Просрочено клиентом: { $number } ({ $what }), срок был { $due }; работа ждёт этого.
status-voices = Голосовых сообщений без текста: { $count }.
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
digest-client-record = Со стороны клиента: предоставлено запросов — { $provided }, вовремя — { $onTime }, с опозданием — { $late }; работа ждала клиента { $days } раб. дн.
digest-chart-title = Медианное время ответа по дням; пять блоков — согласованные { $agreed } рабочих минут:
digest-chart-row = { $day } { $bar } { $minutes } мин
digest-chart-row-late = { $day } { $bar } { $minutes } мин, дольше согласованного
