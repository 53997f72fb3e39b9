import Link from "next/link";
import { DeviceCells, type ListedDevice } from "@/components/devices/device-cells";
import { Badge } from "@/components/ui/badge";
import { ariaSort, SortableHeader, type SortDir, type SortState } from "@/components/ui/sortable-header";
import { Table } from "@/components/ui/table";
import { CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";

/**
 * A page of the inventory: what each device claims to be, where it is, and how risky it is. The
 * Device, Risk and Last seen headers sort the list (`sortHref` is the URL in an order).
 */
export function InventoryTable({ devices, sort, sortHref }: { devices: ListedDevice[]; sort: SortState; sortHref: (sort: string, dir: SortDir) => string }) {
  const header = (text: string, column: string, firstDir: SortDir) => ({
    label: <SortableHeader label={text} column={column} current={sort} href={sortHref} firstDir={firstDir} />,
    className: "",
    sort: ariaSort(column, sort),
  });
  return (
    <Table
      columns={[header("Device", "name", "asc"), "Category", "Vendor / model", "MAC / IP", "Where", "Status", header("Risk", "risk", "desc"), header("Last seen (UTC)", "lastSeen", "desc")]}
      testId="inventory-table"
    >
      {devices.map((d) => (
        <tr key={d.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
          <td className="py-2 pr-4">
            <Link href={`/devices/${d.id}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {d.displayName}
            </Link>
            {d.spoofSuspected && <span className="ml-2"><Badge tone="danger">spoof?</Badge></span>}
            {d.notSeenAt && <span className="ml-2"><Badge>not seen</Badge></span>}
            <p className="text-xs text-slate-500">{label(CRITICALITY_LABELS, d.criticality)}</p>
          </td>
          <DeviceCells device={d} />
        </tr>
      ))}
    </Table>
  );
}
