## The manager on the specialist's side: escalations and the weekly summary, in private.
window-escalation = Escalation: in "{ $chat }" { $client } wrote { $opened } and the answer was due by { $due }; it is now late past the agreed margin and no specialist has answered. Specialists: { $specialists }.
manager-summary-title = Weekly summary of the chats you manage, { $now }
manager-summary-chat = "{ $chat }": { $opened ->
    [one] 1 question
   *[other] { $opened } questions
} in 7 days, { $onTime } answered on time, { $breached } late or unanswered, { $dismissed } needed no answer.
manager-summary-chat-quiet = "{ $chat }": no question waited for an answer in 7 days.
manager-summary-escalated = • Late enough to reach you: { $count }.
manager-summary-overdue-answer = • Overdue: the answer to the client, due by { $due }.
manager-summary-overdue-client = • Overdue from the client: { $number } ({ $what }), due by { $due }.
manager-summary-overdue-specialist = • Overdue from the specialist: { $number } ({ $what }), due by { $due }.
manager-summary-nothing-overdue = • Nothing is overdue on either side.
manager-summary-rating = • The client's rating: { $average } of 5 ({ $count } in 7 days).
