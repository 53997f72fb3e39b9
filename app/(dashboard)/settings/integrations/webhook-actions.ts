"use server";

import { revalidatePath } from "next/cache";
import { canManageIntegrations } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { createWebhook, editWebhook, redeliverAllDead, redeliverMessage, rotateWebhookSecret, setWebhookEnabled, testSendWebhook } from "@/lib/commands/webhooks";
import { getDb } from "@/lib/db/client";
import { runAction, runSecretAction, type ActionResult } from "@/lib/web/action-result";

const PAGE = "/settings/integrations";

export type WebhookSecretResult = ActionResult & { secret?: string; name?: string };

/** The form's fields as the command reads them: the kinds are checkboxes of one name. */
function webhookInput(form: FormData) {
  return { name: form.get("name"), url: form.get("url"), kinds: form.getAll("kinds"), minSeverity: form.get("minSeverity") };
}

const idOf = (form: FormData) => String(form.get("id") ?? "");

export async function createWebhookAction(_previous: WebhookSecretResult | null, form: FormData): Promise<WebhookSecretResult> {
  return runSecretAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const { name, secret } = await createWebhook(getDb(), webhookInput(form), actor);
    revalidatePath(PAGE);
    return { message: `Created ${name}. Copy the signing secret now: it is shown only once.`, shown: { name, secret } };
  });
}

export async function editWebhookAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const saved = await editWebhook(getDb(), idOf(form), webhookInput(form), actor);
    revalidatePath(PAGE);
    return `Saved ${saved.name}.`;
  });
}

export async function rotateWebhookSecretAction(_previous: WebhookSecretResult | null, form: FormData): Promise<WebhookSecretResult> {
  return runSecretAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const { name, secret } = await rotateWebhookSecret(getDb(), idOf(form), actor);
    revalidatePath(PAGE);
    return { message: `New secret for ${name}: the old one no longer signs. Copy it now: it is shown only once.`, shown: { name, secret } };
  });
}

export async function setWebhookEnabledAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const enabled = form.get("enabled") === "true";
    const webhook = await setWebhookEnabled(getDb(), idOf(form), enabled, actor);
    revalidatePath(PAGE);
    return enabled ? `Enabled ${webhook.name}.` : `Disabled ${webhook.name}: nothing new is queued for it.`;
  });
}

export async function testSendWebhookAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    await testSendWebhook(getDb(), idOf(form), actor);
    revalidatePath(PAGE);
    return "Test event queued: its try appears in the delivery log within seconds (reload).";
  });
}

export async function redeliverWebhookMessageAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const message = await redeliverMessage(getDb(), idOf(form), actor);
    revalidatePath(PAGE);
    return `Queued ${message.eventKey} again.`;
  });
}

export async function redeliverAllDeadAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const { count } = await redeliverAllDead(getDb(), idOf(form), actor);
    revalidatePath(PAGE);
    return count ? `Queued ${count.toLocaleString("en-US")} dead ${count === 1 ? "message" : "messages"} again.` : "No dead message to redeliver.";
  });
}
