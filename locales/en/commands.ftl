command-start = What regbot is and how to add it to a client group
command-help = What you can do here
command-rules = The agreed rules of this chat
command-set = Change one setting (specialists)
command-setup = Set up the rules step by step (specialists)
command-client = Name the client's authorised contact (specialists)
command-specialist = Name another specialist (specialists)
command-observer = Name an observer on the specialist's side (specialists)
command-unassign = Take a person's role away (specialists)
command-claim = Become the specialist when nobody is (administrators)
help-everyone =
    In this chat anyone can use:
    /rules: the agreed rules, who the specialists are and who the client's contact is
    /status: what is open and how answers went
    /digest: the status digest now
    /transcript <text>: as a reply to a voice message, its text summary
    /provided R1: the client's contact marks requested information provided
    /checkpoint: post the record's checkpoint now, for both sides to keep
    /revision <what>: the client's contact asks for changes; the due date follows the regulation
    /accept V1, /reopen V1 <what>: the client's contact answers a delivered revision
    /export 2026-11-01..2026-11-30: specialists and the client's contact receive this chat's record privately, as a bundle anyone can verify (without dates: the whole history)
    /help: this list
help-specialist =
    As a specialist you can also:
    /setup: set up the rules step by step in a private chat with me
    /diagnose: check that I see every message, can post, and that the contact, hours, zone and report were chosen (the manager may too)
    /request <what>: ask the client for information; the deadline follows the regulation
    /estimate V1 3d <reason>: give a revision another estimate
    /delivered V1: mark a revision delivered
    /shift R1: move your deadlines by the time the work waited on a late request
    /set <setting> <value>: change one setting, e.g. /set response 2h
    /client, /specialist, /observer, /manager, /unassign: as a reply to the person's message, or with their @username
help-claim = Nobody is the specialist yet: an administrator can take the role with /claim.
help-private =
    I keep a client group to the communication rules agreed between a marketing specialist and the client.
    Add me to the group you share with your client and make me an administrator; whoever adds me becomes the specialist.
    /chats: your chats, what needs attention first
    /start: what regbot is and how to add it to a client group
    In the group, /help lists what each person can do.
command-request = Ask the client for information, with its deadline (specialists)
command-provided = Mark a requested item provided, e.g. /provided R1
command-transcript = Give a voice message its text summary (as a reply to it)
command-checkpoint = Post the record's checkpoint now, for both sides to keep
command-export = Your copy of this chat's record, privately (specialists, client contact)
command-manager = Name the manager on the specialist's side (reply or @username)
