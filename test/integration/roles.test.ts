import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { pressFirstButton } from "../support/buttons.js";
import { settled, startHarness, type Harness } from "../support/harness.js";
import { botAdded, bystander, client, group, message, specialist } from "../support/updates.js";

let harness: Harness;
afterEach(async () => harness?.stop());

const chat = group();
const colleague = { id: 801, is_bot: false, first_name: "Pablo", username: "pablo_ads", language_code: "es" };
const commandEntity = (text: string) => [
  { type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length },
];

/** Sends a message and returns what regbot said in the group in answer. */
async function say(
  from: typeof specialist,
  text: string,
  extra: Partial<NonNullable<Update["message"]>> = {},
): Promise<string[]> {
  const before = harness.telegram.sentTo(chat.id).length;
  harness.telegram.pushUpdate(
    message(chat, from, text, { ...(text.startsWith("/") ? { entities: commandEntity(text) } : {}), ...extra }),
  );
  await settled(harness);
  return harness.telegram
    .sentTo(chat.id)
    .slice(before)
    .map((sent) => sent.text!);
}

/** A message of `from` to reply to, as Telegram would include it in a reply. */
function replyTo(from: typeof specialist, text = "hello") {
  return { reply_to_message: { message_id: 1, date: 1_790_000_000, chat, from, text } as never };
}

async function joinedWithClient(): Promise<void> {
  harness = await startHarness();
  harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
  await settled(harness);
  await say(specialist, "/client", replyTo(client));
  await confirmAsClient(client);
}

async function confirmAsClient(from: typeof client): Promise<void> {
  await pressFirstButton(
    harness,
    harness.telegram.sentTo(chat.id).findLast((sent) => sent.reply_markup !== undefined)!,
    from,
  );
}

function roles() {
  return harness.query<{ user_id: number; role: string; until: number | null }>(
    "select user_id, role, until from chat_roles order by id",
  );
}

