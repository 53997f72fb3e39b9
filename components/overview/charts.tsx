"use client";

// The overview's charts, drawn with Recharts. Each chart is hidden from screen readers and
// followed by the same numbers as a visually hidden table, so nothing is only a picture. Recharts'
// accessibility layer (a focusable svg) is off: a focusable element inside aria-hidden is a trap.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Slice = { key: string; label: string; value: number };
export type DayPoint = { day: string } & Record<string, number | string>;
export type Series = { key: string; name: string; color: string; dash?: string };

// Colours readable on white (WCAG AA contrast for the bars' value labels), and told apart by
// position and label as well as hue.
export const TIER_COLORS: Record<string, string> = { critical: "#b91c1c", high: "#c2410c", medium: "#a16207", low: "#475569" };
const NEUTRAL = "#1d4ed8";

const fmt = (n: number) => n.toLocaleString("en-US");

function NumbersTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([first, ...rest]) => (
          <tr key={String(first)}>
            <th scope="row">{first}</th>
            {rest.map((v, i) => (
              <td key={i}>{typeof v === "number" ? fmt(v) : v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars, one per slice (risk tiers, categories, alert kinds), each labelled with its count. */
export function SliceBars({ slices, caption, unit, colors, testId }: { slices: Slice[]; caption: string; unit: string; colors?: Record<string, string>; testId: string }) {
  const height = Math.max(120, slices.length * 34 + 24);
  return (
    <div data-testid={testId}>
      <div style={{ height }} className="w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={slices} layout="vertical" accessibilityLayer={false} margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={11} tickFormatter={(v: number) => fmt(v)} />
            <YAxis type="category" dataKey="label" width={140} fontSize={12} tick={{ fill: "#334155" }} interval={0} />
            <Tooltip formatter={(v) => [fmt(Number(v)), unit]} cursor={{ fill: "#f1f5f9" }} />
            <Bar dataKey="value" name={unit} maxBarSize={28} isAnimationActive={false}>
              {slices.map((s) => (
                <Cell key={s.key} fill={colors?.[s.key] ?? NEUTRAL} />
              ))}
              <LabelList dataKey="value" position="right" fontSize={12} fill="#0f172a" formatter={(v: unknown) => fmt(Number(v))} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <NumbersTable caption={caption} head={["", unit]} rows={slices.map((s) => [s.label, s.value])} />
    </div>
  );
}

/** A few days (a new install) are drawn as dots: a line needs two points, a dot shows one. */
const FEW_DAYS = 7;

/** One line per series over the last days (UTC), with a legend. */
export function DayLines({ points, series, caption, testId }: { points: DayPoint[]; series: Series[]; caption: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <div className="h-56 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="day" tickFormatter={(v: string) => v.slice(5)} fontSize={11} minTickGap={16} />
            <YAxis allowDecimals={false} fontSize={11} width={48} tickFormatter={(v: number) => fmt(v)} />
            <Tooltip labelFormatter={(v) => `${String(v)} (UTC)`} formatter={(v, name) => [fmt(Number(v)), name]} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Line key={s.key} type="linear" dataKey={s.key} name={s.name} stroke={s.color} strokeDasharray={s.dash} strokeWidth={2} dot={points.length <= FEW_DAYS ? { r: 3 } : false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <NumbersTable caption={caption} head={["Day (UTC)", ...series.map((s) => s.name)]} rows={points.map((p) => [p.day, ...series.map((s) => Number(p[s.key] ?? 0))])} />
    </div>
  );
}
