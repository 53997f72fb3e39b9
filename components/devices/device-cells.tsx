import { StatusBadge, TierBadge } from "@/components/devices/badges";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { utcMinute } from "@/lib/domain/words/time-format";
import type { listDevices } from "@/lib/queries/devices";

export type ListedDevice = Awaited<ReturnType<typeof listDevices>>["devices"][number];

/**
 * A device list's cells after the device's name, in the inventory's columns: category, vendor and
 * model, MAC and IP, where, status, risk, last seen. The inventory and the Assets view's shadow
 * tab show the same columns, so a device reads the same in both.
 */
export function DeviceCells({ device: d }: { device: ListedDevice }) {
  return (
    <>
      <td className="py-2 pr-4">{label(CATEGORY_LABELS, d.category)}</td>
      <td className="py-2 pr-4">{[d.vendor, d.model].filter(Boolean).join(" · ") || "—"}</td>
      <td className="py-2 pr-4 font-mono text-xs">{d.claimedMac ?? "—"}<br />{d.claimedIp ?? ""}</td>
      <td className="py-2 pr-4 text-xs">{[d.site?.name, d.segment?.label ?? d.segment?.name].filter(Boolean).join(" / ") || "—"}</td>
      <td className="py-2 pr-4"><StatusBadge status={d.status} /></td>
      <td className="py-2 pr-4"><TierBadge tier={d.riskTier} score={d.riskScore} /></td>
      <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{utcMinute(d.lastSeenAt)}</td>
    </>
  );
}
