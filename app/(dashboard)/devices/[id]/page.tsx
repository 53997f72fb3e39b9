import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusBadge, TierBadge } from "@/components/devices/badges";
import { DeviceDecision } from "@/components/devices/device-decision";
import { FingerprintHistory } from "@/components/devices/fingerprint-history";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canApproveDevice } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/vocabulary";
import { whenUtc } from "@/lib/format";
import { getDeviceDetail } from "@/lib/queries/device-detail";
import { decideDeviceAction } from "./actions";

export const metadata: Metadata = { title: "Device" };

const when = (d: Date | null | undefined) => whenUtc(d, "second");

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="break-all">{v ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const detail = await getDeviceDetail(id.slice(0, 64));
  if (!detail) notFound();
  const { device: d, fingerprints, observations, alerts, audit } = detail;
  return (
    <>
      <PageHeader title={d.displayName} description={`${label(CATEGORY_LABELS, d.category)} · ${[d.vendor, d.model].filter(Boolean).join(" ") || "vendor unknown"}`} />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <StatusBadge status={d.status} />
        <TierBadge tier={d.riskTier} score={d.riskScore} />
        {d.spoofSuspected && <Badge tone="danger">spoof suspected</Badge>}
        {d.notSeenAt && <Badge>not seen since {when(d.notSeenAt)}</Badge>}
        {d.statusReason && <span className="text-sm text-slate-600">— {d.statusReason}</span>}
      </div>
      {canApproveDevice(user) && (
        <Card className="mb-4">
          <DeviceDecision action={decideDeviceAction} id={d.id} />
        </Card>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="What it claims to be (can be forged)">
          <Facts rows={[["MAC", d.claimedMac], ["IP", d.claimedIp], ["Hostname", d.claimedHostname], ["Vendor", d.claimedVendor], ["Model", d.claimedModel], ["Serial", d.claimedSerial], ["Firmware", d.claimedFirmware], ["USB", d.usbVendorId ? `${d.usbVendorId}:${d.usbProductId} ${d.usbManufacturer ?? ""} ${d.usbProduct ?? ""} ${d.usbSerial ? `serial ${d.usbSerial}` : ""}` : null], ["OS", d.os]]} />
        </Card>
        <Card title="What the evidence says">
          <Facts
            rows={[
              ["OUI registry", d.ouiVendor ?? (d.macLocallyAdministered ? "locally administered MAC (randomized or set by software)" : null)],
              ["usb.ids", d.usbIdsVendor ? `${d.usbIdsVendor}${d.usbIdsProduct ? ` — ${d.usbIdsProduct}` : ""}` : null],
              ["Category", `${label(CATEGORY_LABELS, d.category)} (rule ${d.categoryRule ?? "—"})`],
              ["Criticality", `${label(CRITICALITY_LABELS, d.criticality)} (${d.criticalitySource})`],
              ["Site / segment", [d.site?.name, d.segment ? `${d.segment.name} (${d.segment.exposure.replace(/_/g, " ")})` : null].filter(Boolean).join(" / ") || null],
              ["Switch port", d.switchPort],
              ["First / last seen", `${when(d.firstSeenAt)} → ${when(d.lastSeenAt)}`],
              ["Identity keys", d.identifiers.map((i) => `${i.kind}: ${i.value}`).join(", ")],
            ]}
          />
        </Card>
      </div>
      <Card title="Physical fingerprint history" className="mt-4">
        <FingerprintHistory fingerprints={fingerprints.map((f) => ({ id: f.id, hash: f.hash, verdict: f.verdict, similarity: f.similarity, firstSeenAt: f.firstSeenAt, lastSeenAt: f.lastSeenAt, seenCount: f.seenCount, attributes: f.attributes as Record<string, unknown> }))} />
      </Card>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title="Alerts">
          {alerts.length === 0 ? <p className="text-sm text-slate-600">No alert.</p> : (
            <ul className="flex flex-col gap-2 text-sm">
              {alerts.map((a) => (
                <li key={a.id}><Badge tone={a.severity === "critical" ? "danger" : a.severity === "high" ? "warn" : "neutral"}>{a.kind.replace(/_/g, " ")}</Badge> {a.title} <span className="text-xs text-slate-500">×{a.count}, {a.status}, last {when(a.lastAt)}</span></li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Audit trail">
          {audit.length === 0 ? <p className="text-sm text-slate-600">Nobody has changed this device.</p> : (
            <ul className="flex flex-col gap-1 text-sm">
              {audit.map((e) => <li key={e.id}>{when(e.at)} — <span className="font-medium">{e.actorLabel}</span> {e.action}</li>)}
            </ul>
          )}
        </Card>
      </div>
      <Card title="Observations (newest 50)" className="mt-4">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr><th scope="col" className="py-2 pr-4">Observed</th><th scope="col" className="py-2 pr-4">Agent</th><th scope="col" className="py-2 pr-4">Channel</th><th scope="col" className="py-2 pr-4">Segment</th><th scope="col" className="py-2">IP</th></tr>
            </thead>
            <tbody>
              {observations.map((o) => (
                <tr key={o.id} className="border-b border-slate-100"><td className="py-1 pr-4 tabular-nums">{when(o.observedAt)}{o.action === "removed" ? " (removed)" : ""}</td><td className="py-1 pr-4">{o.agent.name}</td><td className="py-1 pr-4">{o.channel}</td><td className="py-1 pr-4">{o.segment ?? "—"}</td><td className="py-1 font-mono text-xs">{o.ip ?? "—"}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
