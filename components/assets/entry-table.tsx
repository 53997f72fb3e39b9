import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import { Badge } from "@/components/ui/badge";
import type { FormAction } from "@/components/ui/action-form";
import { Table, ACTIONS_COLUMN } from "@/components/ui/table";
import { utcMinute } from "@/lib/domain/words/time-format";
import type { AssetEntry, EntryTab } from "@/lib/queries/assets";
import { ClearNotNetworkButton, NotNetworkForm, UnlinkButton } from "./entry-actions";
import { MismatchList } from "./mismatch-list";

export type EntryActions = { unlink: FormAction; notNetwork: FormAction; clearNotNetwork: FormAction };

export const LINK_WORDS: Record<string, string> = { serial: "serial + manufacturer", mac: "MAC", asset_tag: "asset tag in hostname", hostname: "hostname", ip: "IP", manual: "by hand" };

/** A page of register entries; `actions` (canManageAssetRegister) adds link, unlink and "not a network device". */
export function EntryTable({ tab, entries, actions, linkHref }: { tab: EntryTab; entries: AssetEntry[]; actions: EntryActions | null; linkHref: (assetId: string) => string }) {
  return (
    <Table columns={["Asset tag", "Register says", "Department / location", "Device on the network", "Link"]} last={actions ? ACTIONS_COLUMN : undefined} testId="entry-table" caption="Register entries">
      {entries.map((e) => (
        <tr key={e.id} className="border-b border-slate-100 align-top hover:bg-slate-50" data-asset-tag={e.assetTag}>
          <td className="py-2 pr-4">
            <span className="font-medium">{e.assetTag}</span>
            <p className="text-xs text-slate-500">{e.source.name}</p>
          </td>
          <td className="py-2 pr-4 text-xs">
            {[e.manufacturer, e.model].filter(Boolean).join(" · ") || "—"}
            <p className="font-mono text-slate-600">{[e.serial && `S/N ${e.serial}`, e.mac, e.hostname, e.ip].filter(Boolean).join(" · ")}</p>
            <MismatchList mismatches={e.mismatches} />
            {e.notNetworkReason && <p className="text-slate-600">Not a network device: {e.notNetworkReason} ({e.notNetworkBy})</p>}
          </td>
          <td className="py-2 pr-4 text-xs">{[e.department, e.location].filter(Boolean).join(" / ") || "—"}</td>
          <td className="py-2 pr-4 text-xs">
            {e.device ? (
              <>
                <Link href={`/devices/${e.device.id}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">{e.device.displayName}</Link>
                <p className="tabular-nums text-slate-600">last seen {utcMinute(e.device.lastSeenAt)}</p>
                <TierBadge tier={e.device.riskTier} score={e.device.riskScore} />
              </>
            ) : (
              <span className="text-slate-600">never seen</span>
            )}
          </td>
          <td className="py-2 pr-4 text-xs">
            {e.linkKey ? <Badge tone={e.linkConfidence === "high" ? "ok" : e.linkConfidence === "low" ? "warn" : "info"}>{LINK_WORDS[e.linkKey] ?? e.linkKey}{e.linkConfidence ? `, ${e.linkConfidence}` : ""}</Badge> : "—"}
            {e.linkedBy && <p className="text-slate-500">by {e.linkedBy}</p>}
          </td>
          {actions && (
            <td className="py-2 text-xs">
              <div className="flex flex-col items-start gap-2">
                {(tab === "missing" || tab === "mismatched") && (
                  <Link href={linkHref(e.id)} prefetch={false} className="text-brand-700 underline">Link <span className="sr-only">{e.assetTag} </span>to a device…</Link>
                )}
                {e.deviceId && tab !== "retired" && <UnlinkButton action={actions.unlink} assetId={e.id} deviceId={e.deviceId} tag={e.assetTag} />}
                {(tab === "missing" || tab === "mismatched") && <NotNetworkForm action={actions.notNetwork} assetId={e.id} tag={e.assetTag} />}
                {tab === "not_network" && <ClearNotNetworkButton action={actions.clearNotNetwork} assetId={e.id} tag={e.assetTag} />}
              </div>
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}
