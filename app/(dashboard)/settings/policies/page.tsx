import { countOf } from "@/lib/domain/words/count";
import type { Metadata } from "next";
import Link from "next/link";
import { PolicyForm } from "@/components/settings/policy-form";
import { PolicyRowActions } from "@/components/settings/policy-row-actions";
import { UsbguardDownloads } from "@/components/settings/integrations/usbguard-downloads";
import { describeRules, exactlyThisDevice, POLICY_KIND_WORDS, rulesAsFormText } from "@/components/settings/policy-words";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { canManagePolicies } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { whenUtc } from "@/lib/domain/words/time-format";
import { getExactDevice, getPolicyScopes, listPolicyEvaluations, listPolicyRows, type PolicyRow } from "@/lib/queries/policies";
import { allowExactlyAction, createPolicyAction, deletePolicyAction, previewPolicyAction, setPolicyEnabledAction, updatePolicyAction } from "./actions";
import { ReevaluationProgress } from "./reevaluation-progress";

export const metadata: Metadata = { title: "Policies" };

function scopeOf(p: PolicyRow): string {
  if (p.segment) return `Segment ${p.segment.label ?? p.segment.name} (${p.segment.site.name})`;
  if (p.site) return `Site ${p.site.name}`;
  return "Every site";
}

const scopeValue = (p: PolicyRow) => (p.segmentId ? `segment:${p.segmentId}` : p.siteId ? `site:${p.siteId}` : "");

function WhatPoliciesDo() {
  return (
    <Card title="What a policy does" className="mb-4">
      <div className="grid gap-3 text-sm text-slate-700 md:grid-cols-2">
        <p>
          <span className="font-medium">A baseline</span> says {POLICY_KIND_WORDS.baseline.explain}. A device outside any list the baseline
          names becomes <Badge tone="warn">unauthorized</Badge>, with the reason shown in the{" "}
          <Link href="/unauthorized" className="text-brand-700 underline">work queue</Link> and an alert. A list left empty allows anything.
        </p>
        <p>
          <span className="font-medium">A USB allow-list</span> says {POLICY_KIND_WORDS.usb_allow.explain}. A USB device on it is authorized
          at once; any other USB device reported on that site becomes unauthorized. It has no say over network devices.
        </p>
        <p>
          Saving, turning on or off, or deleting a policy re-evaluates the devices it covers at once, from what their last reports said; agents&apos;
          reports keep applying it after. Use <span className="font-medium">Preview</span> first to see how many devices it would mark unauthorized.
          A device that no longer breaks any policy goes back to pending (not approved) until a person decides.
        </p>
        <p>
          A person&apos;s decision wins: a device someone approved, blocked or retired keeps that status whatever the policies say. Every
          change to a policy is kept in the <Link href="/settings/audit" className="text-brand-700 underline">audit log</Link>.
        </p>
      </div>
    </Card>
  );
}

type Scopes = Awaited<ReturnType<typeof getPolicyScopes>>;

/**
 * "Allow exactly this device" (from a device page, ?allow=<device id>): the create form prefilled
 * with the device's bound entry on its site; the person chooses the policy to add it to, or a new one.
 */
