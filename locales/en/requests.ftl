request-created = { $number }: { $what }
    Requested from { $client }. Due by { $due }, as the regulation's deadline for information.
request-provided-button = Provided
request-needs-text = What should the client provide? Write it after the command, for example: /request Access to the ad account (or reply to a message with /request).
request-unknown = I don't know the request "{ $given }". Give its number, for example: /provided R1
request-provided-only-client = Only the client's authorised contact (or a specialist confirming it) can mark a request provided.
request-already-provided = { $number } is already marked provided.
request-provided-on-time = { $number } provided by { $by }, on time. Thank you!
request-provided-late = { $number } provided by { $by }, { $days ->
    [one] 1 business day
   *[other] { $days } business days
  } after the deadline; the work waited that long.
request-no-client = the client's contact (not named yet)
request-reminder = Reminder for { $client }: { $number } ({ $what }) is due by { $due }.
request-overdue = { $number } ({ $what }) was due by { $due } and has not been provided. Under the regulation the specialist may pause the work until it arrives; the delay is being counted.
request-overdue-clause = The contract says: { $clause }
