## The contract's consequences: penalties for late stages.
penalty-of-sum = { $share } от { $sum } = { $amount }
penalty-of-contract-sum = { $share } от суммы договора
penalty-capped = { $counted }, но не более { $cap }
penalty-stated = Штраф по договору, просрочка { $days } { $unit ->
        [calendar] { $days ->
            [one] календарный день
            [few] календарных дня
           *[other] календарных дней
        }
       *[business] { $days ->
            [one] рабочий день
            [few] рабочих дня
           *[other] рабочих дней
        }
    }: { $formula }. regbot только фиксирует штраф, счёт он не выставляет.
penalty-stated-clause = Штраф по договору ({ $clause }), просрочка { $days } { $unit ->
        [calendar] { $days ->
            [one] календарный день
            [few] календарных дня
           *[other] календарных дней
        }
       *[business] { $days ->
            [one] рабочий день
            [few] рабочих дня
           *[other] рабочих дней
        }
    }: { $formula }. regbot только фиксирует штраф, счёт он не выставляет.
penalty-accrued = Штраф на сейчас, просрочка { $days } { $unit ->
        [calendar] { $days ->
            [one] календарный день
            [few] календарных дня
           *[other] календарных дней
        }
       *[business] { $days ->
            [one] рабочий день
            [few] рабочих дня
           *[other] рабочих дней
        }
    }: { $formula }.
penalty-accrued-clause = Штраф на сейчас ({ $clause }), просрочка { $days } { $unit ->
        [calendar] { $days ->
            [one] календарный день
            [few] календарных дня
           *[other] календарных дней
        }
       *[business] { $days ->
            [one] рабочий день
            [few] рабочих дня
           *[other] рабочих дней
        }
    }: { $formula }.

## Payment and the start of work.
paid-recorded = { $by } сообщает, что оплата произведена { $paid }. { $confirmer }, подтвердите или оспорьте её кнопками.
paid-confirm-button = Подтвердить оплату
paid-dispute-button = Оспорить
paid-only-sides = Оплату отмечают только специалисты и контакт клиента.
paid-in-future = Оплату отмечают, когда она произведена, а { $paid } ещё не наступило. Например: /paid или /paid 01.12.2026
paid-pending = Оплата уже ждёт подтверждения (отметил(а) { $by }, дата оплаты { $paid }). Другая сторона подтверждает или оспаривает её кнопками под ней.
paid-confirm-only-other-side = Оплату подтверждает другая сторона: { $confirmer }.
paid-not-open = Эта оплата уже подтверждена или оспорена.
paid-confirmed = { $by } подтвердил(а) оплату от { $paid }. По регламенту работа начинается через { $days ->
        [one] { $days } рабочий день
        [few] { $days } рабочих дня
       *[other] { $days } рабочих дней
    } после оплаты: { $start }.
paid-stage-before-start = Срок этапа { $number } ({ $title }) — { $due }, раньше начала работ.
paid-disputed = { $by } оспаривает оплату от { $paid }, отмеченную { $recorder }, поэтому она не учитывается. Когда вопрос решится, отметьте её снова командой /paid.
command-paid = Отметить оплату по договору; другая сторона подтверждает
status-paid = Оплачено { $paid }, подтверждено обеими сторонами; работа начинается { $start }.
status-paid-pending = Оплата от { $paid } отмечена ({ $by }) и ждёт подтверждения другой стороны.
plan-work-start = Работа начинается { $start } (оплата { $paid }).

## Missed calls.
call-missed-button = Созвон не состоялся
call-missed-reported = { $by } сообщает, что созвон { $number } ({ $topic }, { $at }) не состоялся: его пропустила сторона { $side ->
        [client] клиента
       *[specialist] специалиста
    }. { $confirmer }, подтвердите или оспорьте это кнопками.
