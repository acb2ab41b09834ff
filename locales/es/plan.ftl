plan-empty = El plan de trabajo aún no tiene etapas. Un especialista las añade, por ejemplo: /plan add 10/12/2026 Análisis de audiencia
plan-title = Plan de trabajo: { $done } de { $total ->
        [one] { $total } etapa hecha
       *[other] { $total } etapas hechas
    }.
plan-line-done = ✓ { $number } { $title }: hecha { $done } (plazo: { $due })
plan-line-overdue = ⚠ { $number } { $title }: vencida, el plazo era { $due }
plan-line-current = ▶ { $number } { $title }: plazo { $due }
plan-line-open = • { $number } { $title }: plazo { $due }
plan-added = { $number } añadida al plan de trabajo: { $title }, plazo { $due }.
plan-renamed = { $number } renombrada: «{ $from }» ahora es «{ $to }».
plan-moved = { $number } ({ $title }) se mueve de { $from } a { $to }.
plan-move-unchanged = El plazo de { $number } ({ $title }) ya es { $to }.
plan-done-on-time = { $number } ({ $title }) hecha a tiempo. La marcó { $by }.
plan-done-late = { $number } ({ $title }) hecha { $days ->
        [one] un día hábil
       *[other] { $days } días hábiles
    } después de su plazo. La marcó { $by }.
plan-already-done = { $number } ya está hecha.
plan-unknown = No conozco la etapa «{ $given }». Indica su número, por ejemplo: { $example }
plan-needs-title = ¿Cómo se llama la etapa? Escríbelo después de la fecha, por ejemplo: /plan add 10/12/2026 Análisis de audiencia
plan-rename-needs-title = ¿Cuál es el nuevo nombre de la etapa? Por ejemplo: /plan rename S1 Estudio de audiencia
plan-usage = El plan de trabajo: /plan lo muestra; los especialistas usan /plan add <fecha> <título>, /plan rename <n> <título>, /plan move <n> <fecha>, /plan done <n>. Por ejemplo: /plan add 10/12/2026 Análisis de audiencia
plan-example-add = /plan add 10/12/2026 Análisis de audiencia
plan-example-rename = /plan rename S1 Estudio de audiencia
plan-example-move = /plan move S1 15/12/2026
plan-example-done = /plan done S1
plan-done-button = { $number } hecha
plan-done-only-specialists = Solo un especialista de este chat marca etapas como hechas.
plan-no-specialist = el especialista (aún sin nombrar)
plan-reminder = Recordatorio para { $specialists }: la etapa { $number } ({ $title }) vence { $due }.
plan-overdue = La etapa { $number } ({ $title }) vencía { $due } y aún no está hecha.
command-plan = El plan de trabajo: etapas y plazos
help-plan =
    El plan de trabajo:
    /plan: sus etapas y plazos
    /plan add 10/12/2026 Análisis de audiencia, /plan rename S1 <título>, /plan move S1 <fecha>, /plan done S1: los especialistas lo mantienen al día
status-plan = Plan de trabajo: { $done } de { $total ->
        [one] { $total } etapa hecha
       *[other] { $total } etapas hechas
    }.
status-plan-current = Plan de trabajo: { $done } de { $total ->
        [one] { $total } etapa hecha
       *[other] { $total } etapas hechas
    }; ahora { $number } ({ $title }), plazo { $due }.
status-stage-overdue = Etapa vencida: { $number } ({ $title }), plazo { $due }.
