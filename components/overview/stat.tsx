import { Card } from "@/components/ui/card";

const TONE = { ok: "text-slate-900", warn: "text-amber-700", danger: "text-red-700" } as const;

export function Stat({ label, value, hint, tone = "ok" }: { label: string; value: number; hint?: string; tone?: keyof typeof TONE }) {
  return (
    <Card>
      <p className="text-sm text-slate-600">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${TONE[tone]}`} data-testid={`stat-${label.toLowerCase().replace(/\s+/g, "-")}`}>
        {value.toLocaleString("en-US")}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </Card>
  );
}