call-missed-confirm-button = Подтвердить: пропущен
call-missed-dispute-button = Оспорить
call-missed-too-early = Созвон { $number } назначен на { $at }; отметить его пропущенным можно только после этого.
call-missed-not-confirmed = Созвон { $number } так и не был подтверждён обеими сторонами, поэтому пропустить его нельзя.
call-missed-already = У созвона { $number } уже есть итоги или отметка о пропуске.
call-missed-who = Кто пропустил созвон { $number }? Напишите client (клиент) или specialist (специалист), например: /call missed C1 client
call-missed-only-other-side = Подтверждает или оспаривает другая сторона: { $confirmer }.
call-missed-nothing-to-judge = По созвону { $number } нет отметки о пропуске, которую можно подтвердить или оспорить.
call-missed-confirmed = { $by } подтверждает: созвон { $number } ({ $topic }, { $at }) пропустила сторона { $side ->
        [client] клиента
       *[specialist] специалиста
    }. Пропуск записан за ней.
call-missed-clause = В договоре сказано: { $clause }
call-missed-disputed = { $by } оспаривает, что созвон { $number } ({ $topic }) был пропущен; он не засчитывается, и итоги ещё можно написать.
status-missed-calls = Пропущено созвонов: стороной клиента — { $client }, стороной специалиста — { $specialist }.

## A cooling-off pause.
command-pause = Предложить паузу, например /pause 24h <причина>; другая сторона принимает
pause-proposed = { $by } предлагает паузу { $number } на { $length }. Пока она идёт, regbot не шлёт напоминаний и предупреждений и ничто не просрочивается: сроки и ожидаемый ответ сдвигаются на время паузы. { $answerer }, примите или отклоните её кнопками до { $lapses }; без ответа предложение тогда истечёт.
pause-proposed-because = { $by } предлагает паузу { $number } на { $length }: { $reason }. Пока она идёт, regbot не шлёт напоминаний и предупреждений и ничто не просрочивается: сроки и ожидаемый ответ сдвигаются на время паузы. { $answerer }, примите или отклоните её кнопками до { $lapses }; без ответа предложение тогда истечёт.
pause-accept-button = Принять паузу
pause-decline-button = Отклонить
pause-only-sides = Паузу предлагают и принимают только специалисты и контакт клиента.
pause-missing = Укажите, сколько должна длиться пауза, и, если хотите, почему. Например: /pause 24h Давайте оба возьмём день на раздумье
pause-unreadable = Не получилось прочитать «{ $given }» как длительность паузы. Напишите целое число с m, h или d (день — 24 часа), не больше чем { $longest }. Например: /pause 24h Давайте оба возьмём день на раздумье
pause-too-long = Пауза длится не больше чем { $longest }, а «{ $given }» — дольше. Например: /pause 24h Давайте оба возьмём день на раздумье
pause-already-running = Пауза уже идёт — до { $until }.
pause-awaiting = Пауза { $number } (предложил(а) { $by }) ещё ждёт ответа другой стороны кнопками под ней — до { $lapses }; { $by } может отозвать её кнопкой «Отклонить».
pause-only-other-side = На это предложение отвечает другая сторона: { $answerer }.
pause-answered = На паузу { $number } уже ответили.
pause-lapsed = Это предложение истекло без ответа ({ $at }); предложите новую паузу командой /pause.
pause-lapsed-note = Никто не ответил: предложение истекло ({ $at }) и не останавливает сроки. Если пауза ещё нужна, предложите новую командой /pause.
pause-declined = { $by } отклоняет паузу { $number }; сроки идут как прежде.
pause-withdrawn = { $by } отзывает предложенную паузу { $number }.
pause-accepted = { $by } принимает паузу { $number }: она идёт до { $until }. До тех пор regbot не шлёт напоминаний и предупреждений и ничто не просрочивается.
pause-answer-moved = Ответ на сообщение клиента от { $opened } теперь ожидается до { $to } вместо { $from }.
pause-ended = Пауза { $number } закончилась. { $people }: время ответа, сроки и напоминания снова идут.
status-pause-running = Пауза { $number } идёт до { $until }: без напоминаний и предупреждений, ничто не просрочивается.
status-pause-proposed = Паузу { $number } предложил(а) { $by }; она ждёт ответа другой стороны до { $lapses }.
help-contract =
    Договор (специалисты и контакт клиента):
    /paid 01.12.2026 <примечание>: отметить оплату; другая сторона подтверждает или оспаривает её
    /pause 24h <причина>: предложить паузу; другая сторона принимает или отклоняет её
    /call missed C1 client: подтверждённый созвон не состоялся; другая сторона подтверждает или оспаривает это
