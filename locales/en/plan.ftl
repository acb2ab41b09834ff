plan-empty = The work plan has no stages yet. A specialist adds them, for example: /plan add 2026-12-10 Audience analysis
plan-title = Work plan: { $done } of { $total ->
        [one] { $total } stage
       *[other] { $total } stages
    } done.
plan-line-done = ✓ { $number } { $title }: done { $done } (due by { $due })
plan-line-overdue = ⚠ { $number } { $title }: overdue, was due by { $due }
plan-line-current = ▶ { $number } { $title }: due by { $due }
plan-line-open = • { $number } { $title }: due by { $due }
plan-added = { $number } added to the work plan: { $title }, due by { $due }.
plan-renamed = { $number } renamed: "{ $from }" is now "{ $to }".
plan-moved = { $number } ({ $title }) moved from { $from } to { $to }.
plan-move-unchanged = { $number } ({ $title }) is already due by { $to }.
plan-done-on-time = { $number } ({ $title }) done, on time. Marked by { $by }.
plan-done-late = { $number } ({ $title }) done, { $days ->
        [one] one business day
       *[other] { $days } business days
    } after its deadline. Marked by { $by }.
plan-already-done = { $number } is already done.
plan-unknown = I don't know the stage "{ $given }". Give its number, for example: { $example }
plan-needs-title = What is the stage called? Write it after the date, for example: /plan add 2026-12-10 Audience analysis
plan-rename-needs-title = What is the stage's new name? For example: /plan rename S1 Audience research
plan-usage = The work plan: /plan shows it; specialists use /plan add <date> <title>, /plan rename <n> <title>, /plan move <n> <date>, /plan done <n>. For example: /plan add 2026-12-10 Audience analysis
plan-example-add = /plan add 2026-12-10 Audience analysis
plan-example-rename = /plan rename S1 Audience research
plan-example-move = /plan move S1 2026-12-15
plan-example-done = /plan done S1
plan-done-button = { $number } is done
plan-done-only-specialists = Only a specialist of this chat marks stages done.
plan-no-specialist = the specialist (not named yet)
plan-reminder = Reminder for { $specialists }: stage { $number } ({ $title }) is due by { $due }.
plan-overdue = Stage { $number } ({ $title }) was due by { $due } and is not done yet.
command-plan = The work plan: stages and deadlines
help-plan =
    The work plan:
    /plan: its stages and deadlines
    /plan add 2026-12-10 Audience analysis, /plan rename S1 <title>, /plan move S1 <date>, /plan done S1: specialists keep it up to date
status-plan = Work plan: { $done } of { $total ->
        [one] { $total } stage
       *[other] { $total } stages
    } done.
status-plan-current = Work plan: { $done } of { $total ->
        [one] { $total } stage
       *[other] { $total } stages
    } done; now { $number } ({ $title }), due by { $due }.
status-stage-overdue = Overdue stage: { $number } ({ $title }), due by { $due }.