describe("roles in a client chat", () => {
  it("names the client contact only once the named person confirms with the button", async () => {
    harness = await startHarness();
    harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
    await settled(harness);
    const [nomination] = await say(specialist, "/client", replyTo(client));
    expect(nomination).toContain("Sofía Marketing (@sofia_smm) names Ivan as the authorised client contact");
    expect(roles().map((row) => row.role)).toEqual(["specialist"]);

    await confirmAsClient(bystander);
    expect(harness.telegram.callbackAnswers.at(-1)).toMatchObject({
      text: "Only Ivan can confirm this.",
      show_alert: true,
    });
    expect(roles().map((row) => row.role)).toEqual(["specialist"]);

    await confirmAsClient(client);
    expect(harness.telegram.sentTo(chat.id).at(-1)!.text).toBe(
      "Ivan confirmed: from now on Ivan is the authorised client contact in this chat.",
    );
    expect(roles()).toEqual([
      { user_id: specialist.id, role: "specialist", until: null },
      { user_id: client.id, role: "client", until: null },
    ]);
    expect(harness.query("select count(*) as n from events where kind = 'roles'")).toEqual([{ n: 2 }]);
  });

  it("redirects anyone else on the client's side to the contact, once a day, but never an observer", async () => {
    await joinedWithClient();
    expect(await say(bystander, "Can you also make the logo bigger?")).toEqual([
      "Thank you, Cousin! As agreed, requests and comments in this chat go through Ivan, the client's authorised contact. Please pass this on through Ivan.",
    ]);
    expect(await say(bystander, "And the colours brighter?")).toEqual([]);
    await say(specialist, "/observer", replyTo(colleague));
    expect(await say(colleague, "I'll prepare the creatives")).toEqual([]);
    expect(await say(client, "Thanks, waiting")).toEqual([]);
  });

  it("announces when the contact leaves, ends the role and asks for a new contact", async () => {
    await joinedWithClient();
    const [announcement] = await say(client, "", { text: undefined, left_chat_member: client } as never);
    expect(announcement).toContain("Ivan, the authorised client contact, has left the chat");
    expect(roles().find((row) => row.role === "client")!.until).not.toBeNull();
  });

  it("adds and removes specialists, resolving an @username it has seen, and says so when it has not", async () => {
    await joinedWithClient();
    await say(colleague, "hola a todos");
    expect(
      await say(specialist, "/specialist @pablo_ads", {
        entities: [...commandEntity("/specialist"), { type: "mention", offset: 12, length: 10 }],
      }),
    ).toEqual(["Pablo (@pablo_ads) is now a specialist in this chat (named by Sofía Marketing (@sofia_smm))."]);
    expect(
      await say(specialist, "/specialist @ghost", {
        entities: [...commandEntity("/specialist"), { type: "mention", offset: 12, length: 6 }],
      }),
    ).toEqual([
      "I have not seen @ghost write in this chat yet, and Telegram does not let bots look people up by username. Reply to one of their messages with /specialist instead.",
    ]);
    expect(await say(specialist, "/unassign", replyTo(colleague))).toEqual([
      "Pablo (@pablo_ads) is no longer a specialist in this chat (Sofía Marketing (@sofia_smm) made the change).",
    ]);
    expect(await say(specialist, "/unassign", replyTo(specialist))).toEqual([
      "Sofía Marketing (@sofia_smm) is the only specialist, and a chat needs one. Name another specialist first with /specialist.",
    ]);
  });

  it("takes the person seen most recently when two have gone by one @username, and says whom it took", async () => {
    harness = await startHarness();
    harness.telegram.pushUpdate(botAdded(chat, { ...specialist, language_code: "en" }, "administrator"));
    await settled(harness);
    // Marta gave up @marta_pr; later her colleague took it. regbot saw both under it.
    const formerOwner = { id: 901, is_bot: false, first_name: "Marta", username: "marta_pr" };
    const currentOwner = { id: 902, is_bot: false, first_name: "Lucía", username: "marta_pr" };
    await say(formerOwner, "Hi, I'm Marta from Acme");
    await say(currentOwner, "Hi, Lucía here, I handle Acme's account now");
    const mention = { entities: [...commandEntity("/client"), { type: "mention" as const, offset: 8, length: 9 }] };
    const [nomination] = await say(specialist, "/client @marta_pr", mention);
    expect(nomination).toBe(
      [
        "Sofía Marketing (@sofia_smm) names Lucía (@marta_pr) as the authorised client contact: comments and requests are discussed with this person only. Lucía (@marta_pr), please confirm with the button below.",
        "",
        "2 people in this chat have gone by @marta_pr; I took Lucía (@marta_pr) (id 902), the one seen here most recently. If you meant someone else, reply to one of their messages with /client.",
      ].join("\n"),
    );
    expect(harness.query("select user_id from client_nominations order by id")).toEqual([{ user_id: 902 }]);
    await say(formerOwner, "Marta again");
    const [again] = await say(specialist, "/unassign @marta_pr", {
      entities: [...commandEntity("/unassign"), { type: "mention" as const, offset: 10, length: 9 }],
    });
    expect(again).toContain("I took Marta (@marta_pr) (id 901), the one seen here most recently.");
  });

  it("refuses every privileged command from anyone but a specialist, and anonymous admins are asked to show themselves", async () => {
    await joinedWithClient();
    for (const command of ["/set response 1h", "/specialist", "/observer", "/client", "/unassign"]) {
      expect(await say(client, command, replyTo(bystander))).toEqual([
        "Only a specialist of this chat can do that (Sofía Marketing (@sofia_smm)).",
      ]);
    }
    const anonymous = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    expect(await say(anonymous, "/set response 1h", { sender_chat: chat } as never)).toEqual([
      'You are writing as an anonymous administrator, so I cannot tell who you are. Turn off "Remain anonymous" in your administrator rights and send the command again.',
    ]);
  });
});
