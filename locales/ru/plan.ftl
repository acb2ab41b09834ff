plan-empty = В плане работ пока нет этапов. Специалист добавляет их, например: /plan add 10.12.2026 Анализ аудитории
plan-title = План работ: выполнено { $done } из { $total ->
        [one] { $total } этапа
       *[other] { $total } этапов
    }.
plan-line-done = ✓ { $number } { $title }: выполнен { $done } (срок — { $due })
plan-line-overdue = ⚠ { $number } { $title }: просрочен, срок был { $due }
plan-line-current = ▶ { $number } { $title }: срок — { $due }
plan-line-open = • { $number } { $title }: срок — { $due }
plan-added = { $number } добавлен в план работ: { $title }, срок — { $due }.
plan-renamed = { $number } переименован: «{ $from }» теперь «{ $to }».
plan-moved = { $number } ({ $title }) перенесён с { $from } на { $to }.
plan-move-unchanged = Срок { $number } ({ $title }) и так { $to }.
plan-done-on-time = { $number } ({ $title }) выполнен в срок. Отметил(а): { $by }.
plan-done-late = { $number } ({ $title }) выполнен через { $days ->
        [one] { $days } рабочий день
        [few] { $days } рабочих дня
       *[other] { $days } рабочих дней
    } после срока. Отметил(а): { $by }.
plan-already-done = { $number } уже выполнен.
plan-unknown = Я не знаю этапа «{ $given }». Укажите его номер, например: { $example }
plan-needs-title = Как называется этап? Напишите название после даты, например: /plan add 10.12.2026 Анализ аудитории
plan-rename-needs-title = Как теперь называется этап? Например: /plan rename S1 Исследование аудитории
plan-usage = План работ: /plan показывает его; специалисты пишут /plan add <дата> <название>, /plan rename <n> <название>, /plan move <n> <дата>, /plan done <n>. Например: /plan add 10.12.2026 Анализ аудитории
plan-example-add = /plan add 10.12.2026 Анализ аудитории
plan-example-rename = /plan rename S1 Исследование аудитории
plan-example-move = /plan move S1 15.12.2026
plan-example-done = /plan done S1
plan-done-button = { $number } выполнен
plan-done-only-specialists = Отмечать этапы выполненными может только специалист этого чата.
plan-no-specialist = специалист (ещё не назначен)
plan-reminder = Напоминание для { $specialists }: срок этапа { $number } ({ $title }) — { $due }.
plan-overdue = Срок этапа { $number } ({ $title }) — { $due } — прошёл, а этап не выполнен.
command-plan = План работ: этапы и сроки
help-plan =
    План работ:
    /plan: этапы и сроки
    /plan add 10.12.2026 Анализ аудитории, /plan rename S1 <название>, /plan move S1 <дата>, /plan done S1: специалисты ведут план
status-plan = План работ: выполнено { $done } из { $total ->
        [one] { $total } этапа
       *[other] { $total } этапов
    }.
status-plan-current = План работ: выполнено { $done } из { $total ->
        [one] { $total } этапа
       *[other] { $total } этапов
    }; сейчас { $number } ({ $title }), срок — { $due }.
status-stage-overdue = Просрочен этап: { $number } ({ $title }), срок был { $due }.
