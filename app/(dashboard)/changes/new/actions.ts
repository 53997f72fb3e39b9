"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { canPlanChange } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { planChange, resolveSelection } from "@/lib/commands/change-plans";
import { getDb } from "@/lib/db/client";
import { previewChange, type ChangePreview } from "@/lib/vulns/change-preview";
import { runAction, type ActionResult, formOptional, formText } from "@/lib/web/action-result";
import { badRequest, zodIssues } from "@/lib/web/errors";

export type PreviewResult = ActionResult & { preview?: ChangePreview; target?: string; shown?: number };
export type PlanResult = ActionResult & { planId?: string };

/** The preview lists this many devices, riskiest first (the totals count them all). */
const PREVIEW_ROWS = 200;

const all = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === "string" && v.trim() !== "");

/** The devices the form names: a list of ids (from a device page) or a fleet's filter. */
function selectionOf(form: FormData) {
  if (formText(form, "selection") === "devices") return { kind: "devices" as const, deviceIds: all(form, "deviceId") };
  return { kind: "filter" as const, vendor: formText(form, "vendor"), model: formText(form, "model"), firmware: formOptional(form, "firmware"), siteId: formOptional(form, "site") };
}

/** The plan as lib/commands/change-plans.ts reads it (it validates every field). */
function planInput(form: FormData) {
  const downtime = formText(form, "downtimeMinutes").trim();
  return {
    title: formOptional(form, "title"),
    targetVersion: formText(form, "targetVersion").trim(),
    window: { start: formText(form, "windowStart"), end: formText(form, "windowEnd"), timeZone: formText(form, "timeZone") },
    reason: formText(form, "reason").trim(),
    advisoryIds: all(form, "advisoryId"),
    releaseNoteUrl: formOptional(form, "releaseNoteUrl"),
    contingency: formText(form, "contingency"),
    rollbackVersion: formOptional(form, "rollbackVersion"),
    downtimeMinutes: /^\d{1,6}$/.test(downtime) ? Number(downtime) : downtime,
    selection: selectionOf(form),
  };
}

const previewSchema = z.object({
  targetVersion: z.string().trim().min(1, "Give the target version.").max(64),
  selection: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("devices"), deviceIds: z.array(z.string().min(1).max(64)).min(1, "Choose at least one device.").max(5_000) }),
    z.object({ kind: z.literal("filter"), vendor: z.string().min(1, "A fleet needs a vendor.").max(256), model: z.string().min(1, "A fleet needs a model.").max(256), firmware: z.string().max(64).optional(), siteId: z.string().max(64).optional() }),
  ]),
});

/**
 * What the plan would clear, before anyone submits it: the CVEs closed and each device's risk
 * score before and after, by the risk model itself. Reads only: nothing is written or audited.
 */
export async function previewPlanAction(_previous: PreviewResult | null, form: FormData): Promise<PreviewResult> {
  let answer: Omit<PreviewResult, "ok" | "message"> = {};
  const result = await runAction(form, async () => {
    await requirePermission(canPlanChange);
    const parsed = previewSchema.safeParse({ targetVersion: formText(form, "targetVersion"), selection: selectionOf(form) });
    if (!parsed.success) throw badRequest("invalid_preview", "Choose the devices and the target version first.", zodIssues(parsed.error));
    const db = getDb();
    const { selection, targetVersion } = parsed.data;
    const deviceIds = selection.kind === "devices" ? selection.deviceIds : await resolveSelection(db, selection);
    if (deviceIds.length === 0) throw badRequest("no_devices", "No device matches this selection (retired devices are left out).");
    const preview = await previewChange(db, deviceIds, targetVersion);
    const devices = [...preview.devices].sort((a, b) => b.riskBefore - a.riskBefore || a.displayName.localeCompare(b.displayName));
    answer = { preview: { ...preview, devices: devices.slice(0, PREVIEW_ROWS) }, target: targetVersion, shown: preview.devices.length };
    const n = preview.devices.length;
    return `${n.toLocaleString("en-US")} ${n === 1 ? "device" : "devices"} at ${targetVersion}: ${preview.cvesClosed.length} CVEs closed, highest risk ${preview.riskBefore} → ${preview.riskAfter}.`;
  });
  return { ...result, ...(result.ok ? answer : {}) };
}

/** Submit the plan: it waits for approval by someone else with the role. */
export async function planChangeAction(_previous: PlanResult | null, form: FormData): Promise<PlanResult> {
  let planId: string | undefined;
  const result = await runAction(form, async () => {
    const actor = await requirePermission(canPlanChange);
    const made = await planChange(getDb(), planInput(form), actor);
    planId = made.id;
    for (const path of ["/changes", "/"]) revalidatePath(path);
    return `Plan submitted for ${made.devices.toLocaleString("en-US")} ${made.devices === 1 ? "device" : "devices"}: it waits for approval by an analyst or administrator other than you.`;
  });
  return { ...result, ...(planId ? { planId } : {}) };
}
