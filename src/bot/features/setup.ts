import {
  conversations,
  createConversation,
  type ConversationData,
  type ConversationFlavor,
  type VersionedState,
} from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { Composer, Context, InlineKeyboard, type MiddlewareFn } from "grammy";
import { setup, SETUP_CONVERSATION, SETUP_STATE_VERSION, type SetupContext } from "../conversations/setup.js";
import type { BotContext, StartRoute } from "../context.js";
import { groupReply } from "../format/group-reply.js";
import { specialistChat } from "../guards/chat-guards.js";
import { narrow } from "../middleware/narrow.js";
import { Feature } from "../feature.js";

/**
 * The guided setup: `/setup` in a group links to a private chat, where a conversation walks the
 * specialist through the settings. Conversations exist only in private chats, stored by
 * person, so the group's traffic never passes through one.
 */
export function setupFeature(i18n: I18n<Context>): Feature {
  const feature = new Feature();
  feature.inGroups.command("setup", offerSetup);

  const inPrivate = new Composer<PrivateContext>();
  // The plugin stores the state after everything below has handled the update: a state that took
  // the update in means its handling was complete, and feeding it again would answer the next question.
  inPrivate.use(async (ctx, next) => {
    if (ctx.handlingAgain && (await ctx.deps.conversationStates.lastUpdateOf(personOf(ctx))) === ctx.updateKey) return;
    await next();
  });
  inPrivate.use(
    conversations<BotContext, SetupContext>({
      storage: {
        type: "context",
        version: SETUP_STATE_VERSION,
        adapter: {
          read: (ctx) => ctx.deps.conversationStates.read<VersionedState<ConversationData>>(personOf(ctx)),
          write: (ctx, state) =>
            ctx.deps.conversationStates.write(personOf(ctx), state, ctx.updateKey, ctx.deps.clock()),
          delete: (ctx) => ctx.deps.conversationStates.close(personOf(ctx), ctx.updateKey, ctx.deps.clock()),
        },
      },
      plugins: [i18n],
    }),
  );
  // Off the menu: it means something only during the setup.
  inPrivate.command("cancel", cancelSetup);
  inPrivate.use(createConversation<BotContext, SetupContext>(setup, SETUP_CONVERSATION));
  inPrivate.callbackQuery(/^setup:/, (ctx) => ctx.answerCallbackQuery({ text: ctx.t("setup-button-expired") }));
  // The conversations plugin, first in `inPrivate`, adds the `ctx.conversation` its type promises.
  narrow(feature, Context.has.chatType("private"), inPrivate.middleware() as MiddlewareFn<BotContext>);
  return feature;
}

/** `/start setup-<chat id>`: the button under /setup leads here. */
export const setupStartRoute: StartRoute = {
  prefix: "setup-",
  async handle(ctx, argument) {
    const { chats, roles } = ctx.deps;
    const chat = /^\d+$/.test(argument) ? await chats.findById(Number(argument)) : undefined;
    if (chat === undefined || !chat.active) {
      await ctx.reply(ctx.t("setup-chat-gone"));
      return;
    }
    if (ctx.from === undefined || (await roles.roleOf(chat.id, ctx.from.id)) !== "specialist") {
      await ctx.reply(ctx.t("setup-refused"));
      return;
    }
    if (!hasConversations(ctx)) throw new Error("the setup feature must be installed before /start is handled");
    // A new link starts over, even in the middle of another setup.
    await ctx.conversation.exit(SETUP_CONVERSATION);
    await ctx.conversation.enter(SETUP_CONVERSATION, chat.id);
  },
};

type PrivateContext = ConversationFlavor<BotContext>;

async function offerSetup(ctx: BotContext): Promise<void> {
  const chat = await specialistChat(ctx);
  if (chat === undefined) return;
  const link = `https://t.me/${ctx.me.username}?start=${setupStartRoute.prefix}${chat.id}`;
  await ctx.deps.outbox.post([
    {
      ...groupReply(ctx, chat.id, "setup", ctx.t("setup-offer")),
      replyMarkup: new InlineKeyboard().url(ctx.t("setup-offer-button"), link),
    },
  ]);
}

async function cancelSetup(ctx: PrivateContext): Promise<void> {
  if (ctx.conversation.active(SETUP_CONVERSATION) === 0) {
    await ctx.reply(ctx.t("setup-nothing-to-cancel"));
    return;
  }
  await ctx.conversation.exit(SETUP_CONVERSATION);
  await ctx.reply(ctx.t("setup-cancelled"));
}

function hasConversations(ctx: BotContext): ctx is PrivateContext {
  return "conversation" in ctx;
}

/** Conversations are kept by person; in a private chat the person and the chat are one. */
function personOf(ctx: BotContext): number {
  const person = ctx.from?.id ?? ctx.chatId;
  if (person === undefined) throw new Error("a private update without a person");
  return person;
}
