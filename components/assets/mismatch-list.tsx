import type { Mismatch } from "@/lib/queries/assets";

const FIELD_WORDS: Record<string, string> = { model: "model", firmware: "firmware", firmwareVersion: "firmware", location: "location", department: "department", manufacturer: "manufacturer" };

/** "model: register 8015, network 8100", one line per disagreement. */
export function mismatchText(m: Mismatch): string {
  return `${FIELD_WORDS[m.field] ?? m.field}: register ${m.register ?? "—"}, network ${m.network ?? "—"}`;
}

export function MismatchList({ mismatches }: { mismatches: Mismatch[] }) {
  if (!mismatches.length) return null;
  return (
    <ul aria-label="Disagreements" className="mt-1 space-y-0.5 text-xs text-amber-900">
      {mismatches.map((m) => <li key={m.field}>{mismatchText(m)}</li>)}
    </ul>
  );
}
