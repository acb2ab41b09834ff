import type { Message } from "grammy/types";

/** Fields whose presence makes a message a service message, in the order they are checked. */
const SERVICE_FIELDS = [
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "group_chat_created",
  "supergroup_chat_created",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
  "pinned_message",
  "message_auto_delete_timer_changed",
  "forum_topic_created",
  "forum_topic_edited",
  "forum_topic_closed",
  "forum_topic_reopened",
  "general_forum_topic_hidden",
  "general_forum_topic_unhidden",
  "video_chat_scheduled",
  "video_chat_started",
  "video_chat_ended",
  "video_chat_participants_invited",
  "users_shared",
  "chat_shared",
  "write_access_allowed",
  "boost_added",
  "chat_background_set",
] as const;

export function serviceSubtype(message: Message): string | undefined {
  return SERVICE_FIELDS.find((field) => message[field as keyof Message] !== undefined);
}
