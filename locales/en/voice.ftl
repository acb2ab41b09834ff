voice-nudge = Thanks, { $name }! Could you add a short text summary of this { $media ->
    [video_note] video message
    [audio] recording
   *[voice] voice message
  }? Text can be read at a glance, and it is the record both sides rely on. Just reply to it with a few lines.
voice-reminder = Reminder: { $count ->
    [one] your voice message
   *[other] your { $count } voice messages
  } in "{ $chat }" from { $sent } still { $count ->
    [one] has
   *[other] have
  } no text summary. Please reply to { $count ->
    [one] it
   *[other] them
  } with a few lines of text, so both sides have it in writing.
voice-reminder-in-group = { $count ->
    [one] your voice message
   *[other] your { $count } voice messages
  } from { $sent } still { $count ->
    [one] has
   *[other] have
  } no text summary. Please reply with a few lines of text, so both sides have it in writing.
voice-transcript-linked = Thank you! The text is now linked to the voice message in the record.
voice-transcript-already = This voice message already has a text summary in the record.
voice-transcript-usage = Reply to a voice message with /transcript and its summary, for example: /transcript We move the launch to Monday; the budget stays the same.
voice-machine-transcript = 🤖 Automatic transcript of this { $media ->
    [video_note] video message
    [audio] recording
   *[voice] voice message
  }, made by a machine ({ $model }). It may contain mistakes and is not the record:
voice-machine-transcript-check = { $name }, please check it and reply to your voice message with the text in your own words (copy the transcript if it is right): your text is the record both sides rely on.
voice-transcription-notice = From now on regbot sends this chat's voice messages, video messages and recordings to { $engine } for an automatic transcript, posted here and labelled as machine-made. Only the sender's own text counts as the record. To stop: /set transcribe off
