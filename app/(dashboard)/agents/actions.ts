"use server";

import { revalidatePath } from "next/cache";
import { enrolAgent, enrolFormSchema, revokeAgent, setAgentLane } from "@/lib/commands/agent-enrolment";
import { runAction, type ActionResult, runSecretAction } from "@/lib/web/action-result";
import { canManageAgents } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export type EnrolResult = ActionResult & { token?: string; name?: string };

export async function enrolAgentAction(_previous: EnrolResult | null, form: FormData): Promise<EnrolResult> {
  return runSecretAction(form, async () => {
    const actor = await requirePermission(canManageAgents);
    const input = { name: form.get("name"), site: form.get("site") ?? "", segments: form.get("segments") ?? undefined, expectedIntervalSeconds: form.get("interval") || undefined };
    const { name, token } = await enrolAgent(getDb(), input, actor, enrolFormSchema);
    revalidatePath("/agents");
    return { message: `Enrolled ${name}. Copy the token now: it is shown only once.`, shown: { name, token } };
  });
}

export async function revokeAgentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageAgents);
    const agent = await revokeAgent(getDb(), String(form.get("id") ?? "").slice(0, 64), actor);
    revalidatePath("/agents");
    return `Revoked ${agent.name}.`;
  });
}

export async function setAgentLaneAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageAgents);
    const agent = await setAgentLane(getDb(), { id: form.get("id") ?? "", site: form.get("site") ?? "", segments: form.get("segments") ?? undefined }, actor);
    revalidatePath("/agents");
    return `Saved the lane of ${agent.name}.`;
  });
}
