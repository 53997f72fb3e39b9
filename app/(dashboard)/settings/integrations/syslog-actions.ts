"use server";

import { revalidatePath } from "next/cache";
import { canManageIntegrations } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { createSyslogTarget, deleteSyslogTarget, editSyslogTarget, setSyslogTargetEnabled } from "@/lib/commands/syslog-targets";
import { getDb } from "@/lib/db/client";
import { enqueueTestEvent } from "@/lib/outbound/test-send";
import { runAction, type ActionResult } from "@/lib/web/action-result";

const PAGE = "/settings/integrations";

/** The form's fields as the command reads them: checkboxes as booleans, an empty id as "new". */
function targetInput(form: FormData) {
  return {
    name: form.get("name"),
    host: form.get("host"),
    port: form.get("port"),
    transport: form.get("transport"),
    format: form.get("format"),
    events: { alerts: form.get("alerts") === "on", audit: form.get("audit") === "on" },
    minSeverity: form.get("minSeverity"),
    caPem: form.get("transport") === "tls" ? form.get("caPem") : null,
  };
}

/** Adds a target, or saves one when the form carries its id. */
export async function saveSyslogTargetAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const id = form.get("id");
    const target = id ? await editSyslogTarget(getDb(), { id, ...targetInput(form) }, actor) : await createSyslogTarget(getDb(), targetInput(form), actor);
    revalidatePath(PAGE);
    return id ? `Saved ${target.name}.` : `Added ${target.name}: use Test send to check the SIEM receives it.`;
  });
}

export async function setSyslogTargetEnabledAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const enabled = form.get("enabled") === "true";
    const target = await setSyslogTargetEnabled(getDb(), { id: form.get("id"), enabled }, actor);
    revalidatePath(PAGE);
    return enabled ? `${target.name} receives events again.` : `${target.name} is disabled: it receives nothing new.`;
  });
}

export async function deleteSyslogTargetAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const target = await deleteSyslogTarget(getDb(), { id: form.get("id") }, actor);
    revalidatePath(PAGE);
    return `Deleted ${target.name}.`;
  });
}

/** Queues a made-up event for the target; the delivery job sends it and the tries list shows how it went. */
export async function testSendSyslogAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const id = form.get("id");
    await enqueueTestEvent(getDb(), { syslogTargetId: typeof id === "string" ? id : "" }, actor);
    revalidatePath(PAGE);
    return "Test event queued: the delivery job sends it within a minute, and its try appears below.";
  });
}
