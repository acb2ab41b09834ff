import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { AnswerBucket, ChatView } from "./api.js";
import { useTexts } from "./texts.js";

const CHART_HEIGHT = 180;

/** Median answer time per day or week as bars, the agreed time as a line, breaches as red marks. */
export function AnswerChart({ answers }: { answers: NonNullable<ChatView["answers"]> }) {
  const texts = useTexts();
  const [unit, setUnit] = useState<"days" | "weeks">("days");
  const buckets = answers[unit];
  return (
    <section data-testid="answers">
      <h2>{texts.answers}</h2>
      {answers.summary.map((line) => (
        <p>{line}</p>
      ))}
      {answers.days.length === 0 ? (
        <p class="quiet">{texts["no-answers"]}</p>
      ) : (
        <>
          <div class="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={unit === "days"} onClick={() => setUnit("days")}>
              {texts["by-day"]}
            </button>
            <button type="button" role="tab" aria-selected={unit === "weeks"} onClick={() => setUnit("weeks")}>
              {texts["by-week"]}
            </button>
          </div>
          <Plot buckets={buckets} agreedMinutes={answers.agreedMinutes} />
        </>
      )}
    </section>
  );
}

function Plot({ buckets, agreedMinutes }: { buckets: AnswerBucket[]; agreedMinutes: number | undefined }) {
  const texts = useTexts();
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current!;
    const style = getComputedStyle(document.documentElement);
    const colour = (name: string) => style.getPropertyValue(name).trim();
    const seconds = buckets.map((bucket) => Date.parse(`${bucket.start}T12:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [
      seconds,
      buckets.map((bucket) => bucket.medianMinutes),
      buckets.map(() => agreedMinutes ?? null),
      // A breach is marked at the top of its bar (or at the agreed time when nothing was answered).
      buckets.map((bucket) => (bucket.breached === 0 ? null : (bucket.medianMinutes ?? agreedMinutes ?? 0))),
    ];
    const axis = { stroke: colour("--text"), grid: { stroke: colour("--grid") }, ticks: { stroke: colour("--grid") } };
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: CHART_HEIGHT,
        legend: { show: true },
        cursor: { show: false },
        scales: {
          x: { time: true },
          y: { range: (_plot, _min, max) => [0, Math.max(max ?? 0, agreedMinutes ?? 0) * 1.15 || 60] },
        },
        axes: [axis, { ...axis, size: 44 }],
        series: [
          {},
          {
            label: texts["chart-median"],
            fill: colour("--accent-soft"),
            stroke: colour("--accent"),
            paths: uPlot.paths.bars!({ size: [0.6, 40] }),
            points: { show: false },
          },
          { label: texts["chart-agreed"], stroke: colour("--hint"), dash: [6, 4], width: 1.5, points: { show: false } },
          {
            label: texts["chart-breached"],
            stroke: colour("--late"),
            width: 0,
            points: { show: true, size: 10, fill: colour("--late"), stroke: colour("--late") },
          },
        ],
      },
      data,
      element,
    );
    const resize = () => plot.setSize({ width: element.clientWidth, height: CHART_HEIGHT });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      plot.destroy();
    };
  }, [buckets, agreedMinutes]);
  return <div class="chart" ref={holder} data-testid="answer-chart" />;
}
