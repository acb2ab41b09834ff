intro =
    Hello! I am regbot. I keep this chat to the communication rules agreed between the specialist and the client: contact hours, response times, deadlines on both sides, revisions, calls and reports.

    Please note: the correspondence in this chat is recorded as binding. Every message, edit and file reference is kept in order, in a tamper-evident log that can be exported for a dispute. Deleting a message in Telegram does not remove it from the record.
intro-specialist = { $name } added me, so { $name } is the specialist here.
intro-claim = I could not tell who added me. A chat administrator who is the specialist can send /claim to take that role.
privacy-warning =
    Warning: I cannot see all messages in this chat, so the record is incomplete from now on.
    To fix it, make me an administrator of this group, or turn off privacy mode in @BotFather (/setprivacy → Disable) and add me again.
regbot-returned = I am back: { $name } added me again. I was away from { $from } to { $to } ({ $away }); messages written in that time are not in the record. Roles and the regulation are as they were.
regbot-returned-gap-unknown = I am back: { $name } added me again. I did not learn when I was removed, so the record may miss messages from before now. Roles and the regulation are as they were.
visibility-restored = I can now see every message in this chat: the record is complete again.
claim-done = { $name } is now the specialist in this chat.
claim-already = This chat already has a specialist.
claim-not-admin = Only a chat administrator who is not anonymous can claim the specialist role. Turn off "Remain anonymous" in your admin rights and send /claim again.
start-private =
    Hello! I am regbot, a bot that holds a marketing specialist and their client to the communication rules they agreed.

    To use me, add me to the group you share with your client (group menu → Add members → search for me), then make me an administrator so I can see every message. The person who adds me becomes the specialist.
start-unknown-link = This link is no longer valid. Here is what I do instead:
error-generic = Sorry, something went wrong while handling that. It has been recorded; please try again in a minute.
error-no-contact-time = I could not work out a time for that: the regulation leaves no contact hours ahead. A specialist can fix it with /set hours or /set holidays (see /rules).
outbox-undelivered = I could not deliver a message in "{ $chat }": Telegram refused it or gave no definite answer for an hour. It is recorded in the chat's log as undelivered; please pass it on yourself if it matters:
    { $text }
