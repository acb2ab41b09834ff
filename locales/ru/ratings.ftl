## Оценка работы контактом клиента: просьба, ответ и где оценки видны.
rating-ask-revision = { $number } ({ $what }) принята. Как вы оцените работу над ней?
rating-ask-monthly = Как вы оцените работу за прошедший месяц?
rating-ask-scale = Нажмите от 1 (плохо) до 5 (отлично); потом можно добавить комментарий.
rating-ask-private = «{ $chat }»: { $question }
    { $scale }
rating-thanks-short = Спасибо!
rating-thanks-private = Спасибо! Вы оценили работу в «{ $chat }» на { $score } из 5.
    Если хотите, напишите здесь комментарий в течение суток (или ответьте на это сообщение) — он будет передан команде.
rating-thanks-group = { $name } оценивает работу на { $score } из 5. Спасибо!
    { $name }, чтобы добавить комментарий, ответьте на это сообщение.
rating-already = Ваша оценка, { $score } из 5, уже записана. Спасибо!
rating-gone = Эта просьба об оценке уже не действует.
rating-only-client = Оценивает работу здесь только { $client }, контакт клиента. Спасибо за понимание!
rating-comment-thanks = Спасибо: ваш комментарий записан и передан команде.
rating-comment-thanks-group = Спасибо, { $name }: ваш комментарий записан.
rating-occasion-revision = после того как { $number } ({ $what }) была принята
rating-occasion-monthly = ежемесячная оценка
rating-low = Низкая оценка в «{ $chat }»: { $client } оценивает работу на { $score } из 5 ({ $occasion }). Стоит поговорить с клиентом.
rating-low-comment = { $client } прокомментировал(а) свою оценку { $score } из 5 в «{ $chat }»: { $comment }
rating-low-in-group = у меня есть для вас сообщение об этом чате, которое я могу отправить только лично. Нажмите кнопку, чтобы открыть чат со мной и прочитать его.
rating-low-open-button = Прочитать лично
rating-link-unknown = По этой ссылке мне нечего вам показать.
rating-link-not-yours = Это сообщение только для специалистов и менеджера чата.
status-rating-latest = Последняя оценка клиента: { $score } из 5, { $at }.
status-rating-comment = Комментарий клиента: { $comment }
status-rating-average = За 90 дней: в среднем { $average } из 5 ({ $ratings }).
digest-ratings = Оценка клиента с { $from }: в среднем { $average } из 5 ({ $ratings }).
rating-count = { $count ->
        [one] { $count } оценка
        [few] { $count } оценки
       *[other] { $count } оценок
    }
