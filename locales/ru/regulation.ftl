## Названия настроек регламента, как их видят люди.
regulation-key-timezone = Часовой пояс
regulation-key-hours = Часы связи
regulation-key-holidays = Нерабочие дни
regulation-key-response = Время ответа
regulation-key-warn-before = Предупреждение до срока ответа
regulation-key-escalate-after = Эскалация менеджеру после срока ответа
regulation-key-info-deadline = Срок предоставления информации клиентом
regulation-key-revision-time = Срок внесения правок
regulation-key-call-reminder = Напоминание перед созвоном
regulation-key-digest = Еженедельный отчёт
regulation-key-voice = Голосовые сообщения
regulation-key-transcribe = Автоматическая расшифровка голосовых сообщений
regulation-key-language = Язык
regulation-key-topic = Тема для напоминаний
regulation-key-contract = Договор
regulation-key-contract-sum = Сумма договора
regulation-key-penalty = Штраф за просроченный этап
regulation-key-end-reminder = Напоминание до окончания договора
regulation-key-work-start = Начало работ после оплаты
regulation-key-missed-call = Пункт договора о пропущенных созвонах
regulation-key-publish-case = Специалист может публиковать кейс
regulation-key-third-parties = Можно привлекать третьих лиц

## Почему значение настройки не принято, и правильный пример.
regulation-error-unknown-key = Настройки «{ $key }» нет. Доступные настройки: { $keys }.
regulation-error-empty-value = Пожалуйста, укажите значение для { $key }, например: { $example }
regulation-error-timezone-unknown = Я не знаю часовой пояс «{ $value }». Пожалуйста, укажите название пояса, например: Europe/Moscow, Asia/Yekaterinburg, Europe/Madrid или UTC.
regulation-error-hours-syntax = Не удалось разобрать часы «{ $value }». Укажите дни, затем время, например: Пн-Пт 10:00-13:00,14:00-19:00; Сб 11:00-14:00 (или 24/7 — круглосуточно).
regulation-error-hours-no-days = В часах «{ $value }» не указаны дни. Укажите дни перед временем, например: Пн-Пт 10:00-19:00
regulation-error-hours-cross-midnight = Часы «{ $value }» переходят через полночь, а так указывать нельзя. Разделите их на два дня, например: { $suggestion }
regulation-error-hours-empty-interval = Часы «{ $value }» начинаются и заканчиваются в одно время, то есть пусты. Конец должен быть позже начала, например: 10:00-19:00
regulation-error-hours-overlap =
    { $day ->
        [1] В понедельник
        [2] Во вторник
        [3] В среду
        [4] В четверг
        [5] В пятницу
        [6] В субботу
       *[7] В воскресенье
    } часы { $first } и { $second } пересекаются. Пожалуйста, укажите для каждого дня непересекающиеся интервалы, например: Пн-Пт 10:00-13:00,14:00-19:00
regulation-error-unknown-day = Я не знаю день «{ $day }». Пожалуйста, используйте Пн, Вт, Ср, Чт, Пт, Сб или Вс (подойдут и Mon…Sun, Lun…Dom).
regulation-error-impossible-time = «{ $time }» — не время суток. Время бывает от 00:00 до 23:59, а 24:00 может завершать часы дня, например: 18:00-24:00
regulation-error-holidays-syntax = Не удалось разобрать «{ $value }» как дату. Пишите даты в виде год-месяц-день, диапазоны — через две точки, а элементы — через запятую, например: 2026-12-31, 2027-01-01..2027-01-08 (или none, если нерабочих дней нет).
regulation-error-impossible-date = Даты { $value } не существует. Пожалуйста, проверьте день и месяц, например: 2027-02-28
regulation-error-reversed-range = Диапазон { $from }..{ $to } заканчивается раньше, чем начинается. Пожалуйста, поставьте раннюю дату первой: { $to }..{ $from }
regulation-error-duration-syntax = Не удалось разобрать «{ $value }» как срок. Укажите целое число и единицу (m — минуты, h — часы, d — рабочие дни), например: { $example }
regulation-error-duration-not-positive = «{ $value }» — не срок больше нуля. Пожалуйста, укажите положительный срок, например: { $example }
regulation-error-duration-needs-days = Этот срок считается в рабочих днях, поэтому «{ $value }» не подходит. Пожалуйста, укажите его в днях, например: { $example }
regulation-error-duration-needs-minutes = Это время считается в минутах и часах, поэтому «{ $value }» не подходит. Пожалуйста, укажите его в минутах или часах, например: { $example }
regulation-error-warn-before-syntax = Не удалось разобрать «{ $value }». Укажите долю от времени ответа, например 20%, или за сколько до срока предупредить, например 15m.
regulation-error-warn-before-percent = Доля «{ $value }» должна быть от 1% до 99% времени ответа, например: 20%
regulation-error-digest-syntax = Не удалось разобрать время отчёта «{ $value }». Укажите день недели и время, например: Пт 17:00 (или off, если еженедельный отчёт не нужен).
regulation-error-not-a-choice = «{ $value }» — не один из вариантов. Пожалуйста, выберите: { $choices }
regulation-error-transcription-not-offered = В этой установке regbot нет сервиса распознавания речи, поэтому голосовые сообщения здесь нельзя расшифровывать автоматически; расшифровка остаётся выключенной. Тот, кто запускает regbot, может её подключить, задав TRANSCRIBE_URL. А пока: /set transcribe off
regulation-error-topic-syntax = «{ $value }» — не тема. Напишите general для общей темы или номер темы (её thread id), например: 42
regulation-error-topic-not-forum = В этой группе нет тем, поэтому напоминания не могут уходить в тему { $value }. Сначала включите темы в настройках группы или оставьте: general
regulation-error-contract-syntax = Не удалось разобрать договор «{ $value }». Укажите срок действия как начало..конец и, если нужно, пункт для цитирования, например: 2026-12-01..2027-02-28 Если информация задерживается, работа приостанавливается (п. 5.2). Чтобы убрать договор, напишите none.
regulation-error-contract-sum-syntax = Не удалось разобрать сумму договора «{ $value }». Укажите сумму больше нуля и валюту, например: 3000 EUR (или none, чтобы убрать).
regulation-error-penalty-syntax = Не удалось разобрать штраф «{ $value }». Укажите долю суммы договора, долю за каждый день просрочки с рабочими (business) или календарными (calendar) днями, при желании предел и пункт договора, например: 10% + 2%/day business max 30% п. 7.1 (или none, чтобы убрать).
