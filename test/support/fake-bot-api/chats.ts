/** Chats, who is in them and whether the bot may write there: getChat, getChatMember, leaveChat and friends. */
import type { Chat, ChatFullInfo, ChatMember, User, UserFromGetMe } from "grammy/types";
import { badRequest, forbidden, type Methods, type Params } from "./api.js";
import { botAsUser } from "./bot-user.js";
import { integerParam } from "./params.js";
import type { FakeChatInfo } from "./types.js";

export class Chats {
  private readonly chats = new Map<number, FakeChatInfo>();
  private readonly members = new Map<number, Map<number, ChatMember>>();
  private readonly startedBy = new Set<number>();
  private readonly blockedBy = new Set<number>();
  private readonly kickedFrom = new Set<number>();
  private readonly leftChats = new Set<number>();
  private readonly migrations = new Map<number, number>();

  readonly methods: Methods = {
    getChat: (params) => this.getChat(params),
    getChatMember: (params) => this.getChatMember(params),
    getChatAdministrators: (params) => this.getChatAdministrators(params),
    leaveChat: (params) => this.leaveChat(params),
  };

  constructor(private readonly botUser: () => UserFromGetMe) {}

  userStartedBot(userId: number): void {
    this.startedBy.add(userId);
    this.blockedBy.delete(userId);
    if (!this.chats.has(userId)) this.chats.set(userId, { id: userId, type: "private", first_name: `User ${userId}` });
  }

  /** A user wrote to the bot, which they can only do after pressing Start. */
  userWroteToBot(userId: number): void {
    this.startedBy.add(userId);
  }

  userBlockedBot(userId: number): void {
    this.blockedBy.add(userId);
  }

  setChatMember(chatId: number, member: ChatMember): void {
    const chatMembers = this.members.get(chatId) ?? new Map<number, ChatMember>();
    chatMembers.set(member.user.id, member);
    this.members.set(chatId, chatMembers);
    if (member.user.id === this.botUser().id) this.applyBotMembership(chatId, member.status);
  }

  setChat(chat: FakeChatInfo): void {
    this.chats.set(chat.id, { ...chat });
  }

  kickBotFrom(chatId: number): void {
    this.setChatMember(chatId, { status: "kicked", user: botAsUser(this.botUser()), until_date: 0 });
  }

  migrateChat(oldChatId: number, newChatId: number): void {
    this.migrations.set(oldChatId, newChatId);
    const old = this.chats.get(oldChatId);
    const title = old?.title ?? `Chat ${newChatId}`;
    this.chats.set(newChatId, { ...old, id: newChatId, type: "supergroup", title } as FakeChatInfo);
    const oldMembers = this.members.get(oldChatId);
    if (oldMembers) this.members.set(newChatId, new Map(oldMembers));
  }

  /** A my_chat_member update: the bot's own membership changed, or a user blocked or restarted it. */
  applyMyChatMember(chat: Chat, member: ChatMember): void {
    this.rememberChat(chat);
    if (chat.type !== "private") {
      this.setChatMember(chat.id, member);
      return;
    }
    if (member.status === "kicked") this.blockedBy.add(chat.id);
    else this.userStartedBot(chat.id);
  }

  rememberChat(chat: Chat): void {
    if (!this.chats.has(chat.id)) this.chats.set(chat.id, { ...chat } as FakeChatInfo);
  }

  findChatId(username: string): number | undefined {
    const wanted = username.replace(/^@/, "").toLowerCase();
    for (const chat of this.chats.values()) {
      if (chat.username?.toLowerCase() === wanted) return chat.id;
    }
    return undefined;
  }

  /** chat_id as Telegram accepts it: an integer, a numeric string, or "@username". */
  resolveChatId(value: unknown): number {
    if (value === undefined || value === null || value === "") throw badRequest("chat_id is empty");
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
    if (typeof value === "string" && value.startsWith("@")) {
      const id = this.findChatId(value);
      if (id !== undefined) return id;
    }
    throw badRequest("chat not found");
  }

