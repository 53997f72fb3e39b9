"use client";

// The device's risk score over time (Recharts), with the same points as a list for screen
// readers and for anyone who prefers numbers. The chart is hidden from screen readers, so
// Recharts' accessibility layer (a focusable svg) is off: focus inside aria-hidden is a trap.
import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { triggerWords } from "@/lib/domain/risk/trigger-words";

export type ScorePoint = { at: string; score: number; tier: string; trigger: string };

const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

export function ScoreHistory({ points, cutoffs }: { points: ScorePoint[]; cutoffs: { critical: number; high: number; medium: number } }) {
  if (points.length < 2) return <p className="text-sm text-slate-600">One score so far: the history grows each time the score or its reasons change.</p>;
  return (
    <div>
      <div className="h-40 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <XAxis dataKey="at" tickFormatter={(v: string) => v.slice(5, 10)} fontSize={11} />
            <YAxis domain={[0, 100]} fontSize={11} />
            <ReferenceLine y={cutoffs.critical} stroke="#b91c1c" strokeDasharray="4 4" />
            <ReferenceLine y={cutoffs.high} stroke="#c2410c" strokeDasharray="4 4" />
            <Tooltip labelFormatter={(v) => `${day(String(v))} UTC`} />
            <Line type="stepAfter" dataKey="score" stroke="#1d4ed8" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-slate-700">Score history as a list ({points.length})</summary>
        <ol className="mt-1 flex flex-col gap-0.5">
          {points.map((p, i) => (
            <li key={i} className="tabular-nums">{day(p.at)} UTC — {p.score} ({p.tier}), after {triggerWords(p.trigger)}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
