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
