# Правки: клиент просит изменения, специалист сдаёт их в срок по регламенту.
command-revision = Попросить правки, со сроком (контакт клиента)
command-estimate = Дать правке другую оценку, например /estimate V1 3d <причина> (специалисты)
command-delivered = Отметить правку сданной, например /delivered V1 (специалисты)
command-accept = Принять сданную правку, например /accept V1 (контакт клиента)
command-reopen = Вернуть сданную правку, например /reopen V1 <что ещё изменить> (контакт клиента)
command-shift = Сдвинуть свои сроки на время, пока работа ждала просроченный запрос, например /shift R1 (специалисты)
revision-created = { $number }: { $what }
revision-count = Получено { $received }, отсчёт с { $from }, срок { $duration }: сдать до { $due }, в работе не позднее { $liveBy }.
revision-business-days = { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
}
revision-business-time = { $time } рабочего времени
revision-estimate-hint = Специалист может дать другую оценку с причиной, например: /estimate { $number } 3d Переделать десять постов в идущей кампании
revision-needs-text = Что нужно изменить? Напишите это после команды, например: /revision Заменить фото во втором посте (или ответьте на сообщение командой /revision).
revision-unknown = Я не знаю правки «{ $given }». Укажите её номер, например: /{ $command } V1
revision-only-client = Просить правки, принимать и возвращать их может только уполномоченный контакт клиента ({ $client }).
revision-no-client = Просить правки, принимать и возвращать их может только уполномоченный контакт клиента, а он ещё не назначен: специалист назначает его командой /client.
revision-not-delivered = { $number } ещё не сдана; срок — { $due }.
revision-already-delivered = { $number } уже сдана; контакт клиента принимает её или возвращает.
revision-already-accepted = { $number } уже принята.
revision-estimate-syntax = Укажите номер правки, сколько она займёт и причину, например: /estimate V1 3d Переделать десять постов в идущей кампании (d — рабочие дни, h — рабочие часы).
revision-estimate-not-positive = Оценка должна быть больше нуля, а «{ $value }» — нет. Например: /estimate { $number } 1d Меняется только аватар
revision-estimate-too-late = Срок { $number } — { $due } — уже прошёл; оценку можно изменить только до срока.
revision-estimate-passed = С оценкой { $value } срок { $number } был бы { $due }, а это время уже прошло. Пожалуйста, дайте оценку больше.
revision-estimated = { $by } оценивает { $number } ({ $what }) иначе: { $reason }
    Прежний срок был { $was }.
revision-estimate-waited = С учётом времени, пока работа ждала клиента, срок — { $due }, в работе не позднее { $liveBy }.
revision-delivered-on-time = { $number } ({ $what }) сдана: { $by }, в срок.
revision-delivered-late = { $number } ({ $what }) сдана: { $by }, через { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
} после срока ({ $due }).
revision-review = { $client }, пожалуйста, примите её или верните с тем, что ещё нужно изменить: /reopen { $number } <что>.
revision-accept-button = Принять
revision-reopen-button = Вернуть
revision-accepted = { $number } ({ $what }) принята: { $by }. Спасибо!
revision-reopened = { $number } ({ $what }) возвращена: { $by }.
revision-reopened-because = { $number } ({ $what }) возвращена: { $by }. { $reason }
revision-reminder = Напоминание для { $specialists }: { $number } ({ $what }) нужно сдать до { $due }.
revision-overdue = Срок { $number } ({ $what }) — { $due } — прошёл, а правка ещё не сдана; задержка записана.
status-revision = Специалист должен сдать { $number } ({ $what }) до { $due }.
status-revision-overdue = Просрочено специалистом: { $number } ({ $what }), срок был { $due }.
status-revision-delivered = { $number } ({ $what }) сдана и ждёт, когда контакт клиента её примет.
status-client-delay = Всего работа ждала клиента { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
}.

# /shift: задержка клиента сдвигает сроки специалиста.
shift-button = Сдвинуть мои сроки
shift-unknown = Я не знаю запроса «{ $given }». Укажите номер просроченного запроса информации, например: /shift R1
shift-only-specialists = Сдвинуть свои сроки может только специалист этого чата.
shift-already = Ожидание по { $number } уже учтено в сроках ({ $at }).
shift-on-time = { $number } предоставлено в срок ({ $due }), работа его не ждала.
shift-not-overdue = { $number } не просрочен: срок — { $due }. Сроки можно сдвинуть, когда он просрочен.
shift-waiting-provided = { $number } предоставлено с опозданием на { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
}: работа ждала с { $from } до { $to }. Это ожидание теперь приостанавливает сроки специалиста.
shift-waiting-open = { $number } всё ещё не предоставлено: работа ждёт с { $from } до сих пор, { $to }. Это ожидание теперь приостанавливает сроки специалиста; дальнейшее ожидание по этому запросу повторно не сдвигается.
shift-moved = { $number } ({ $what }) перенесено с { $from } на { $to }.
shift-nothing-moved = Срок ни одной открытой правки или этапа плана не приходился на время после { $from }, поэтому ничего не сдвигается.
