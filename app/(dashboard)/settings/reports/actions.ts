"use server";

import { revalidatePath } from "next/cache";
import { canManageIntegrations } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { saveReportSchedule, testSendReport } from "@/lib/commands/report-schedules";
import { getDb } from "@/lib/db/client";
import { loadCisoReport } from "@/lib/queries/ciso-report";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { badRequest } from "@/lib/web/errors";

const FIELDS = ["cadence", "siteId", "delivery", "recipients", "folder", "smtpHost", "smtpPort", "smtpSecurity", "smtpUser", "smtpPassword", "smtpFrom"] as const;

export async function saveReportScheduleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const input = Object.fromEntries(FIELDS.map((f) => [f, form.get(f) ?? undefined]));
    const saved = await saveReportSchedule(getDb(), input, actor);
    revalidatePath("/settings/reports");
    return saved.cadence === "off" ? "Saved. The scheduled report is off." : `Saved. The report goes out ${saved.cadence}, from its next due day.`;
  });
}

export async function testSendReportAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageIntegrations);
    const result = await testSendReport(getDb(), loadCisoReport, actor);
    revalidatePath("/settings/reports");
    // A failed send is an answer for the form, in words (the SMTP error), not a server error.
    if (!result.ok) throw badRequest("report_not_sent", `Not sent. ${result.message}`);
    return result.message;
  });
}
