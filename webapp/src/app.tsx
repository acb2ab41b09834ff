import { useEffect, useState } from "preact/hooks";
import { ApiError, type Api, type ChatListItem, type Session } from "./api.js";
import { ChatPage } from "./chat-page.js";
import { showBackButton } from "./launch.js";
import { TextsContext, useTexts } from "./texts.js";

/** Until regbot's texts arrive, the one thing to say is in English. */
const UNAUTHORIZED = "Open this app from regbot in Telegram.";

export function App({ api }: { api: Api | undefined }) {
  const [session, setSession] = useState<Session>();
  const [failure, setFailure] = useState<"unauthorized" | "error">();
  const [openChat, setOpenChat] = useState<number | null>(null);

  useEffect(() => {
    if (api === undefined) return setFailure("unauthorized");
    api.session().then(
      (loaded) => {
        setSession(loaded);
        setOpenChat(loaded.startChat);
        document.documentElement.lang = loaded.language;
      },
      (error: unknown) => setFailure(error instanceof ApiError && error.status === 401 ? "unauthorized" : "error"),
    );
  }, [api]);

  useEffect(() => showBackButton(openChat !== null, () => setOpenChat(null)), [openChat]);

  if (failure !== undefined || api === undefined)
    return (
      <p class="notice" data-testid="failure">
        {failure === "error" ? "Something went wrong." : UNAUTHORIZED}
      </p>
    );
  if (session === undefined) return <p class="notice">…</p>;
  return (
    <TextsContext.Provider value={session.texts}>
      {openChat === null ? (
        <ChatList api={api} onOpen={setOpenChat} />
      ) : (
        <ChatPage api={api} chatId={openChat} onBack={() => setOpenChat(null)} />
      )}
    </TextsContext.Provider>
  );
}

function ChatList({ api, onOpen }: { api: Api; onOpen: (id: number) => void }) {
  const texts = useTexts();
  const [chats, setChats] = useState<ChatListItem[]>();
  const [failed, setFailed] = useState(false);
  useEffect(
    () =>
      void api.chats().then(
        (loaded) => setChats(loaded.chats),
        () => setFailed(true),
      ),
    [api],
  );
  if (failed) return <p class="notice">{texts.error}</p>;
  if (chats === undefined) return <p class="notice">{texts.loading}</p>;
  return (
    <section>
      <h1>{texts.chats}</h1>
      {chats.length === 0 ? (
        <p class="notice" data-testid="no-chats">
          {texts["no-chats"]}
        </p>
      ) : (
        <ul class="chats" data-testid="chat-list">
          {chats.map((chat) => (
            <li key={chat.id}>
              <button
                type="button"
                class={chat.needsAttention ? "chat attention" : "chat"}
                onClick={() => onOpen(chat.id)}
              >
                <span class="chat-title">{chat.title}</span>
                <span class="role">{texts[`role-${chat.role}`]}</span>
                <span class="flags">{chat.flags.length === 0 ? texts["all-clear"] : chat.flags.join(" · ")}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
