command-status = What is open and how answers went
command-digest = The status digest now
command-chats = Your chats, what needs attention first
status-title = Status of "{ $chat }", { $now }
status-waiting = Waiting for an answer: the client wrote { $opened }; the answer is due by { $due }.
status-overdue = Overdue: the client wrote { $opened }; the answer was due by { $due }.
status-period = Since { $from }: { $opened ->
        [one] { $opened } question
       *[other] { $opened } questions
    }, { $onTime ->
        [one] { $onTime } answered on time
       *[other] { $onTime } answered on time
    }, { $breached ->
        [one] { $breached } late or unanswered
       *[other] { $breached } late or unanswered
    }.
status-median = Median answer time: { $minutes ->
        [one] { $minutes } business minute
       *[other] { $minutes } business minutes
    }.
status-next-digest = Next digest: { $at }.
status-specialists = Specialists: { $names }
status-manager = Manager: { $names }
status-client = Client contact: { $name }
digest-title = Weekly digest for "{ $chat }"
digest-period = Since { $from }: { $opened ->
        [one] { $opened } question
       *[other] { $opened } questions
    }, { $onTime ->
        [one] { $onTime } answered on time
       *[other] { $onTime } answered on time
    }, { $breached ->
        [one] { $breached } late or unanswered
       *[other] { $breached } late or unanswered
    }.
digest-quiet = Since { $from } no question waited for an answer.
digest-ack-note = The specialist and the client contact can acknowledge this digest with the button.
digest-ack-button = Acknowledge
digest-acknowledged = Thank you, { $name }: your acknowledgement is recorded.
digest-ack-already = Your acknowledgement of this digest is already recorded.
digest-ack-only = Only the specialists and the client contact acknowledge the digest.
digest-ack-unknown = This digest was never posted in this chat, so there is nothing to acknowledge.
chats-title = Your chats, what needs attention first. Tap one to see its status.
chats-none = You do not follow any chat with regbot: you are not a specialist, the client contact or an observer in one. A specialist adds regbot to a group, names observers there with /observer, and the client contact is confirmed there with /client.
chats-breached = { $count ->
        [one] { $count } late
       *[other] { $count } late
    }
chats-waiting = waiting for an answer
chats-not-yours = That chat is not one of yours, so its status is not shown.
chats-page = Page { $page } of { $pages }
chats-previous = ‹ Previous
chats-next = Next ›
chats-page-moved = Your list of chats has changed since: this is page { $page } now.
chats-none-now = You no longer follow any chat with regbot.
status-request = The client owes { $number } ({ $what }), due by { $due }.
status-request-overdue = Overdue from the client: { $number } ({ $what }), due by { $due }; the work waits on it.
status-voices = { $count ->
        [one] { $count } voice message still has no text summary.
       *[other] { $count } voice messages still have no text summary.
    }
digest-settled-title = Settled in this period:
digest-settled-request = { $number } ({ $what }) provided { $late ->
    [0] on time
    [one] 1 business day late
   *[other] { $late } business days late
  }.
digest-settled-revision = { $number } ({ $what }) delivered.
digest-settled-stage = { $number } ({ $what }) completed.
digest-settled-call = { $number } ({ $what }) held and minuted.
digest-client-record = The client's record: { $provided ->
        [one] { $provided } information request provided
       *[other] { $provided } information requests provided
    }, { $onTime ->
        [one] { $onTime } on time
       *[other] { $onTime } on time
    }, { $late ->
        [one] { $late } late
       *[other] { $late } late
    }; the work waited { $days ->
        [one] { $days } business day
       *[other] { $days } business days
    } on them.
digest-chart-title = Median answer time per day; five blocks are the agreed { $agreed ->
        [one] { $agreed } business minute
       *[other] { $agreed } business minutes
    }:
digest-chart-row = { $day } { $bar } { $minutes } min
digest-chart-row-late = { $day } { $bar } { $minutes } min, later than agreed