  /** The short Chat object embedded in messages. */
  chatSummary(chatId: number): Chat {
    const info = this.chats.get(chatId);
    if (!info) {
      const type = chatTypeFromId(chatId);
      return type === "private"
        ? { id: chatId, type, first_name: `User ${chatId}` }
        : ({ id: chatId, type, title: `Chat ${chatId}` } as Chat);
    }
    const summary: Record<string, unknown> = {};
    for (const field of ["id", "type", "title", "username", "first_name", "last_name", "is_forum"] as const) {
      if (info[field] !== undefined) summary[field] = info[field];
    }
    return summary as unknown as Chat;
  }

  /** Throws the 400/403 Telegram gives when the bot cannot write to the chat. */
  assertCanWrite(chatId: number, { initiating }: { initiating: boolean }): void {
    const migratedTo = this.migrations.get(chatId);
    if (migratedTo !== undefined) {
      throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: migratedTo });
    }
    const type = this.chatType(chatId);
    if (type === "private") {
      if (this.blockedBy.has(chatId)) throw forbidden("bot was blocked by the user");
      if (initiating && !this.startedBy.has(chatId)) throw forbidden("bot can't initiate conversation with a user");
      return;
    }
    const kind = `${type} chat`;
    if (this.kickedFrom.has(chatId)) throw forbidden(`bot was kicked from the ${kind}`);
    if (this.leftChats.has(chatId)) throw forbidden(`bot is not a member of the ${kind}`);
  }

  /** A group may forbid its members to send, and an administrator may restrict one member: regbot too. */
  assertMaySendMessages(chatId: number): void {
    if (this.chatType(chatId) === "private") return;
    const member = this.members.get(chatId)?.get(this.botUser().id);
    const allowed =
      member?.status === "restricted"
        ? member.can_send_messages
        : member?.status === "administrator" ||
          member?.status === "creator" ||
          this.chats.get(chatId)?.permissions?.can_send_messages !== false;
    if (!allowed) throw badRequest("not enough rights to send text messages to the chat");
  }

  private applyBotMembership(chatId: number, status: ChatMember["status"]): void {
    this.kickedFrom.delete(chatId);
    this.leftChats.delete(chatId);
    if (status === "kicked") this.kickedFrom.add(chatId);
    if (status === "left") this.leftChats.add(chatId);
  }

  private chatType(chatId: number): Chat["type"] {
    return this.chats.get(chatId)?.type ?? chatTypeFromId(chatId);
  }

  private getChat(params: Params): ChatFullInfo {
    const chatId = this.resolveChatId(params.chat_id);
    const info = this.chats.get(chatId);
    if (!info) throw badRequest("chat not found");
    const defaults: Record<string, unknown> = { accent_color_id: 0, max_reaction_count: 11 };
    if (info.type === "private") {
      defaults.accepted_gift_types = {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
        gifts_from_channels: false,
      };
    }
    return { ...defaults, ...info } as ChatFullInfo;
  }

  private getChatMember(params: Params): ChatMember {
    const chatId = this.resolveChatId(params.chat_id);
    const userId = integerParam(params, "user_id");
    if (userId === undefined) throw badRequest("invalid user_id specified");
    this.assertCanWrite(chatId, { initiating: false });
    const known = this.members.get(chatId)?.get(userId);
    if (known) return known;
    if (userId === this.botUser().id) return { status: "member", user: botAsUser(this.botUser()) };
    return { status: "left", user: placeholderUser(userId) };
  }

  private getChatAdministrators(params: Params): ChatMember[] {
    const chatId = this.resolveChatId(params.chat_id);
    if (this.chatType(chatId) === "private") throw badRequest("there are no administrators in the private chat");
    this.assertCanWrite(chatId, { initiating: false });
    const chatMembers = [...(this.members.get(chatId)?.values() ?? [])];
    return chatMembers.filter((member) => member.status === "creator" || member.status === "administrator");
  }

  private leaveChat(params: Params): true {
    const chatId = this.resolveChatId(params.chat_id);
    if (this.chatType(chatId) === "private") throw badRequest("chat member status can't be changed in private chats");
    this.assertCanWrite(chatId, { initiating: false });
    this.leftChats.add(chatId);
    return true;
  }
}

function chatTypeFromId(chatId: number): Chat["type"] {
  if (chatId > 0) return "private";
  return String(chatId).startsWith("-100") ? "supergroup" : "group";
}

function placeholderUser(id: number): User {
  return { id, is_bot: false, first_name: `User ${id}` };
}
