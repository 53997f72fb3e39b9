import Link from "next/link";
import { TierBadge } from "@/components/devices/badges";
import { hrefWith } from "@/components/ui/filter-chips";
import { ariaSort, SortableHeader, type SortDir, type SortState } from "@/components/ui/sortable-header";
import { ACTIONS_COLUMN, Table } from "@/components/ui/table";
import { canPlanChange } from "@/lib/auth/roles";
import { currentUser } from "@/lib/auth/session";
import type { Fleet } from "@/lib/queries/fleets";

/** The inventory filtered to one fleet (and to the site the view is filtered to, if any). */
export const fleetDevicesHref = (f: Fleet, site?: string) =>
  hrefWith("/inventory", { vendor: f.vendor ?? undefined, model: f.model ?? undefined, firmware: f.firmwareVersion ?? undefined, site });

/** The plan form for one fleet: its vendor, model and firmware (and the site the view shows), as a filter selection. */
export const planUpdateHref = (f: Fleet, site?: string) =>
  hrefWith("/changes/new", { vendor: f.vendor ?? undefined, model: f.model ?? undefined, firmware: f.firmwareVersion ?? undefined, site });

const SITES_SHOWN = 3;

/** The sites a fleet is at: the first few by name, then how many more. */
function Sites({ sites }: { sites: string[] }) {
  if (!sites.length) return <span className="text-slate-500">—</span>;
  const more = sites.length - SITES_SHOWN;
  return (
    <span title={sites.join(", ")}>
      {sites.length} · {sites.slice(0, SITES_SHOWN).join(", ")}
      {more > 0 && `, +${more} more`}
    </span>
  );
}

/**
 * Fleets: devices of one vendor, model and firmware, the unit a clinical engineer patches. The
 * Devices and Worst risk headers sort the list; each fleet links to its devices in the inventory,
 * and, for those who plan firmware changes, to a plan for the fleet (a plan needs a vendor and a model).
 */
export async function FleetTable({ fleets, sort, sortHref, site }: { fleets: Fleet[]; sort: SortState; sortHref: (sort: string, dir: SortDir) => string; site?: string }) {
  const plans = canPlanChange(await currentUser());
  const header = (text: string, column: string) => ({ label: <SortableHeader label={text} column={column} current={sort} href={sortHref} />, className: "", sort: ariaSort(column, sort) });
  return (
    <Table columns={["Vendor", "Model", "Firmware", header("Devices", "count"), "Sites", header("Worst risk", "risk"), "Open advisories"]} last={plans ? ACTIONS_COLUMN : undefined} testId="fleet-table">
      {fleets.map((f) => (
        <tr key={`${f.vendor}|${f.model}|${f.firmwareVersion}`} className="border-b border-slate-100 align-top hover:bg-slate-50">
          <td className="py-2 pr-4">{f.vendor ?? <span className="text-slate-500">Unknown</span>}</td>
          <td className="py-2 pr-4">{f.model ?? <span className="text-slate-500">Unknown</span>}</td>
          <td className="py-2 pr-4 font-mono text-xs">{f.firmwareVersion ?? <span className="font-sans text-slate-500">Unknown</span>}</td>
          <td className="py-2 pr-4 tabular-nums">
            <Link href={fleetDevicesHref(f, site)} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline" aria-label={`${f.count} devices: ${[f.vendor, f.model, f.firmwareVersion].filter(Boolean).join(" ")}`}>
              {f.count.toLocaleString("en-US")}
            </Link>
          </td>
          <td className="py-2 pr-4 text-xs"><Sites sites={f.sites} /></td>
          <td className="py-2 pr-4"><TierBadge tier={f.worstTier} score={f.worstScore} /></td>
          <td className="py-2 pr-4 tabular-nums">{f.openAdvisories}</td>
          {plans && (
            <td className="py-2 text-xs">
              {f.vendor && f.model ? (
                <Link href={planUpdateHref(f, site)} prefetch={false} className="text-brand-700 underline">Plan update<span className="sr-only"> for {[f.vendor, f.model, f.firmwareVersion].filter(Boolean).join(" ")}</span></Link>
              ) : null}
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}
