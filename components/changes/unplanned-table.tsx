import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import type { FormAction } from "@/components/ui/action-form";
import { ACTIONS_COLUMN, Table } from "@/components/ui/table";
import { fingerprintWords } from "@/lib/domain/words/change-words";
import { whenUtc } from "@/lib/domain/words/time-format";
import type { FirmwareChangeRow } from "@/lib/queries/changes";
import { DirectionBadge } from "./change-badges";
import { ReviewChangeForm } from "./review-form";

type Verdict = Parameters<typeof fingerprintWords>[0];

/** Unplanned firmware changes: the device, from → to, the fingerprint's verdict, when; a review form for those who may. */
export function UnplannedTable({ changes, review }: { changes: FirmwareChangeRow[]; review: FormAction | null }) {
  return (
    <Table columns={["Device", "Change", "Physical fingerprint", "Seen"]} last={review ? ACTIONS_COLUMN : "Review"} caption="Unplanned firmware changes" testId="unplanned-table">
      {changes.map((c) => {
        const change = `${c.fromVersion} → ${c.toVersion}`;
        return (
          <tr key={c.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
            <td className="py-2 pr-4">
              <Link href={`/devices/${c.deviceId}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">{c.device.displayName}</Link>
              <p><TierBadge tier={c.device.riskTier} score={c.device.riskScore} /></p>
            </td>
            <td className="py-2 pr-4"><span className="font-mono text-xs">{change}</span> <DirectionBadge direction={c.direction} /></td>
            <td className="py-2 pr-4 text-xs">{fingerprintWords((c.fingerprint ?? null) as Verdict)}</td>
            <td className="py-2 pr-4 text-xs tabular-nums">{whenUtc(c.seenAt)}</td>
            <td className="py-2 text-xs">
              {c.reviewedAt
                ? <span>Reviewed by {c.reviewedBy ?? "—"}, {whenUtc(c.reviewedAt)}: {c.reviewReason}</span>
                : review ? <ReviewChangeForm action={review} changeId={c.id} deviceId={c.deviceId} device={c.device.displayName} change={change} /> : <span className="text-slate-600">not reviewed</span>}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
