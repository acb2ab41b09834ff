import { useEffect, useState } from "preact/hooks";
import type { Api, ChatView, ObligationItem } from "./api.js";
import { AnswerChart } from "./answer-chart.js";
import { useTexts } from "./texts.js";

export function ChatPage({ api, chatId, onBack }: { api: Api; chatId: number; onBack: () => void }) {
  const texts = useTexts();
  const [view, setView] = useState<ChatView>();
  const [failed, setFailed] = useState(false);
  const [said, setSaid] = useState<string>();
  const load = () => api.chat(chatId).then(setView, () => setFailed(true));
  useEffect(() => void load(), [api, chatId]);

  const act = (action: Promise<{ outcome: string }>, saying: (outcome: string) => string) =>
    action.then(
      ({ outcome }) => {
        setSaid(saying(outcome));
        void load();
      },
      () => setSaid(texts.error),
    );

  if (failed) return <p class="notice">{texts.error}</p>;
  if (view === undefined) return <p class="notice">{texts.loading}</p>;
  const specialistSide = view.role !== "client";
  return (
    <article data-testid="chat-view">
      <button type="button" class="back" onClick={onBack}>
        ← {texts.back}
      </button>
      <h1>{view.title}</h1>
      <p class="role">{texts[`role-${view.role}`]}</p>
      {said !== undefined && <output class="said">{said}</output>}
      <Lines title={texts["specialist-owes"]} lines={view.specialistOwes} testId="specialist-owes" />
      <Lines title={texts["client-owes"]} lines={view.clientOwes} testId="client-owes" />
      {view.answers !== undefined && <AnswerChart answers={view.answers} />}
      <section>
        <h2>{texts.plan}</h2>
        {view.plan.stages.length === 0 ? (
          <p class="quiet">{texts["no-plan"]}</p>
        ) : (
          <Timeline items={view.plan.stages} />
        )}
      </section>
      <section>
        <h2>{texts.calls}</h2>
        {view.calls.items.length === 0 ? (
          <p class="quiet">{texts["no-calls"]}</p>
        ) : (
          <Timeline items={view.calls.items} />
        )}
        {view.calls.summary.map((line) => (
          <p>{line}</p>
        ))}
      </section>
      <section data-testid="digest">
        <h2>{texts.digest}</h2>
        {view.digest === undefined ? (
          <p class="quiet">{texts["no-digest"]}</p>
        ) : (
          <>
            <p class="quiet">{view.digest.posted}</p>
            <pre class="digest">{view.digest.text}</pre>
            {view.digest.acknowledged ? (
              <p class="done">{texts.acknowledged}</p>
            ) : (
              view.canAct && (
                <button
                  type="button"
                  onClick={() => act(api.acknowledgeDigest(view.id, view.digest!.id), () => texts.acknowledged!)}
                >
                  {texts.acknowledge}
                </button>
              )
            )}
          </>
        )}
      </section>
      {view.regulation !== undefined && (
        <section>
          <h2>{texts.regulation}</h2>
          <p class="quiet">{view.regulation.title}</p>
          <dl class="settings">
            {view.regulation.settings.map((setting) => (
              <>
                <dt>{setting.name}</dt>
                <dd>{setting.value}</dd>
              </>
            ))}
          </dl>
          {view.regulation.history.length > 1 && (
            <details>
              <summary>{texts.history}</summary>
              {view.regulation.history.map((version) => (
                <div class="version">
                  <p>{version.title}</p>
                  <ul>
                    {version.changes.map((change) => (
                      <li>{change}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </details>
          )}
        </section>
      )}
      {view.checkpoints !== undefined && (
        <section>
          <h2>{texts.checkpoints}</h2>
          {view.checkpoints.length === 0 ? (
            <p class="quiet">{texts["no-checkpoints"]}</p>
          ) : (
            <ul class="checkpoints">
              {view.checkpoints.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      {specialistSide && view.people.length > 0 && <Lines title="" lines={view.people} />}
      {view.canAct && (
        <button
          type="button"
          class="primary"
          onClick={() =>
            act(api.requestExport(view.id), (outcome) =>
              outcome === "requested" ? texts["export-requested"]! : texts["export-already"]!,
            )
          }
        >
          {texts.export}
        </button>
      )}
    </article>
  );
}

function Lines({ title, lines, testId }: { title: string; lines: string[]; testId?: string }) {
  const texts = useTexts();
  return (
    <section data-testid={testId}>
      {title !== "" && <h2>{title}</h2>}
      {lines.length === 0 ? (
        <p class="quiet">{texts["nothing-owed"]}</p>
      ) : (
        <ul class="lines">
          {lines.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Stages or calls in date order, each marked with its state. */
function Timeline({ items }: { items: ObligationItem[] }) {
  const texts = useTexts();
  return (
    <ol class="timeline">
      {items.map((item) => (
        <li class={`state-${item.state}`}>
          <span class="label">{item.label}</span> {item.what}
          <span class="due">
            {item.due} · {texts[`state-${item.state}`]}
          </span>
        </li>
      ))}
    </ol>
  );
}
