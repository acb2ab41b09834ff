/** The JSON API beside the page: `<base>/api/…`, the script being at `<base>/assets/…`. */
const API_ROOT = new URL(/* @vite-ignore */ "../api/", import.meta.url);

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`regbot answered ${status}`);
  }
}

export function createApi(initData: string) {
  const call = async <T>(method: "GET" | "POST", path: string): Promise<T> => {
    const response = await fetch(new URL(path, API_ROOT), { method, headers: { authorization: `tma ${initData}` } });
    if (!response.ok) throw new ApiError(response.status);
    return (await response.json()) as T;
  };
  return {
    session: () => call<Session>("GET", "session"),
    chats: () => call<{ chats: ChatListItem[] }>("GET", "chats"),
    chat: (id: number) => call<ChatView>("GET", `chats/${id}`),
    requestExport: (id: number) => call<{ outcome: string }>("POST", `chats/${id}/export`),
    acknowledgeDigest: (id: number, digest: string) =>
      call<{ outcome: string }>("POST", `chats/${id}/digests/${digest}/ack`),
  };
}

export type Api = ReturnType<typeof createApi>;

export interface Session {
  language: string;
  texts: Record<string, string>;
  startChat: number | null;
}

export interface ChatListItem {
  id: number;
  title: string;
  role: "specialist" | "observer" | "client";
  flags: string[];
  needsAttention: boolean;
}

export interface ObligationItem {
  label: string;
  what: string;
  due: string;
  state: "open" | "overdue" | "delivered" | "done" | "cancelled";
}

export interface AnswerBucket {
  start: string;
  opened: number;
  breached: number;
  medianMinutes: number | null;
}

export interface ChatView {
  id: number;
  title: string;
  role: ChatListItem["role"];
  canAct: boolean;
  timezone: string;
  specialistOwes: string[];
  clientOwes: string[];
  plan: { summary: string[]; stages: ObligationItem[] };
  calls: { summary: string[]; items: ObligationItem[] };
  people: string[];
  digest?: { id: string; posted: string; text: string; acknowledged: boolean };
  answers?: { summary: string[]; agreedMinutes?: number; days: AnswerBucket[]; weeks: AnswerBucket[] };
  regulation?: {
    title: string;
    settings: Array<{ name: string; value: string }>;
    history: Array<{ title: string; changes: string[] }>;
  };
  checkpoints?: string[];
}
