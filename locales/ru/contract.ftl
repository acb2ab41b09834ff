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
