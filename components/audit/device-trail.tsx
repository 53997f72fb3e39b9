import Link from "next/link";
import { whenUtc } from "@/lib/domain/words/time-format";
import { auditReason } from "@/lib/queries/audit-names";

type TrailEntry = { id: string; at: Date; actorLabel: string; action: string; after: unknown };

/**
 * A device's audit trail on its page: who did what, when, and the reason they gave (a block, a
 * retirement, an accepted risk, a match decision). `fullLog` links to the device's whole trail in
 * the audit log, for the people who may read it.
 */
export function DeviceAuditTrail({ entries, fullLog }: { entries: TrailEntry[]; fullLog?: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">Nobody has changed this device.</p>;
  return (
    <>
      <ul className="flex flex-col gap-1 text-sm">
        {entries.map((e) => {
          const reason = auditReason(e.after);
          return (
            <li key={e.id}>
              {whenUtc(e.at, "second")} — <span className="font-medium">{e.actorLabel}</span> {e.action}
              {reason && <span className="block pl-4 text-slate-600">Reason: “{reason}”</span>}
            </li>
          );
        })}
      </ul>
      {fullLog && <Link href={fullLog} className="mt-2 inline-block text-sm text-brand-700 underline">The whole trail in the audit log</Link>}
    </>
  );
}
