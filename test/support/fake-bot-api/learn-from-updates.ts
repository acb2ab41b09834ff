/** What a pushed update tells the fake about the world: chats, messages, memberships, pending button presses. */
import type { Message, Update } from "grammy/types";
import type { CallbackQueries } from "./callback-queries.js";
import type { Chats } from "./chats.js";
import type { Messages } from "./messages.js";

export interface World {
  chats: Chats;
  messages: Messages;
  callbackQueries: CallbackQueries;
}

/** Keeps the fake's world consistent with what a pushed update implies. */
export function learnFromUpdate(update: Update, { chats, messages, callbackQueries }: World): void {
  const carried = [
    update.message,
    update.edited_message,
    update.channel_post,
    update.edited_channel_post,
    update.business_message,
    update.callback_query?.message,
  ];
  for (const message of carried) {
    if (!message || message.date === 0) continue; // date 0 = inaccessible message
    chats.rememberChat(message.chat);
    messages.remember(message as Message, false);
  }
  const privateChat = update.message?.chat ?? update.callback_query?.message?.chat;
  if (privateChat?.type === "private") chats.userWroteToBot(privateChat.id);

  if (update.callback_query) callbackQueries.arrived(update.callback_query.id);
  const myMembership = update.my_chat_member;
  if (myMembership) chats.applyMyChatMember(myMembership.chat, myMembership.new_chat_member);
  if (update.chat_member) chats.setChatMember(update.chat_member.chat.id, update.chat_member.new_chat_member);
  const otherChat = update.chat_join_request?.chat ?? update.chat_member?.chat;
  if (otherChat) chats.rememberChat(otherChat);
}
