import type { UserFromGetMe } from "grammy/types";
import { DEFAULT_BOT_USER } from "../test/support/fake-bot-api/bot-user.js";

/** Who the benchmarks' bot is, set directly so that no benchmark calls getMe. */
export const BENCH_BOT_INFO: UserFromGetMe = {
  ...DEFAULT_BOT_USER,
  id: 1,
  username: "regbot_bench_bot",
  can_read_all_group_messages: true,
};
