// The review queue's two lists: possible matches with their reason and the decision buttons, and
// the decisions made, with who, when and an undo.
import Link from "next/link";
import { MatchDecisionButtons, UndoMatchDecisionButton } from "@/components/devices/match-decision-buttons";
import { whyMatched } from "@/components/devices/vulnerabilities-card";
import { Badge } from "@/components/ui/badge";
import type { FormAction } from "@/components/ui/action-form";
import { ACTIONS_COLUMN, Table } from "@/components/ui/table";
import { whenUtc } from "@/lib/domain/words/time-format";
import type { DecidedMatch, PossibleMatch } from "@/lib/queries/match-review";

const cell = "py-2 pr-4 align-top";

function DeviceCell({ id, name, detail }: { id: string; name: string; detail: string | null }) {
  return (
    <td className={cell}>
      <Link href={`/devices/${id}`} prefetch={false} className="font-medium text-brand-700 underline">{name}</Link>
      {detail && <span className="block text-xs text-slate-500">{detail}</span>}
    </td>
  );
}

export function PossibleMatchesTable({ matches, decide }: { matches: PossibleMatch[]; decide: FormAction | null }) {
  return (
    <Table columns={["Device", "CVE", "Advisory", "Why it may apply", "KEV", "CVSS", "Risk"]} last={decide ? ACTIONS_COLUMN : undefined} caption="Possible matches" testId="possible-matches">
      {matches.map((m) => {
        const d = m.device;
        const names = [d.vendor ?? d.claimedVendor, d.model ?? d.claimedModel, d.firmwareVersion ?? d.claimedFirmware].filter(Boolean).join(" · ");
        return (
          <tr key={m.id} className="border-b border-slate-100" data-testid="possible-match">
            <DeviceCell id={m.deviceId} name={d.displayName} detail={[names, d.site?.name].filter(Boolean).join(" — ") || null} />
            <td className={cell}><span className="whitespace-nowrap font-mono text-xs">{m.vulnerabilityId}</span>{m.vulnerability.title && <span className="block text-xs text-slate-500">{m.vulnerability.title}</span>}</td>
            <td className={`${cell} whitespace-nowrap text-xs`}>{m.advisoryId ?? (m.source === "sbom" ? "SBOM" : "—")}</td>
            <td className={`${cell} text-xs`}><ul className="flex flex-col gap-0.5">{whyMatched(m.reason).map((w, i) => <li key={i}>{w}</li>)}</ul></td>
            <td className={cell}>{m.vulnerability.kev ? <Badge tone="danger">KEV</Badge> : "—"}</td>
            <td className={`${cell} tabular-nums`}>{m.vulnerability.cvssBaseScore?.toFixed(1) ?? "—"}</td>
            <td className={`${cell} tabular-nums`}>{d.riskScore ?? "—"} <span className="text-xs text-slate-500">{d.riskTier}</span></td>
            {decide && <td className="py-2 align-top"><MatchDecisionButtons action={decide} deviceId={m.deviceId} cve={m.vulnerabilityId} /></td>}
          </tr>
        );
      })}
    </Table>
  );
}

/** What the decision means now: a dismissal the advisories have since overruled is said plainly. */
function NowCell({ d }: { d: DecidedMatch }) {
  if (d.decision === "dismissed" && d.nowStatus === "affected") return <Badge tone="danger">dismissed earlier, now affected</Badge>;
  if (d.decision === "confirmed") return d.nowStatus ? <Badge tone="danger">affected</Badge> : <Badge tone="ok">no longer matches</Badge>;
  return <Badge tone="neutral">not counted</Badge>;
}

export function DecidedMatchesTable({ decisions, undo }: { decisions: DecidedMatch[]; undo: FormAction | null }) {
  return (
    <Table columns={["Device", "CVE", "Decision", "Now", "Note", "Who and when"]} last={undo ? ACTIONS_COLUMN : undefined} caption="Decided matches" testId="decided-matches">
      {decisions.map((d) => (
        <tr key={d.id} className="border-b border-slate-100" data-testid="decided-match">
          <DeviceCell id={d.deviceId} name={d.device?.displayName ?? d.deviceId} detail={d.device?.site ?? null} />
          <td className={`${cell} font-mono text-xs`}>{d.cve}</td>
          <td className={cell}>{d.decision === "confirmed" ? "Confirmed" : "Dismissed"}</td>
          <td className={cell}><NowCell d={d} /></td>
          <td className={`${cell} text-xs`}>{d.note ?? "—"}</td>
          <td className={`${cell} text-xs`}>{d.decidedBy}<span className="block text-slate-500">{whenUtc(d.decidedAt)}</span></td>
          {undo && <td className="py-2 align-top"><UndoMatchDecisionButton action={undo} deviceId={d.deviceId} cve={d.cve} /></td>}
        </tr>
      ))}
    </Table>
  );
}
