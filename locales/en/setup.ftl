## The guided setup: offered in the group, held in a private chat.
setup-offer = Let's go through this chat's regulation step by step in a private chat, so the group is not flooded with questions. When you apply the changes, I'll post one summary here.
setup-offer-button = Open the setup in a private chat

setup-refused = Only a specialist of that chat can set up its regulation. If you are one, send /setup in the group again and use the new button.
setup-chat-gone = I can no longer find that chat, or I am no longer in it, so there is nothing to set up.
setup-intro = Setting up the regulation of "{ $chat }". I'll ask about { $count ->
        [one] { $count } setting
       *[other] { $count } settings
    }, one at a time: tap a button or type a value. Nothing changes in the group until you apply it at the end; /cancel leaves at any time.
setup-question =
    Step { $step } of { $total }. { $setting }
    Now: { $current }
setup-hint-language = Which language should I speak in the group?
setup-hint-timezone = Which time zone do contact hours and deadlines follow? If yours is not listed, type its name, for example: Europe/Berlin
setup-hint-hours = When can the client expect answers? Write the days, then the times, for example: Mon-Fri 10:00-13:00,14:00-19:00; Sat 11:00-14:00
setup-hint-holidays = Days off besides the weekly ones, as dates and ranges, for example: 2026-12-31, 2027-01-01..2027-01-08. "none" clears them.
setup-hint-response = How soon do you answer the client? In contact hours (m, h) or business days (d), for example: 1h30m
setup-hint-escalate-after = How long past the due time may an answer wait before your manager hears of it privately? In contact hours (m, h) or business days (d), for example: 30m, or off. A specialist names the manager in the group with /manager.
setup-hint-info-deadline = How many business days does the client have to provide information and access? For example: 3d
setup-hint-revision-time = How many business days do you need for revisions? For example: 2d
setup-hint-digest = When should I post the weekly status report? A weekday and a time, for example: Fri 17:00, or off for none.
setup-hint-voice = When someone sends a voice message, should I ask for a text version (nudge) or say nothing (off)?
setup-hint-topic = Which topic should reminders and reports go to? "general", or the topic's number (its thread id), for example: 42
setup-hint-contract = The contract's period, then the clause to quote when information is late, for example: 2026-12-01..2027-02-28 If information is late, work pauses (clause 5.2). "none" removes it.
setup-hint-contract-sum = What is the contract worth? An amount and its currency, for example: 3000 EUR. "none" if you'd rather not say.
setup-hint-penalty = What does the contract give for a late stage? For example: 10% + 2%/day business max 30% clause 7.1 (a share of the sum, a share per day late, business or calendar days, an optional cap, the clause). "none" if nothing.
setup-hint-end-reminder = How many business days before the contract ends should both sides hear what is still open? For example: 5d, or off.
setup-hint-work-start = How many business days after the payment does work start? For example: 3d
setup-hint-missed-call = What does the contract say about a missed call? I quote it when one is missed, for example: A missed call is charged at 50 EUR (clause 8.2). "none" if nothing.
setup-hint-publish-case = May you publish the case? yes, no, or ask (only with the client's written consent).
setup-hint-third-parties = May third parties (subcontractors, colleagues) be involved? yes, no, or ask (only with the client's written consent).
setup-keep = Keep the current value
setup-answer = ✓ { $value }
setup-language-en = English
setup-language-ru = Русский
setup-language-es = Español
setup-text-only = Please tap one of the buttons or type the value as text. /cancel leaves the setup without changing anything.
setup-button-expired = This button belongs to an earlier question.
setup-summary = Here is what will change in "{ $chat }":
setup-summary-confirm = Apply these changes? I'll post one summary in the group.
setup-apply = Apply
setup-cancel = Cancel
setup-choose-apply = Please tap Apply to change the regulation, or Cancel to leave it as it is.
setup-no-changes = You kept every setting, so the regulation of "{ $chat }" stays as it is.
setup-applied = Done: the regulation of "{ $chat }" is updated, and I told the group what changed.
setup-applied-nothing = Nothing to apply: the regulation of "{ $chat }" already has these values.
setup-no-longer-specialist = You are no longer a specialist of "{ $chat }", so I did not change its regulation.
setup-cancelled = Setup cancelled; nothing was changed.
setup-nothing-to-cancel = There is no setup in progress. To start one, send /setup in your group.
