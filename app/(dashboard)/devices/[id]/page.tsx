import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DeviceAuditTrail } from "@/components/audit/device-trail";
import { AcceptanceBanner } from "@/components/devices/acceptance-banner";
import { AllowExactlyLink } from "@/components/devices/allow-exactly-link";
import { StatusBadge, TierBadge } from "@/components/devices/badges";
import { ClinicalContextForm } from "@/components/devices/clinical-context-form";
import { DeviceDecision } from "@/components/devices/device-decision";
import { DevicePlaceCard } from "@/components/devices/device-place-card";
import { EnforcementCard } from "@/components/devices/enforcement-card";
import { FingerprintHistory } from "@/components/devices/fingerprint-history";
import { FirmwareVersions } from "@/components/devices/firmware-versions";
import { RegisterPanel } from "@/components/devices/register-panel";
import { RiskAcceptanceForm } from "@/components/devices/risk-acceptance-form";
import { RiskCard } from "@/components/devices/risk-card";
import { SpoofDecisionCard } from "@/components/devices/spoof-decision-card";
import { SsvcBadge } from "@/components/devices/ssvc-badge";
import { VulnerabilitiesCard } from "@/components/devices/vulnerabilities-card";
import { Badge } from "@/components/ui/badge";
import { Card, Skeleton } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { canAcceptRisk, canApproveDevice, canManageAssetRegister, canDecideSpoof, canEditCriticality, canPlanChange, canReviewFirmware, canReviewMatches, canViewAuditLog, type Actor } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { criticalityForCategory } from "@/lib/domain/risk/criticality";
import { CATEGORY_LABELS, CRITICALITY_LABELS, label } from "@/lib/domain/words/vocabulary";
import { whenUtc } from "@/lib/domain/words/time-format";
import { getDeviceDetail, getRiskAcceptance } from "@/lib/queries/device-detail";
import { assignDevicesAction } from "../../unauthorized/actions";
import { unlinkAssetAction } from "../../assets/actions";
import { reviewFirmwareAction } from "../../changes/actions";
import { decideMatchAction } from "../../review/actions";
import { acceptRiskAction, decideDeviceAction, decideSpoofAction, editClinicalContextAction, editDeviceAction, revokeAcceptanceAction } from "./actions";

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

type Device = NonNullable<Awaited<ReturnType<typeof getDeviceDetail>>>["device"];
const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The forms that change a device's risk, for the roles allowed to use them. */
function RiskForms({ user, d, accepted, now }: { user: Actor; d: Device; accepted: boolean; now: Date }) {
  const editContext = canEditCriticality(user);
  const accept = canAcceptRisk(user) && !accepted;
  if (!editContext && !accept) return null;
  const current = { criticality: d.criticalitySource === "user" ? d.criticality : "default", phi: d.phi, compensatingControls: d.compensatingControls };
  return (
    <div className="mt-4 grid gap-4 lg:grid-cols-2">
      {editContext && (
        <Card title="Clinical context">
          <ClinicalContextForm action={editClinicalContextAction} id={d.id} current={current} categoryDefault={label(CRITICALITY_LABELS, criticalityForCategory(d.category))} />
        </Card>
      )}
      {accept && (
        <Card title="Accept risk">
          <RiskAcceptanceForm action={acceptRiskAction} id={d.id} minDate={utcDay(now.getTime() + DAY_MS)} maxDate={utcDay(now.getTime() + 366 * DAY_MS)} />
        </Card>
      )}
    </div>
  );
}

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const now = new Date();
  const [detail, acceptance] = await Promise.all([getDeviceDetail(id.slice(0, 64)), getRiskAcceptance(id.slice(0, 64))]);
  if (!detail) notFound();
  const { device: d, fingerprints, observations, alerts, audit } = detail;
  const accepted = !!acceptance && acceptance.expiresAt > now;
  return (
    <>
      <PageHeader title={d.displayName} description={`${label(CATEGORY_LABELS, d.category)} · ${[d.vendor, d.model].filter(Boolean).join(" ") || "vendor unknown"}`} />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <StatusBadge status={d.status} />
        <TierBadge tier={d.riskTier} score={d.riskScore} />
        <SsvcBadge label={d.ssvc} />
        {accepted && <Badge tone="info">risk accepted</Badge>}
        {d.spoofSuspected && <Badge tone="danger">spoof suspected</Badge>}
        {d.firmwareFlaggedAt && <Badge tone="danger">unplanned firmware change</Badge>}
        {d.notSeenAt && <Badge>not seen since {when(d.notSeenAt)}</Badge>}
        {d.statusReason && <span className="text-sm text-slate-600">— {d.statusReason}</span>}
      </div>
      {canApproveDevice(user) && (
        <Card className="mb-4">
          <DeviceDecision action={decideDeviceAction} id={d.id} spoofSuspected={d.spoofSuspected} />
        </Card>
      )}
      <SpoofDecisionCard device={d} alerts={alerts} fingerprints={fingerprints} decide={canDecideSpoof(user) ? decideSpoofAction : null} now={now} />
      <AllowExactlyLink user={user} device={d} />
      {acceptance && <AcceptanceBanner acceptance={acceptance} deviceId={d.id} now={now} revoke={canAcceptRisk(user) ? revokeAcceptanceAction : undefined} />}
      <Suspense fallback={<Card title="Risk"><Skeleton className="h-32" /></Card>}>
        <RiskCard deviceId={d.id} />
      </Suspense>
      <RiskForms user={user} d={d} accepted={accepted} now={now} />
      <DevicePlaceCard user={user} device={d} edit={editDeviceAction} assign={assignDevicesAction} />
      <Suspense fallback={<Card title="Register entry" className="mt-4"><Skeleton className="h-16" /></Card>}>
        <RegisterPanel device={d} unlink={canManageAssetRegister(user) ? unlinkAssetAction : null} />
      </Suspense>
      <Suspense fallback={<Card title="Firmware" className="mt-4"><Skeleton className="h-16" /></Card>}>
        <FirmwareVersions device={d} review={canReviewFirmware(user) ? reviewFirmwareAction : null} plan={canPlanChange(user)} />
      </Suspense>
      <div className="mt-4">
        <Suspense fallback={<Card title="Vulnerabilities"><Skeleton className="h-24" /></Card>}>
          <VulnerabilitiesCard deviceId={d.id} decideMatch={canReviewMatches(user) ? decideMatchAction : null} />
        </Suspense>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
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
              ["Site / segment", [d.site?.name, d.segment ? `${d.segment.label ?? d.segment.name} (${d.segment.exposure.replace(/_/g, " ")})` : null].filter(Boolean).join(" / ") || null],
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
      <EnforcementCard deviceId={d.id} />
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
          <DeviceAuditTrail entries={audit} fullLog={canViewAuditLog(user) ? `/settings/audit?object=device&target=${encodeURIComponent(d.id)}` : undefined} />
        </Card>
      </div>
      <Card title="Observations (newest 50)" className="mt-4">
        <Table columns={["Observed", "Agent", "Channel", "Segment"]} last="IP">
          {observations.map((o) => (
            <tr key={o.id} className="border-b border-slate-100"><td className="py-1 pr-4 tabular-nums">{when(o.observedAt)}{o.action === "removed" ? " (removed)" : ""}</td><td className="py-1 pr-4">{o.agent.name}</td><td className="py-1 pr-4">{o.channel}</td><td className="py-1 pr-4">{o.segment ?? "—"}</td><td className="py-1 font-mono text-xs">{o.ip ?? "—"}</td></tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
