import type { Chat, ChatMember, Update, User } from "grammy/types";

/** Small builders for Telegram updates, so tests read as scenarios. */
export const BOT_ID = 7000001;

export const specialist: User = {
  id: 501,
  is_bot: false,
  first_name: "Sofía",
  last_name: "Marketing",
  username: "sofia_smm",
  language_code: "es",
};
export const client: User = { id: 601, is_bot: false, first_name: "Ivan", language_code: "ru" };
export const bystander: User = { id: 701, is_bot: false, first_name: "Cousin", language_code: "en" };

export function group(id = -1001234567890, title = "Acme × Sofía"): Chat.SupergroupChat {
  return { id, type: "supergroup", title };
}

export function message(
  chat: Chat,
  from: User,
  text: string,
  extra: Partial<NonNullable<Update["message"]>> = {},
): Omit<Update, "update_id"> {
  return {
    message: { message_id: nextMessageId(), date: 1_790_000_000, chat, from, text, ...extra } as Update["message"],
  };
}

export function edit(
  original: Omit<Update, "update_id">,
  text: string,
  editDate = 1_790_000_100,
): Omit<Update, "update_id"> {
  return { edited_message: { ...original.message!, text, edit_date: editDate } as Update["edited_message"] };
}

export function botAdded(
  chat: Chat,
  by: User,
  status: "member" | "administrator" = "member",
): Omit<Update, "update_id"> {
  return {
    my_chat_member: {
      chat,
      from: by,
      date: 1_790_000_000,
      old_chat_member: { status: "left", user: botUser() },
      new_chat_member: memberWithStatus(status),
    },
  };
}

export function botStatusChanged(
  chat: Chat,
  by: User,
  from: "member" | "administrator",
  to: "member" | "administrator" | "left" | "kicked",
): Omit<Update, "update_id"> {
  return {
    my_chat_member: {
      chat,
      from: by,
      date: 1_790_000_050,
      old_chat_member: memberWithStatus(from),
      new_chat_member: memberWithStatus(to),
    },
  };
}

function memberWithStatus(status: "member" | "administrator" | "left" | "kicked"): ChatMember {
  const user = botUser();
  switch (status) {
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: false,
        can_manage_video_chats: false,
        can_restrict_members: false,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: false,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
      } as ChatMember;
    case "kicked":
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}

function botUser(): User {
  return { id: BOT_ID, is_bot: true, first_name: "regbot", username: "regbot_test_bot" };
}

let messageCounter = 1;
function nextMessageId(): number {
  messageCounter += 1;
  return messageCounter;
}

/** Gives a complete update an id, for code that takes updates directly. */
export function withId(updateId: number, update: Omit<Update, "update_id">): Update {
  return { update_id: updateId, ...update };
}
