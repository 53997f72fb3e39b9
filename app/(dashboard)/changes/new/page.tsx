import type { Metadata } from "next";
import Link from "next/link";
import { PlanForm, type PlanSelection } from "@/components/changes/plan-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canPlanChange } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { resolveSelection } from "@/lib/commands/change-plans";
import { getDb } from "@/lib/db/client";
import { localInput } from "@/lib/domain/changes/change-window";
import { deviceToPlan, serverTimeZone } from "@/lib/queries/changes";
import { suggestAdvisories } from "@/lib/vulns/change-preview";
import { ApiError } from "@/lib/web/errors";
import { planChangeAction, previewPlanAction } from "./actions";

export const metadata: Metadata = { title: "Plan a firmware change" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 256) || undefined;
const HOUR = 3_600_000;

/** The devices the link names: one device (`?device=`), or a fleet (`?vendor=&model=&firmware=&site=`). */
async function chosen(search: Record<string, string | string[] | undefined>) {
  const deviceId = first(search.device);
  if (deviceId) {
    const device = await deviceToPlan(deviceId);
    if (!device) return { problem: "That device does not exist or is retired." };
    return { selection: { kind: "devices", deviceIds: [device.id] } as PlanSelection, ids: [device.id], words: `${device.displayName} (${[device.vendor, device.model].filter(Boolean).join(" ") || "vendor unknown"}), now on ${device.firmwareVersion ?? "an unknown version"}` };
  }
  const [vendor, model, firmware, site] = [first(search.vendor), first(search.model), first(search.firmware), first(search.site)];
  if (!vendor || !model) return { problem: "Open this form from a device page (Plan a firmware update) or from a fleet (Plan update on the Fleets page)." };
  try {
    const ids = await resolveSelection(getDb(), { kind: "filter", vendor, model, firmware, siteId: site });
    const n = ids.length;
    if (n === 0) return { problem: `No device is ${vendor} ${model}${firmware ? ` at ${firmware}` : ""} on this selection (retired devices are left out).` };
    return { selection: { kind: "filter", vendor, model, firmware, site } as PlanSelection, ids, words: `Every ${vendor} ${model}${firmware ? ` at ${firmware}` : ""}${site ? " on the chosen site" : ""}: ${n.toLocaleString("en-US")} ${n === 1 ? "device" : "devices"} now (the plan takes the devices matching when it is submitted)` };
  } catch (error) {
    if (error instanceof ApiError) return { problem: error.message };
    throw error;
  }
}

export default async function NewPlanPage({ searchParams }: { searchParams: Search }) {
  await requirePagePermission(canPlanChange);
  const what = await chosen(await searchParams);
  const header = <PageHeader title="Plan a firmware change" description="A planned change names its devices, target version, window and contingency, and shows what it clears before it is submitted. Someone else with the analyst or administrator role approves it; the network then verifies each device." />;
  if (!what.selection) {
    return (
      <>
        {header}
        <Card><p className="text-sm text-slate-700" role="status">{what.problem} <Link href="/fleets" className="text-brand-700 underline">Open the fleets</Link></p></Card>
      </>
    );
  }
  const { advisories, suggestedTarget } = await suggestAdvisories(getDb(), what.ids);
  const zone = serverTimeZone();
  const now = new Date();
  const tomorrow = new Date(Math.ceil(now.getTime() / HOUR) * HOUR + 24 * HOUR);
  return (
    <>
      {header}
      <Card title="Devices">
        <p className="text-sm text-slate-800" data-testid="plan-devices">{what.words}.</p>
      </Card>
      <Card className="mt-4">
        <PlanForm
          selection={what.selection}
          advisories={advisories}
          suggestedTarget={suggestedTarget}
          window={{ start: localInput(tomorrow, zone), end: localInput(new Date(tomorrow.getTime() + 2 * HOUR), zone), timeZone: zone }}
          zones={Intl.supportedValuesOf("timeZone")}
          previewAction={previewPlanAction}
          planAction={planChangeAction}
        />
      </Card>
    </>
  );
}
