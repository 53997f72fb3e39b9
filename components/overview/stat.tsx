import Link from "next/link";
import { Card } from "@/components/ui/card";

const TONE = { ok: "text-slate-900", warn: "text-amber-700", danger: "text-red-700" } as const;

/** One number at a glance; with `href`, the whole card links to the view that lists those devices. */
export function Stat({ label, value, hint, tone = "ok", href }: { label: string; value: number; hint?: string; tone?: keyof typeof TONE; href?: string }) {
  const body = (
    <Card className={href ? "h-full transition-colors group-hover:border-slate-400" : "h-full"}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${TONE[tone]}`} data-testid={`stat-${label.toLowerCase().replace(/\s+/g, "-")}`}>
        {value.toLocaleString("en-US")}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {href && <span className="sr-only">Show them.</span>}
    </Card>
  );
  if (!href) return body;
  return (
    // Named by what it shows (label, number, hint) and where it leads, so the name a screen reader
    // or voice control uses contains the visible text (WCAG 2.5.3).
    <Link href={href} className="group block rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700">
      {body}
    </Link>
  );
}
