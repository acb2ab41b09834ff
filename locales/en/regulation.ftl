## Names of the regulation's settings, as people see them.
regulation-key-timezone = Time zone
regulation-key-hours = Contact hours
regulation-key-holidays = Holidays
regulation-key-response = Response time
regulation-key-warn-before = Warning before an answer is due
regulation-key-escalate-after = Escalation to the manager after the due time
regulation-key-info-deadline = Deadline for the client's information
regulation-key-revision-time = Time for revisions
regulation-key-call-reminder = Reminder before a call
regulation-key-digest = Weekly report
regulation-key-voice = Voice messages
regulation-key-transcribe = Automatic transcription of voice messages
regulation-key-language = Language
regulation-key-topic = Topic for reminders
regulation-key-contract = Contract
regulation-key-contract-sum = Contract sum
regulation-key-penalty = Penalty for a late stage
regulation-key-end-reminder = Reminder before the contract ends
regulation-key-work-start = Work starts after payment
regulation-key-missed-call = Contract clause on missed calls
regulation-key-publish-case = The specialist may publish the case
regulation-key-third-parties = Third parties may be involved

## Why a setting's value was refused, with a right example.
regulation-error-unknown-key = There is no setting called "{ $key }". The settings are: { $keys }.
regulation-error-empty-value = Please give a value for { $key }, for example: { $example }
regulation-error-timezone-unknown = I don't know the time zone "{ $value }". Please use a zone name such as Europe/Moscow, Europe/Madrid, America/Mexico_City or UTC.
regulation-error-hours-syntax = I could not read the hours "{ $value }". Write the days, then the times, for example: Mon-Fri 10:00-13:00,14:00-19:00; Sat 11:00-14:00 (or 24/7 for round the clock).
regulation-error-hours-no-days = The hours "{ $value }" do not say which days they are for. Put the days first, for example: Mon-Fri 10:00-19:00
regulation-error-hours-cross-midnight = The hours "{ $value }" cross midnight, which is not supported. Split them across two days, for example: { $suggestion }
regulation-error-hours-empty-interval = The hours "{ $value }" start and end at the same time, so they are empty. The end must be later than the start, for example: 10:00-19:00
regulation-error-hours-overlap =
    On { $day ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    } the hours { $first } and { $second } overlap. Please give each day intervals that do not overlap, for example: Mon-Fri 10:00-13:00,14:00-19:00
regulation-error-unknown-day = I don't know the day "{ $day }". Please use Mon, Tue, Wed, Thu, Fri, Sat or Sun (Пн…Вс and Lun…Dom work too).
regulation-error-impossible-time = "{ $time }" is not a time of day. Times run from 00:00 to 23:59, and 24:00 may end a day's hours, for example: 18:00-24:00
regulation-error-holidays-syntax = I could not read "{ $value }" as a date. Write dates as year-month-day and ranges with two dots, separated by commas, for example: 2026-12-31, 2027-01-01..2027-01-08 (or none for no holidays).
regulation-error-impossible-date = The date { $value } does not exist. Please check the day and the month, for example: 2027-02-28
regulation-error-reversed-range = The range { $from }..{ $to } ends before it starts. Please put the earlier date first: { $to }..{ $from }
regulation-error-duration-syntax = I could not read "{ $value }" as a duration. Write a whole number with a unit (m for minutes, h for hours, d for business days), for example: { $example }
regulation-error-duration-not-positive = "{ $value }" is not a duration longer than zero. Please give a positive one, for example: { $example }
regulation-error-duration-needs-days = This deadline is counted in business days, so "{ $value }" does not fit. Please write it in days, for example: { $example }
regulation-error-duration-needs-minutes = This is counted in minutes and hours, so "{ $value }" does not fit. Please write it in minutes or hours, for example: { $example }
regulation-error-warn-before-syntax = I could not read "{ $value }". Give a share of the response time, for example 20%, or how long before the answer is due, for example 15m.
regulation-error-warn-before-percent = The share "{ $value }" must be between 1% and 99% of the response time, for example: 20%
regulation-error-digest-syntax = I could not read the report time "{ $value }". Write a weekday and a time, for example: Fri 17:00 (or off for no weekly report).
regulation-error-not-a-choice = "{ $value }" is not one of the options. Please choose one of: { $choices }
regulation-error-transcription-not-offered = This regbot installation has no speech-to-text engine, so voice messages cannot be transcribed automatically here; transcription stays off. Whoever runs regbot can offer it by setting TRANSCRIBE_URL. Until then: /set transcribe off
regulation-error-topic-syntax = "{ $value }" is not a topic. Write general for the General topic, or the topic's number (its thread id), for example: 42
regulation-error-topic-not-forum = This group has no topics, so reminders cannot go to topic { $value }. Please turn on topics in the group settings first, or keep: general
regulation-error-contract-syntax = I could not read the contract "{ $value }". Write its period as start..end, then the clause to quote if you like, for example: 2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2). Write none to remove it.
regulation-error-contract-sum-syntax = I could not read the contract sum "{ $value }". Write an amount above zero and its currency, for example: 3000 EUR (or none to remove it).
regulation-error-penalty-syntax = I could not read the penalty "{ $value }". Write a share of the contract sum, a share per day late with business or calendar days, an optional cap, then the clause to quote, for example: 10% + 2%/day business max 30% clause 7.1 (or none to remove it).
regulation-no-contact-time = This would leave no contact hours in the coming 365 days, so no answer or deadline could ever fall due; nothing was changed. Keep contact hours every week and holidays shorter than a year, for example: /set holidays 2026-12-24..2027-01-06
regulation-holidays-too-long = The holidays { $from }..{ $to } last a year or more: while they run no answer or deadline could fall due, so nothing was changed. Keep holidays shorter than a year, for example: /set holidays 2026-12-24..2027-01-06
