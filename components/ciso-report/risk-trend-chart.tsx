"use client";

// Devices per risk tier (and unauthorized / spoofed / KEV-exposed) per day, drawn with Recharts,
// with the same numbers as a table for screen readers and for anyone who prefers numbers.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartPoint = { day: string; critical: number | null; high: number | null; medium: number | null; unauthorized: number | null; spoofed: number | null; kev: number | null };

const SERIES: { key: Exclude<keyof ChartPoint, "day">; name: string; color: string; dash?: string }[] = [
  { key: "critical", name: "Critical", color: "#b91c1c" },
  { key: "high", name: "High", color: "#c2410c" },
  { key: "medium", name: "Medium", color: "#1d4ed8" },
  { key: "kev", name: "Known exploited (KEV)", color: "#7c2d12", dash: "6 3" },
  { key: "unauthorized", name: "Unauthorized", color: "#6d28d9", dash: "2 3" },
  { key: "spoofed", name: "Spoof suspected", color: "#0f766e", dash: "8 3 2 3" },
];

/** A day with no counted neighbour would be invisible as a line: short or gappy trends get dots. */
const DOTS_UP_TO_DAYS = 31;

function Chart({ points, dots, width, height }: { points: ChartPoint[]; dots: boolean; width?: number; height?: number }) {
  return (
    // accessibilityLayer off: its focusable svg would sit inside aria-hidden (axe aria-hidden-focus).
    <LineChart data={points} width={width} height={height} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="day" tickFormatter={(v: string) => v.slice(5)} fontSize={11} minTickGap={16} />
      <YAxis allowDecimals={false} fontSize={11} width={48} />
      <Tooltip labelFormatter={(v) => `${String(v)} (UTC)`} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {SERIES.map((s) => (
        <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} strokeDasharray={s.dash} strokeWidth={2} dot={dots ? { r: 3, strokeDasharray: "" } : false} connectNulls={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

export function TrendChart({ points }: { points: ChartPoint[] }) {
  const known = points.filter((p) => p.critical !== null || p.unauthorized !== null);
  if (known.length === 0) {
    return <p className="text-sm text-slate-600">No daily counts exist for this period yet. Counts are taken every few minutes once agents report; choose a more recent period, or come back tomorrow to see a trend.</p>;
  }
  const dots = known.length <= DOTS_UP_TO_DAYS;
  return (
    <div>
      {/* On screen the chart follows the page's width; in print ResponsiveContainer would measure 0, so a fixed-size copy is printed. */}
      <div className="report-chart h-72 w-full print:hidden" aria-hidden="true" data-testid="report-trend-chart">
        <ResponsiveContainer width="100%" height="100%">
          <Chart points={points} dots={dots} />
        </ResponsiveContainer>
      </div>
      <div className="hidden print:block" aria-hidden="true" data-testid="report-trend-chart-print">
        <Chart points={points} dots={dots} width={680} height={260} />
      </div>
      <p className="mt-1 text-xs text-slate-500">{known.length === 1 ? "One day counted in this period: each series is a single point." : `${known.length} days counted in this period.`}</p>
      <details className="no-print mt-2 text-sm">
        <summary className="cursor-pointer text-slate-700">The trend as a table ({known.length} {known.length === 1 ? "day" : "days"} counted)</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left text-xs tabular-nums">
            <caption className="sr-only">Devices per day</caption>
            <thead className="border-b border-slate-200 uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3">Day (UTC)</th>
                {SERIES.map((s) => <th key={s.key} scope="col" className="py-1 pr-3">{s.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {known.map((p) => (
                <tr key={p.day} className="border-b border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-normal">{p.day}</th>
                  {SERIES.map((s) => <td key={s.key} className="py-1 pr-3">{p[s.key] ?? "—"}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
