import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/components/ui/action-form";
import { readDismissal } from "@/lib/domain/identity/spoof-dismissal";
import { utcMinute } from "@/lib/domain/words/time-format";
import { SpoofDecisionForm, type SplitChoice } from "./spoof-decision-form";

type SpoofDevice = {
  id: string;
  displayName: string;
  status: string;
  spoofSuspected: boolean;
  spoofConfirmedAt: Date | null;
  spoofConfirmedBy: string | null;
  spoofConfirmedReason: string | null;
  spoofDismissal: unknown;
  splitFromId: string | null;
  currentFingerprintId: string | null;
};
type SpoofAlert = { kind: string; status: string; title: string; detail: unknown };
type HistoryFingerprint = { id: string; hash: string; firstSeenAt: Date; seenCount: number };

/** The open spoof alert's findings, in the words ingestion wrote them. */
function findingsOf(alerts: SpoofAlert[]): string[] {
  const open = alerts.find((a) => a.kind === "spoof" && a.status !== "resolved");
  if (!open) return [];
  const findings = (open.detail as { findings?: { summary?: unknown }[] } | null)?.findings ?? [];
  const summaries = findings.map((f) => f?.summary).filter((s): s is string => typeof s === "string");
  return summaries.length ? summaries : [open.title];
}

function dismissalWords(value: unknown, now: Date): string | null {
  const d = readDismissal(value);
  if (!d || (d.until && Date.parse(d.until) <= now.getTime())) return null;
  const holds = d.until ? `until ${utcMinute(new Date(d.until))}` : `while its fingerprint ${d.fingerprint ? `${d.fingerprint.slice(0, 12)}… ` : ""}stays the same`;
  return `Spoof findings (${d.rules.join(", ")}) dismissed as false positive by ${d.by || "someone"}${d.at ? ` at ${utcMinute(new Date(d.at))}` : ""}, ${holds}.`;
}

/**
 * The device page's spoof card: what the physical evidence says, what a person decided, and, for
 * analysts and admins (`decide`), the decisions: confirm, dismiss as false positive, split.
 * Shown while a device is suspect, confirmed, dismissed, or split off another.
 */
export function SpoofDecisionCard({ device: d, alerts, fingerprints, decide, now }: { device: SpoofDevice; alerts: SpoofAlert[]; fingerprints: HistoryFingerprint[]; decide: FormAction | null; now: Date }) {
  const dismissed = dismissalWords(d.spoofDismissal, now);
  if (!d.spoofSuspected && !d.spoofConfirmedAt && !dismissed && !d.splitFromId) return null;
  const findings = findingsOf(alerts);
  const choices: SplitChoice[] = fingerprints.map((f) => ({ id: f.id, label: `${f.hash.slice(0, 12)}… first seen ${utcMinute(f.firstSeenAt)}, ${f.seenCount}×${f.id === d.currentFingerprintId ? " (current)" : ""}` }));
  const other = fingerprints.find((f) => f.id !== d.currentFingerprintId)?.id;
  return (
    <Card title="Spoof findings" className="mb-4">
      <div className="flex flex-col gap-3 text-sm">
        {d.spoofConfirmedAt && (
          <p className="rounded-md bg-red-50 p-2 text-red-900">Spoof confirmed by {d.spoofConfirmedBy} at {utcMinute(d.spoofConfirmedAt)}: {d.spoofConfirmedReason}</p>
        )}
        {dismissed && <p className="text-slate-700">{dismissed}</p>}
        {d.splitFromId && (
          <p className="text-slate-700">
            Split off <Link href={`/devices/${d.splitFromId}`} prefetch={false} className="text-brand-700 underline">the device whose claimed identity it shares</Link>: reports go to each by physical fingerprint.
          </p>
        )}
        {d.spoofSuspected && (findings.length ? (
          <ul className="list-disc pl-5 text-slate-800">{findings.map((f) => <li key={f}>{f}</li>)}</ul>
        ) : (
          <p className="text-slate-700">An earlier report&apos;s physical evidence contradicts the claimed identity (no open spoof alert).</p>
        ))}
        {decide && (d.spoofSuspected || d.spoofConfirmedAt) && (
          <SpoofDecisionForm action={decide} id={d.id} device={d.displayName} status={d.status} confirmed={!!d.spoofConfirmedAt} choices={choices} defaultChoice={other} />
        )}
      </div>
    </Card>
  );
}
