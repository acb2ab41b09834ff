call-proposed = { $number } предлагает { $proposer }: { $topic }, { $at }.
    { $confirmer }, подтвердите, пожалуйста, или предложите другое время.
call-replaced = { $old } заменён на { $number }, предлагает { $proposer }: { $topic }, { $at }.
    { $confirmer }, подтвердите, пожалуйста, или предложите другое время.
call-confirm-button = Подтвердить
call-other-time-button = Другое время
call-other-time-how = Напишите удобное время: /call { $number } <когда>, например /call { $number } завтра 11:00
call-confirmed = { $number } подтвердил(а) { $by }: { $topic }, { $at }. Я напомню обеим сторонам за { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[other] { $minutes } минут
    }.
call-cancelled = { $number } ({ $topic }, { $at }) отменил(а) { $by }.
call-needs-topic = О чём созвон? Без темы созвона нет: напишите её после времени, например: /call { $when } Итоги кампании
call-only-sides = Предлагать и подтверждать созвоны могут только специалисты и контакт клиента.
call-confirm-only-other-side = { $number } подтверждает другая сторона: { $confirmer }.
call-already-confirmed = { $number } уже подтверждён.
call-not-open = { $number } уже не открыт (отменён, заменён или уже с итогами).
call-unknown = Я не знаю созвона «{ $given }». Укажите его номер, например: { $example }
call-no-client = контакт клиента (ещё не назначен)
call-no-specialist = специалист (ещё не назначен)
call-example-propose = /call вт 15:00 Итоги кампании
call-example-other-time = /call C1 завтра 11:00
call-example-confirm = /call confirm C1
call-example-cancel = /call cancel C1
call-reminder = Напоминание для { $names }: созвон { $number } ({ $topic }) начнётся { $at }, через { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[other] { $minutes } минут
    }.
call-unconfirmed-dropped = { $number } ({ $topic }, { $at }) так и не подтвердили, поэтому он снят.
call-minutes-asked = { $number } ({ $topic }) был { $at }. После созвона не остаётся записи, поэтому { $proposer }, пожалуйста, напишите итоги — о чём договорились: /minutes { $number } <текст>
minutes-posted = Итоги { $number } ({ $topic }, { $at }) от { $by }:
    { $minutes }
    { $judges }, подтвердите их, пожалуйста, или оспорьте.
minutes-confirm-button = Подтвердить итоги
minutes-dispute-button = Оспорить
minutes-needs-text = О чём договорились на созвоне? Напишите после номера, например: /minutes { $number } Бюджет остаётся 500 €; новые креативы к пятнице. (Или ответьте на сообщение командой /minutes { $number }.)
minutes-only = Итоги созвона пишет тот, кто его предложил, или специалист.
minutes-not-confirmed = { $number } ({ $topic }) не был согласован, поэтому итогов у него нет.
minutes-too-early = { $number } ({ $topic }) будет { $at }; итоги пишутся после него.
minutes-already-posted = Итоги { $number } уже написаны и ждут, пока другая сторона их подтвердит или оспорит.
minutes-already-confirmed = Итоги { $number } уже подтверждены.
minutes-judge-only = Эти итоги подтверждает или оспаривает другая сторона: { $names }.
minutes-nothing-to-judge = У { $number } нет итогов, ожидающих подтверждения.
minutes-confirmed = { $by } подтвердил(а) итоги { $number } ({ $topic }).
minutes-disputed = { $by } оспаривает итоги { $number } ({ $topic }).
    { $author }, напишите, пожалуйста, исправленные итоги: /minutes { $number } <текст>
minutes-disputed-because = { $by } оспаривает итоги { $number } ({ $topic }): { $reason }
    { $author }, напишите, пожалуйста, исправленные итоги: /minutes { $number } <текст>
minutes-example = /minutes C1 Бюджет остаётся 500 €; новые креативы к пятнице
minutes-example-confirm = /minutes confirm C1
minutes-example-dispute = /minutes dispute C1 Договорились о 600 €
status-next-call = Ближайший созвон: { $number } ({ $topic }), { $at }.
status-next-call-unconfirmed = Предложен созвон, ещё не подтверждён: { $number } ({ $topic }), { $at }.
status-call-unminuted = Созвон без итогов: { $number } ({ $topic }), { $at }.
command-call = Предложить созвон со временем и темой, например /call вт 15:00 Итоги кампании
command-minutes = Записать итоги созвона, например /minutes C1 <текст>
help-calls =
    Созвоны (специалисты и контакт клиента):
    /call вт 15:00 Итоги кампании: предложить созвон; другая сторона подтверждает или отвечает /call C1 <другое время>
    /call confirm C1, /call cancel C1
    /minutes C1 <текст>: после созвона — о чём договорились; другая сторона подтверждает или оспаривает
call-outside-hours = { $at } — вне согласованных часов связи ({ $hours }, по времени { $timezone }). Всё равно предложить созвон?
call-outside-hours-anyway = Всё равно предложить
call-outside-hours-drop = Не предлагать
call-outside-hours-dropped = Созвон не предложен. Отправьте /call со временем в часы связи, когда будет удобно.
call-outside-hours-only-proposer = Предлагать ли этот созвон, решает только { $name }, кто отправил /call.
call-outside-hours-gone = Я больше не вижу сообщение /call, к которому относится вопрос. Отправьте его, пожалуйста, ещё раз.
call-outside-hours-already = Этот созвон уже предложен.
