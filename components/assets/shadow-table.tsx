import Link from "next/link";
import { DeviceCells, type ListedDevice } from "@/components/devices/device-cells";
import { Table } from "@/components/ui/table";

/** Shadow assets: devices on the network that no register lists, riskiest first. */
export function ShadowTable({ devices }: { devices: ListedDevice[] }) {
  return (
    <Table columns={["Device", "Category", "Vendor / model", "MAC / IP", "Where", "Status", "Risk", "Last seen (UTC)"]} testId="shadow-table" caption="Shadow devices">
      {devices.map((d) => (
        <tr key={d.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
          <td className="py-2 pr-4">
            <Link href={`/devices/${d.id}`} prefetch={false} className="font-medium text-brand-700 underline-offset-2 hover:underline">{d.displayName}</Link>
          </td>
          <DeviceCells device={d} />
        </tr>
      ))}
    </Table>
  );
}
