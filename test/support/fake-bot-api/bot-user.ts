/** The bot as getMe describes it and as it appears in messages it sends. */
import type { User, UserFromGetMe } from "grammy/types";

export const DEFAULT_BOT_USER: UserFromGetMe = {
  id: 7000001,
  is_bot: true,
  first_name: "regbot",
  username: "regbot_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export function botAsUser(botUser: UserFromGetMe): User {
  const { id, is_bot, first_name, last_name, username } = botUser;
  return { id, is_bot, first_name, ...(last_name ? { last_name } : {}), username };
}
