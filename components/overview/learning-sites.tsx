import Link from "next/link";
import { Suspense } from "react";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listLearningSites } from "@/lib/queries/alerts";

async function LearningList() {
  const sites = await listLearningSites();
  if (!sites.length) return null;
  return (
    <section aria-label="Sites learning" data-testid="learning-sites" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      <ul className="space-y-1">
        {sites.map((s) => (
          <li key={s.id}>
            <span className="font-medium">Learning: {s.name} until {whenUtc(s.learningUntil)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-amber-900">
        While a site learns, its new devices are inventoried without a &ldquo;new device&rdquo; alert each; unauthorized and spoof alerts still
        fire. <Link href="/settings/sites" className="underline">Change in Settings → Sites</Link>.
      </p>
    </section>
  );
}

/** Every site in its learning period, on the overview: streamed on its own, nothing when none learns. */
export function LearningSites() {
  return (
    <Suspense fallback={null}>
      <LearningList />
    </Suspense>
  );
}
