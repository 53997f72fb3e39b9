"use server";

import { revalidatePath } from "next/cache";
import { canManageIntegrations } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { setAgentEnforcementMode, setSiteEnforcementMode } from "@/lib/commands/enforcement-modes";
import { getDb } from "@/lib/db/client";
import { MODE_LABELS, isEnforcementMode } from "@/lib/domain/enforcement/modes";
import { formText, runAction, type ActionResult } from "@/lib/web/action-result";

const label = (mode: string | null) => (isEnforcementMode(mode) ? MODE_LABELS[mode] : "its site's mode");

export async function setSiteEnforcementModeAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const { changed, site } = await setSiteEnforcementMode(getDb(), formText(form, "id"), { mode: formText(form, "mode") }, actor);
    revalidatePath("/settings/integrations");
    return changed ? `${site.name} is now in ${label(site.enforcementMode)}: its agents apply it at their next policy fetch.` : `${site.name} is already in ${label(site.enforcementMode)}.`;
  });
}

export async function setAgentEnforcementModeAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const { changed, agent } = await setAgentEnforcementMode(getDb(), formText(form, "id"), { mode: formText(form, "mode") }, actor);
    revalidatePath("/settings/integrations");
    const now = agent.enforcementMode ? label(agent.enforcementMode) : `its site's mode (${label(agent.site?.enforcementMode ?? "monitor")})`;
    return changed ? `${agent.name} now follows ${now}.` : `${agent.name} already follows ${now}.`;
  });
}
