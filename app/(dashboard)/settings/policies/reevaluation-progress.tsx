import { Card } from "@/components/ui/card";
import { countOf } from "@/lib/domain/words/count";
import type { PolicyEvaluationRow } from "@/lib/queries/policies";
import { RefreshWhileRunning } from "./refresh-while-running";

const CHANGE_WORDS: Record<string, string> = { create: "created", update: "changed", enable: "turned on", disable: "turned off", delete: "deleted" };
const number = (n: number) => n.toLocaleString("en-US");

/** "3 marked unauthorized, 2 returned to pending": what a finished re-evaluation changed. */
function changed(e: PolicyEvaluationRow): string {
  const parts = [e.unauthorized && `${number(e.unauthorized)} marked unauthorized`, e.returned && `${number(e.returned)} returned to pending`, e.authorized && `${number(e.authorized)} authorized by an allow-list`].filter(Boolean);
  return parts.length ? parts.join(", ") : "no device changed status";
}

const underWay = (e: PolicyEvaluationRow) => e.status === "queued" || e.status === "running";

function line(e: PolicyEvaluationRow): string {
  const what = `"${e.policyName}" ${CHANGE_WORDS[e.change] ?? e.change}`;
  // A newer change of the same policy took over its devices (lib/jobs/policy-reevaluation.ts).
  if (e.status === "superseded") return `${what}: superseded by a later change of this policy after ${number(Math.min(e.done, e.total))} of ${number(e.total)} devices; the later change re-evaluates them all.`;
  if (e.status === "done") return `${what}: ${countOf(e.done, "device")} re-evaluated; ${changed(e)}.`;
  if (e.status === "queued") return `${what}: re-evaluation queued for ${countOf(e.total, "device")}.`;
  return `${what}: re-evaluating: ${number(Math.min(e.done, e.total))} of ${number(e.total)} devices${e.error ? ` (retrying after an error: ${e.error.slice(0, 120)})` : ""}.`;
}

/**
 * A saved policy re-evaluates the devices it covers in the background: this shows how far it is
 * ("re-evaluating: 1,200 of 2,004 devices"), then what it changed.
 */
export function ReevaluationProgress({ evaluations }: { evaluations: PolicyEvaluationRow[] }) {
  if (!evaluations.length) return null;
  const running = evaluations.some(underWay);
  return (
    <Card title="Policy changes applied to devices" className="mb-4">
      <RefreshWhileRunning running={running} />
      <ul className="space-y-1 text-sm text-slate-700" aria-live="polite" data-testid="policy-reevaluations">
        {evaluations.map((e) => (
          <li key={e.id}>
            {underWay(e) && e.total > 0 && <progress className="mr-2 align-middle" max={e.total} value={Math.min(e.done, e.total)} />}
            {line(e)}
          </li>
        ))}
      </ul>
    </Card>
  );
}
