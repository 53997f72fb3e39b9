import Link from "next/link";
import { DeviceStateBadge, DirectionBadge, PlanStateBadge } from "@/components/changes/change-badges";
import { ReviewChangeForm } from "@/components/changes/review-form";
import type { FormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { failureSentence, fingerprintWords } from "@/lib/domain/words/change-words";
import { whenUtc } from "@/lib/domain/words/time-format";
import { firmwareHistory, type FirmwareHistory } from "@/lib/queries/changes";

export type FirmwareDevice = { id: string; displayName: string; firmwareVersion: string | null; firmwareFlaggedAt: Date | null; firstSeenAt: Date; status: string };
type Change = FirmwareHistory["changes"][number];
type Verdict = Parameters<typeof fingerprintWords>[0];
type Failure = Parameters<typeof failureSentence>[0];

const KIND_WORDS: Record<string, string> = { planned: "planned", contingency: "contingency (retry or rollback)", unplanned: "unplanned" };

/** Under which plan a change happened, or that none covered it, and its review. */
function Under({ c, device, review }: { c: Change; device: FirmwareDevice; review: FormAction | null }) {
  if (c.kind === null) return <span className="text-slate-600">being classified…</span>;
  if (c.kind !== "unplanned") return <span>{KIND_WORDS[c.kind] ?? c.kind}{c.planId && <>, plan <Link href={`/changes/${c.planId}`} prefetch={false} className="text-brand-700 underline">{c.planTitle ?? "open it"}</Link></>}</span>;
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge tone={c.reviewedAt ? "neutral" : "danger"}>unplanned</Badge>
      {c.reviewedAt
        ? <span className="text-slate-600">reviewed by {c.reviewedBy ?? "—"}, {whenUtc(c.reviewedAt)}: {c.reviewReason}</span>
        : review && <ReviewChangeForm action={review} changeId={c.id} deviceId={device.id} device={device.displayName} change={`${c.fromVersion} → ${c.toVersion}`} />}
    </div>
  );
}

/**
 * The device page's firmware section: the version it runs, every change it reported (when, from
 * and to what, the fingerprint's verdict, under which plan), the plans it is in, the unplanned
 * flag with its review, and a link to plan an update.
 */
export async function FirmwareVersions({ device, review, plan }: { device: FirmwareDevice; review: FormAction | null; plan: boolean }) {
  const { changes, plans } = await firmwareHistory(device.id);
  const oldest = changes.at(-1);
  return (
    <Card title="Firmware" className="mt-4">
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-testid="firmware-section">
        <span>Runs <span className="font-mono">{device.firmwareVersion ?? "an unknown version"}</span></span>
        {device.firmwareFlaggedAt && <Badge tone="danger">unplanned firmware change since {whenUtc(device.firmwareFlaggedAt)}: review it below</Badge>}
        {plan && device.status !== "retired" && <Link href={`/changes/new?device=${encodeURIComponent(device.id)}`} className="text-brand-700 underline">Plan a firmware update</Link>}
      </div>
      {plans.length > 0 && (
        <ul className="mb-3 flex flex-col gap-1 text-sm" aria-label="Plans for this device">
          {plans.map((p) => (
            <li key={p.plan.id}>
              <Link href={`/changes/${p.plan.id}`} prefetch={false} className="text-brand-700 underline">{p.plan.title}</Link> (to {p.plan.targetVersion}, window {whenUtc(p.plan.windowStart)}) <PlanStateBadge state={p.plan.state} /> <DeviceStateBadge state={p.state} />
              {p.failure && <span className="text-xs text-red-800"> {failureSentence(p.failure as Failure, p.reportedVersion ?? p.fromVersion)}</span>}
            </li>
          ))}
        </ul>
      )}
      {changes.length === 0 ? (
        <p className="text-sm text-slate-600">No firmware change seen since it was first seen ({whenUtc(device.firstSeenAt)}).</p>
      ) : (
        <Table columns={["Seen", "Version", "Physical fingerprint"]} last="Under" caption="Every firmware version seen, newest first" testId="firmware-history">
          {changes.map((c) => (
            <tr key={c.id} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-4 text-xs tabular-nums">{whenUtc(c.seenAt)}</td>
              <td className="py-2 pr-4"><span className="font-mono text-xs">{c.fromVersion} → {c.toVersion}</span> <DirectionBadge direction={c.direction} /></td>
              <td className="py-2 pr-4 text-xs">{fingerprintWords((c.fingerprint ?? null) as Verdict)}</td>
              <td className="py-2 text-xs"><Under c={c} device={device} review={review} /></td>
            </tr>
          ))}
          {oldest && (
            <tr className="border-b border-slate-100 align-top">
              <td className="py-2 pr-4 text-xs tabular-nums">{whenUtc(device.firstSeenAt)}</td>
              <td className="py-2 pr-4"><span className="font-mono text-xs">{oldest.fromVersion}</span></td>
              <td className="py-2 pr-4 text-xs">—</td>
              <td className="py-2 text-xs text-slate-600">first seen</td>
            </tr>
          )}
        </Table>
      )}
    </Card>
  );
}
