"use server";

import { revalidatePath } from "next/cache";
import { formText, runAction, type ActionResult } from "@/lib/web/action-result";
import { canEditPlaces } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { countOf } from "@/lib/domain/words/count";
import { EXPOSURE_WORDS } from "@/lib/domain/risk/explain-risk";
import { EXPOSURE_FACTOR, type Exposure } from "@/lib/domain/risk/risk-model";
import { moveSegment, renameSegment, renameSite, setSegmentExposure, setSiteLearning } from "@/lib/commands/site-settings";
import { whenUtc } from "@/lib/domain/words/time-format";

const idOf = (form: FormData) => formText(form, "id").slice(0, 64);
const rescoring = (n: number) => (n ? ` ${countOf(n, "device")} will be rescored within seconds.` : "");

export async function renameSiteAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canEditPlaces);
    const { changed, site } = await renameSite(getDb(), idOf(form), { name: formText(form, "name") }, actor);
    revalidatePath("/settings/sites");
    return changed ? `Site renamed to "${site.name}".` : `The site is already called "${site.name}".`;
  });
}

export async function renameSegmentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canEditPlaces);
    const { changed, segment } = await renameSegment(getDb(), idOf(form), { label: formText(form, "label") }, actor);
    revalidatePath("/settings/sites");
    if (!changed) return "Nothing to change.";
    return segment.label ? `Segment ${segment.name} is now shown as "${segment.label}".` : `Segment shown by its reported name, ${segment.name}, again.`;
  });
}

export async function setSegmentExposureAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canEditPlaces);
    const { changed, segment, devicesToRescore } = await setSegmentExposure(getDb(), idOf(form), { exposure: formText(form, "exposure") }, actor);
    revalidatePath("/settings/sites");
    const exposure = `${EXPOSURE_WORDS[segment.exposure]} (exposure factor ${EXPOSURE_FACTOR[segment.exposure as Exposure]})`;
    return changed ? `${segment.label ?? segment.name} is now ${exposure}.${rescoring(devicesToRescore)}` : `${segment.label ?? segment.name} is already ${exposure}.`;
  });
}

export async function moveSegmentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canEditPlaces);
    const { changed, segment, devicesToRescore } = await moveSegment(getDb(), idOf(form), { siteId: formText(form, "siteId") }, actor);
    revalidatePath("/settings/sites");
    if (!changed) return `${segment.label ?? segment.name} is already in ${segment.site.name}.`;
    return `${segment.label ?? segment.name} moved to ${segment.site.name}${devicesToRescore ? ` with its ${countOf(devicesToRescore, "device")}` : ""}.`;
  });
}

export async function setSiteLearningAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canEditPlaces);
    const { changed, site } = await setSiteLearning(getDb(), idOf(form), { days: formText(form, "days") }, actor);
    revalidatePath("/settings/sites");
    revalidatePath("/");
    if (!changed) return `${site.name} is not learning: nothing to change.`;
    return site.learningUntil ? `${site.name} learns until ${whenUtc(site.learningUntil)}: its new devices raise no "new device" alert until then.` : `${site.name} no longer learns: new devices raise a "new device" alert again.`;
  });
}
