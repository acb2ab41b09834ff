role-granted-specialist = { $name } is now a specialist in this chat (named by { $by }).
role-granted-observer = { $name } is now an observer in this chat (named by { $by }): they are on the specialist's side, and regbot neither redirects them nor takes their messages as requests.
role-already = { $name } already has that role.
role-none = { $name } has no role in this chat.
role-revoked-specialist = { $name } is no longer a specialist in this chat ({ $by } made the change).
role-revoked-observer = { $name } is no longer an observer in this chat ({ $by } made the change).
role-revoked-client = { $name } is no longer the authorised client contact ({ $by } made the change). Specialists: please name a new one with /client.
role-last-specialist = { $name } is the only specialist, and a chat needs one. Name another specialist first with /specialist.
role-whom = Whom do you mean? Reply to one of the person's messages with { $command }, or mention them: { $command } @username
role-unknown-username = I have not seen @{ $username } write in this chat yet, and Telegram does not let bots look people up by username. Reply to one of their messages with { $command } instead.
role-username-shared = { $count ->
        [one] { $count } person in this chat has gone
       *[other] { $count } people in this chat have gone
    } by @{ $username }; I took { $name } (id { $id }), the one seen here most recently. If you meant someone else, reply to one of their messages with { $command }.
role-not-for-bots = Bots cannot hold roles in a chat.
client-nominated = { $by } names { $name } as the authorised client contact: comments and requests are discussed with this person only. { $name }, please confirm with the button below.
client-confirm-button = I confirm I am the contact
client-confirm-only = Only { $name } can confirm this.
client-nomination-stale = This request is no longer open.
client-confirmed-short = Confirmed.
client-confirmed = { $name } confirmed: from now on { $name } is the authorised client contact in this chat.
contact-left = { $name }, the authorised client contact, has left the chat. Reminders addressed to them are paused. Specialists: please name a new contact by replying to their message with /client.
redirect-to-contact = Thank you, { $name }! As agreed, requests and comments in this chat go through { $contact }, the client's authorised contact. Please pass this on through { $contact }.
role-revoked-manager = { $name } is no longer the manager of this chat ({ $by } made the change).
manager-nominated = { $by } names { $name } as the manager on the specialist's side: they will hear privately when an answer is late past the agreed margin and get a weekly summary of their chats, and they can read everything a specialist can but change nothing. { $name }, please confirm with the button below.
manager-confirm-button = I confirm I am the manager
manager-confirmed = { $name } confirmed: from now on { $name } is the manager of this chat. { $name }, start a private chat with me so I can write to you.
