import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import type { FormAction } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { CATEGORY_LABELS, label } from "@/lib/domain/words/vocabulary";
import type { AssetEntry, devicesToLink } from "@/lib/queries/assets";
import { LinkButton } from "./entry-actions";

type Candidate = Awaited<ReturnType<typeof devicesToLink>>[number];

/**
 * Linking one entry by hand: a device search (name, MAC, serial, IP: the inventory's search) and
 * a Link button per result. A plain GET form, so the search lives in the URL like every filter.
 */
export function LinkPanel({ entry, query, candidates, action, hidden, closeHref }: {
  entry: AssetEntry;
  query: string;
  candidates: Candidate[];
  action: FormAction;
  hidden: Record<string, string | number | undefined>;
  closeHref: string;
}) {
  return (
    <Card title={`Link ${entry.assetTag} to a device`} className="mb-4">
      <p className="mb-2 text-sm text-slate-600">
        The register says: {[entry.manufacturer, entry.model, entry.serial && `S/N ${entry.serial}`, entry.mac, entry.hostname].filter(Boolean).join(" · ") || "no identifiers"}. A link made by hand is never moved by the reconciliation.
      </p>
      <form method="get" action="/assets" role="search" aria-label="Find a device to link" className="mb-3 flex flex-wrap items-end gap-2">
        {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
        <input type="hidden" name="link" value={entry.id} />
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Device
          <input name="dq" type="search" defaultValue={query} maxLength={100} placeholder="Name, MAC, serial, IP" className={inputClass} />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">Search</button>
        <Link href={closeHref} className="rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Close</Link>
      </form>
      {query && candidates.length === 0 && <p className="text-sm text-slate-600">No device matches &lsquo;{query}&rsquo;.</p>}
      {candidates.length > 0 && (
        <ul aria-label="Devices found" className="divide-y divide-slate-100">
          {candidates.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                <Link href={`/devices/${d.id}`} prefetch={false} className="font-medium text-brand-700 underline">{d.displayName}</Link>{" "}
                <span className="text-xs text-slate-600">{label(CATEGORY_LABELS, d.category)} · {[d.vendor, d.model].filter(Boolean).join(" ") || "—"} · <span className="font-mono">{d.claimedMac ?? d.claimedIp ?? ""}</span></span>{" "}
                <TierBadge tier={d.riskTier} score={d.riskScore} />
              </span>
              <LinkButton action={action} assetId={entry.id} deviceId={d.id} deviceName={d.displayName} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
