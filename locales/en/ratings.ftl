## The client contact's rating of the work: the ask, the answer, and where ratings are shown.
rating-ask-revision = { $number } ({ $what }) is accepted. How would you rate the work on it?
rating-ask-monthly = How would you rate the work over the past month?
rating-ask-scale = Tap 1 (poor) to 5 (excellent); you can add a comment after.
rating-ask-private = "{ $chat }": { $question }
    { $scale }
rating-thanks-short = Thank you!
rating-thanks-private = Thank you! You rated the work in "{ $chat }" { $score } of 5.
    If you like, write a comment here within a day (or reply to this message), and it is passed on to the team.
rating-thanks-group = { $name } rated the work { $score } of 5. Thank you!
    { $name }, to add a comment, reply to this message.
rating-already = Your rating, { $score } of 5, is already recorded. Thank you!
rating-gone = This rating request is no longer open.
rating-only-client = Only { $client }, the client's contact, rates the work here. Thank you for understanding!
rating-comment-thanks = Thank you: your comment is recorded and passed on to the team.
rating-comment-thanks-group = Thank you, { $name }: your comment is recorded.
rating-occasion-revision = after { $number } ({ $what }) was accepted
rating-occasion-monthly = the monthly rating
rating-low = Low rating in "{ $chat }": { $client } rated the work { $score } of 5 ({ $occasion }). A word with the client may help.
rating-low-comment = { $client } commented on their rating of { $score } of 5 in "{ $chat }": { $comment }
rating-low-in-group = I have a note for you about this chat that I can only send privately. Tap the button to open a chat with me and read it.
rating-low-open-button = Read it privately
rating-link-unknown = This link leads to nothing I can show you.
rating-link-not-yours = This note is for the chat's specialists and manager only.
status-rating-latest = The client's latest rating: { $score } of 5, { $at }.
status-rating-comment = The client's comment: { $comment }
status-rating-average = Over 90 days: { $average } of 5 on average ({ $ratings }).
digest-ratings = The client's rating since { $from }: { $average } of 5 on average ({ $ratings }).
rating-count = { $count ->
        [one] { $count } rating
       *[other] { $count } ratings
    }
