"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { canManagePolicies } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { badRequest } from "@/lib/web/errors";
import { addToPolicy, createPolicy, deletePolicy, previewPolicy, setPolicyEnabled, updatePolicy } from "@/lib/commands/policy-editing";
import { runPolicyReevaluations } from "@/lib/jobs/policy-reevaluation";
import { previewWords } from "@/components/settings/policy-words";
import { inFormTerms, readAddedRules, readPolicyForm } from "@/lib/web/policy-form";
import type { AuditActor } from "@/lib/db/audit-trail";

/**
 * A saved change queued a re-evaluation of the devices it covers: it starts once the answer is
 * sent (the scheduler resumes it should this process stop), and the page shows its progress.
 */
function reevaluateSoon() {
  revalidatePath("/settings/policies");
  try {
    after(() => runPolicyReevaluations(getDb()).catch(() => undefined));
  } catch {
    // Called with no request (a script, a test): the scheduler's pass runs it instead.
  }
}

// Turning a policy on or off, or deleting it, answers in a few words: the progress card says the rest.
const APPLIES = "Its devices are being re-evaluated now: see the progress above the list.";

const idOf = (form: FormData, field = "id") => {
  const id = form.get(field);
  return typeof id === "string" ? id.slice(0, 64) : "";
};

async function createFromForm(form: FormData, actor: AuditActor) {
  const { input, lines } = readPolicyForm(form);
  const policy = await createPolicy(getDb(), input, actor).catch((error) => Promise.reject(inFormTerms(error, lines)));
  reevaluateSoon();
  return `Policy "${policy.name}" created. ${APPLIES}`;
}

export async function createPolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    return createFromForm(form, actor);
  });
}

/** "Allow exactly this device": its bound entry added to the policy the person chose, or to a new one. */
export async function allowExactlyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const addTo = idOf(form, "addTo");
    if (!addTo) return createFromForm(form, actor);
    const { added, lines } = readAddedRules(form);
    const policy = await addToPolicy(getDb(), addTo, added, actor).catch((error) => Promise.reject(inFormTerms(error, lines)));
    reevaluateSoon();
    return `Added to policy "${policy.name}". ${APPLIES}`;
  });
}

export async function updatePolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const { input, lines } = readPolicyForm(form);
    const policy = await updatePolicy(getDb(), idOf(form), input, actor).catch((error) => Promise.reject(inFormTerms(error, lines)));
    reevaluateSoon();
    return `Policy "${policy.name}" saved. ${APPLIES}`;
  });
}

export async function setPolicyEnabledAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    const enabled = form.get("enabled");
    if (enabled !== "true" && enabled !== "false") throw badRequest("invalid_policy", "Choose to turn the policy on or off.", [{ path: "enabled", message: "Either true or false." }]);
    const policy = await setPolicyEnabled(getDb(), idOf(form), enabled === "true", actor);
    reevaluateSoon();
    return `Policy "${policy.name}" is now ${policy.enabled ? "on" : "off"}.`;
  });
}

export async function deletePolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManagePolicies);
    await deletePolicy(getDb(), idOf(form), actor);
    reevaluateSoon();
    return "Policy deleted.";
  });
}

/** The dry run before saving: what the form's policy would change, computed as saving would apply it; nothing is written. */
export async function previewPolicyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    await requirePermission(canManagePolicies);
    const { input, lines } = readPolicyForm(form);
    const preview = await previewPolicy(getDb(), idOf(form) || null, input).catch((error) => Promise.reject(inFormTerms(error, lines)));
    return previewWords(preview);
  });
}
