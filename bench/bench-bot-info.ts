import type { UserFromGetMe } from "grammy/types";

/** Who the benchmarks' bot is, set directly so that no benchmark calls getMe. */
export const BENCH_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "regbot",
  username: "regbot_bench_bot",
  can_join_groups: true,
  can_read_all_group_messages: true,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};
