import type { Framing } from "@/lib/domain/words/ciso-report-framing";

/** One section of the report: its heading, why it matters (with the framework references), its content. */
export function CisoReportSection({ id, framing, children }: { id: string; framing: Framing; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="report-section mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`report-${id}`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">{framing.title}</h2>
      <p className="mt-1 max-w-4xl text-sm text-slate-600">{framing.text}</p>
      <p className="mt-1 text-xs text-slate-500">Framework: {framing.references.join(" · ")}</p>
      <div className="mt-4">{children}</div>
    </section>
  );
}
