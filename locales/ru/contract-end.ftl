## The end of the contract.
contract-end-reminder = Договор заканчивается после { $last }: { $days ->
        [one] остался { $days } рабочий день
        [few] осталось { $days } рабочих дня
       *[other] осталось { $days } рабочих дней
    } работы. Что ещё не закрыто у каждой стороны:
contract-end-client-side = Сторона клиента ({ $names }):
contract-end-specialist-side = Сторона специалиста ({ $names }):
contract-end-side-clear = • ничего не открыто
contract-end-item = • { $number } ({ $what }), срок { $due }
contract-end-item-delivered = • { $number } ({ $what }) сдана, ждёт приёмки
contract-end-item-answer = • ответ на сообщение от { $opened }, срок { $due }
contract-ended = Срок договора ({ $from } — { $to }) истёк. С этого момента regbot не считает время ответа и не присылает напоминаний и предупреждений; запись переписки в этом чате продолжается.
contract-ended-accepted = Клиент так и не предоставил эту информацию до окончания договора, поэтому по регламенту услуга считается оказанной и принятой:
contract-ended-request = • { $number } ({ $what }), запрошено { $asked }: ожидание { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[other] рабочих дней
    }
contract-ended-clause = В договоре сказано: { $clause }
status-contract-ends = Договор действует по { $last } включительно.
status-contract-ended = Договор закончился после { $last }: время ответа не считается, напоминания остановлены; запись продолжается.
status-contract-unprovided = { $count ->
        [one] { $count } запрос информации так и не был выполнен
        [few] { $count } запроса информации так и не были выполнены
       *[other] { $count } запросов информации так и не были выполнены
    }: по регламенту услуга считается оказанной и принятой.
rules-contract-ended = Договор закончился после { $last }: время ответа не считается, напоминания остановлены.
