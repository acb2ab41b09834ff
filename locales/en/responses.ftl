the-specialist = The specialist
the-client = the client
out-of-hours = Thank you! { $specialist } answers during contact hours: { $hours }, { $timezone } time. Expect an answer by { $due }.
window-warning = Reminder: { $client } is waiting for an answer in "{ $chat }". It is due by { $due }.
window-warning-in-group = { $client } is waiting for an answer, due by { $due }.
window-breach = The answer to { $client } in "{ $chat }" was due by { $due } and has not been given: the delay is recorded.
window-breach-in-group = the answer to { $client } was due by { $due } and has not been given: the delay is recorded.
