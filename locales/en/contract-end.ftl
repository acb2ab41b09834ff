## The end of the contract.
contract-end-reminder = The contract ends after { $last }: { $days ->
        [one] one business day
       *[other] { $days } business days
    } of work are left. What is still open on each side:
contract-end-client-side = The client's side ({ $names }):
contract-end-specialist-side = The specialist's side ({ $names }):
contract-end-side-clear = • nothing open
contract-end-item = • { $number } ({ $what }), due { $due }
contract-end-item-delivered = • { $number } ({ $what }) delivered, waiting to be accepted
contract-end-item-answer = • an answer to the message of { $opened }, due { $due }
contract-ended = The contract's period ({ $from } to { $to }) is over. From now on regbot no longer counts answer times and sends no reminders or warnings; it keeps recording this chat as before.
contract-ended-accepted = The client never provided this information before the end, so by the regulation the service counts as rendered and accepted:
contract-ended-request = • { $number } ({ $what }), asked { $asked }: waited { $days ->
        [one] one business day
       *[other] { $days } business days
    }
contract-ended-clause = The contract says: { $clause }
status-contract-ends = The contract runs until { $last } inclusive.
status-contract-ended = The contract ended after { $last }: answer times and reminders have stopped; the record goes on.
status-contract-unprovided = { $count ->
        [one] One information request was
       *[other] { $count } information requests were
    } never provided: by the regulation the service counts as rendered and accepted.
rules-contract-ended = The contract ended after { $last }: answer times and reminders have stopped.
