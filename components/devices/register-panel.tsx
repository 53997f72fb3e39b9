import Link from "next/link";
import { LinkedAsUnlink } from "@/components/devices/register-unlink";
import type { FormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { whenUtc } from "@/lib/domain/words/time-format";
import { registerEntryOfDevice } from "@/lib/queries/assets";

/** What the network says of the device, for the fields a register also holds. */
export type NetworkSide = {
  id: string; status: string; vendor: string | null; model: string | null; claimedSerial: string | null; claimedMac: string | null;
  claimedHostname: string | null; claimedIp: string | null; firmwareVersion: string | null; department: string | null; location: string | null;
};

const LINK_WORDS: Record<string, string> = { serial: "serial and manufacturer", mac: "MAC", asset_tag: "asset tag in its hostname", hostname: "hostname", ip: "IP address", manual: "a person" };
const STATE_WORDS: Record<string, string> = { reconciled: "reconciled", mismatched: "mismatched", missing: "missing", not_network: "not a network device", retired: "retired" };

/**
 * The device's register entry beside what the network says, each disagreement marked; "shadow
 * asset" when no register lists it. `unlink` for people who manage the register.
 */
export async function RegisterPanel({ device: d, unlink }: { device: NetworkSide; unlink: FormAction | null }) {
  const entry = await registerEntryOfDevice(d.id);
  if (!entry) {
    return (
      <Card title="Register entry" className="mt-4">
        <p className="text-sm text-slate-700" data-testid="register-panel">
          {d.status === "retired" ? "Retired, and in no register." : <><Badge tone="warn">shadow asset</Badge> In no register: nobody has recorded who owns or maintains it.</>}{" "}
          <Link href="/assets?tab=missing" className="text-brand-700 underline">Find its entry among the missing</Link> and link it, or add it to the CMMS (the Shadow tab exports the list in the register&apos;s columns).
        </p>
      </Card>
    );
  }
  const disagrees = new Set(entry.mismatches.map((m) => (m.field === "firmwareVersion" ? "firmware" : m.field)));
  const firmware = entry.mismatches.find((m) => m.field === "firmware" || m.field === "firmwareVersion");
  const rows: [key: string, label: string, register: string | null, network: string | null][] = [
    ["manufacturer", "Manufacturer", entry.manufacturer, d.vendor],
    ["model", "Model", entry.model, d.model],
    ["firmware", "Firmware", firmware?.register ?? null, d.firmwareVersion],
    ["serial", "Serial", entry.serial, d.claimedSerial],
    ["mac", "MAC", entry.mac, d.claimedMac],
    ["hostname", "Hostname", entry.hostname, d.claimedHostname],
    ["ip", "IP", entry.ip, d.claimedIp],
    ["department", "Department", entry.department, d.department],
    ["location", "Location", entry.location, d.location],
  ];
  return (
    <Card title="Register entry" className="mt-4">
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-testid="register-panel">
        <span className="font-medium">{entry.assetTag}</span>
        <span className="text-slate-600">in {entry.source.name}</span>
        <Badge tone={entry.state === "reconciled" ? "ok" : entry.state === "mismatched" ? "warn" : "neutral"}>{STATE_WORDS[entry.state] ?? entry.state}</Badge>
        {entry.linkKey && (
          <span className="text-slate-600">
            linked by {LINK_WORDS[entry.linkKey] ?? entry.linkKey}{entry.linkConfidence ? ` (${entry.linkConfidence} confidence)` : ""}{entry.linkedBy ? `, ${entry.linkedBy}` : ""}{entry.linkedAt ? `, ${whenUtc(entry.linkedAt)}` : ""}
          </span>
        )}
      </div>
      <Table columns={["Field", "Register says", "Network says"]} stack={false} caption="The register entry beside what the network says">
        {rows.map(([key, name, register, network]) => (
          <tr key={key} className={`border-b border-slate-100 ${disagrees.has(key) ? "bg-amber-50" : ""}`}>
            <th scope="row" className="py-1 pr-4 font-medium text-slate-700">{name}{disagrees.has(key) && <span className="ml-2"><Badge tone="warn">disagrees</Badge></span>}</th>
            <td className="py-1 pr-4">{register ?? "—"}</td>
            <td className="py-1 pr-4">{network ?? "—"}</td>
          </tr>
        ))}
      </Table>
      {entry.owner && <p className="mt-2 text-xs text-slate-600">Owner (register): {entry.owner}</p>}
      {unlink && <div className="mt-3"><LinkedAsUnlink action={unlink} assetId={entry.id} deviceId={d.id} tag={entry.assetTag} /></div>}
    </Card>
  );
}
