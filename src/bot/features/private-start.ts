import { Feature } from "../feature.js";

/** `/start` in a private chat: what regbot is, or the feature a deep link points to. */
const feature = new Feature();
const inPrivate = feature.inPrivate;

inPrivate.command("start", async (ctx) => {
  const payload = ctx.match.trim();
  const route = ctx.deps.startRoutes?.find((candidate) => payload.startsWith(candidate.prefix));
  if (payload !== "" && route !== undefined) {
    await route.handle(ctx, payload.slice(route.prefix.length));
    return;
  }
  const intro = ctx.t("start-private");
  await ctx.reply(payload === "" ? intro : `${ctx.t("start-unknown-link")}\n\n${intro}`);
});

export { feature as privateStartFeature };