async function AllowExactly({ deviceId, policies, scopes }: { deviceId: string; policies: PolicyRow[]; scopes: Scopes }) {
  const device = await getExactDevice(deviceId);
  const values = device && exactlyThisDevice(device);
  if (!device || !values) {
    return <Card title="Allow exactly this device" className="mb-4"><p className="text-sm text-slate-600">{device ? `Nothing has been measured of ${device.name} that an entry could be bound to.` : "No such device."}</p></Card>;
  }
  const sameKind = policies.filter((p) => p.kind === values.kind);
  // First choice: the device's site's own policy of that kind, so that a second list does not make it (and every other device) fail the first.
  const selected = sameKind.find((p) => p.siteId && p.siteId === device.siteId && !p.segmentId)?.id ?? "";
  return (
    <Card title={`Allow exactly ${device.name}`} className="mb-4">
      <div id="allow-exactly" className="mb-3 text-sm text-slate-700">
        <p>
          {values.kind === "usb_allow"
            ? "This entry allows this USB device only while its ids, serial, interfaces, HID report descriptor and physical fingerprint are the ones measured now: a device forging its ids with other hardware stays unauthorized."
            : "A baseline's fingerprint list is exhaustive: every device in its scope whose physical fingerprint is not listed breaks it."}{" "}
          Every policy that applies must allow a device, so add the entry to the site&apos;s existing {POLICY_KIND_WORDS[values.kind].name.toLowerCase()} rather than a second one.
        </p>
      </div>
      <PolicyForm action={allowExactlyAction} sites={scopes.sites} segments={scopes.segments} label={`Allow exactly ${device.name}`} values={values} addTo={{ options: sameKind.map((p) => ({ id: p.id, name: `${p.name} (${scopeOf(p)})` })), selected }} />
    </Card>
  );
}

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<{ allow?: string | string[] }> }) {
  const user = await requirePageUser();
  const manage = canManagePolicies(user);
  const { allow } = await searchParams;
  const [policies, scopes, evaluations] = await Promise.all([listPolicyRows(), manage ? getPolicyScopes() : Promise.resolve({ sites: [], segments: [] }), listPolicyEvaluations()]);
  return (
    <>
      <PageHeader title="Policies" description="Which devices are expected where. A device that breaks a policy is marked unauthorized and lands in the work queue." />
      <WhatPoliciesDo />
      <ReevaluationProgress evaluations={evaluations} />
      {manage && typeof allow === "string" && allow && <AllowExactly deviceId={allow.slice(0, 64)} policies={policies} scopes={scopes} />}
      {manage ? (
        <Card title="Create a policy" className="mb-4">
          <PolicyForm action={createPolicyAction} preview={previewPolicyAction} sites={scopes.sites} segments={scopes.segments} label="Create a policy" />
        </Card>
      ) : (
        <p className="mb-4 text-sm text-slate-600">Administrators and security analysts change policies; you can read them here.</p>
      )}
      {manage && <UsbguardDownloads sites={scopes.sites} />}
      <Card title={countOf(policies.length, "policy", "policies")}>
        {policies.length === 0 ? (
          <p className="text-sm text-slate-600">
            No policy yet: devices are only unauthorized when a person blocks them.{manage ? " Create a baseline for a clinical segment, or a USB allow-list for a site, above." : ""}
          </p>
        ) : (
          <Table columns={["Policy", "Applies to", "What it allows", "State"]} last={manage ? "Change" : undefined}>
            {policies.map((p) => (
              <tr key={p.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4">
                  <p className="font-medium">{p.name}</p>
                  <p className="text-xs text-slate-500">{POLICY_KIND_WORDS[p.kind]?.name ?? p.kind} · changed {whenUtc(p.updatedAt)}</p>
                </td>
                <td className="py-2 pr-4">{scopeOf(p)}</td>
                <td className="max-w-md break-words py-2 pr-4">
                  {describeRules(p.kind, p.rules).map((line) => <p key={line}>{line}</p>)}
                  {manage && (p.kind === "baseline" || p.kind === "usb_allow") && (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-xs text-brand-700 underline">Edit rules</summary>
                      <div className="mt-2">
                        <PolicyForm action={updatePolicyAction} preview={previewPolicyAction} sites={scopes.sites} segments={scopes.segments} label={`Edit ${p.name}`} values={{ id: p.id, kind: p.kind, name: p.name, scope: scopeValue(p), ...rulesAsFormText(p.rules) }} />
                      </div>
                    </details>
                  )}
                </td>
                <td className="py-2 pr-4">{p.enabled ? <Badge tone="ok">on</Badge> : <Badge>off</Badge>}</td>
                {manage && (
                  <td className="py-2">
                    <PolicyRowActions toggle={setPolicyEnabledAction} remove={deletePolicyAction} id={p.id} name={p.name} enabled={p.enabled} />
                  </td>
                )}
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
