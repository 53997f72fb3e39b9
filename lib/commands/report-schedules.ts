// The scheduled CISO report's settings, saved by an administrator, and its test-send. Both are
// audited: the settings without the SMTP password (only whether one is set), the test-send with
// its result. A folder is checked writable on save; e-mail needs an SMTP server and recipients.
import { z } from "zod";
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { NO_SCHEDULE, REPORT_DELIVERIES, SMTP_SECURITY, scheduleForView, type ReportSendResult, type StoredReportSchedule } from "../domain/integrations/scheduled-report";
import { REPORT_CADENCES, latestDueDay } from "../domain/risk/report-cadence";
import { badRequest, zodIssues } from "../web/errors";
import { deliverReport, type LoadReport } from "../outbound/report-delivery";
import { folderProblem } from "../outbound/report-mail";
import { markClaimed, readReportSchedule, recordSendResult, sealSmtpPassword, writeReportSchedule } from "../outbound/report-settings";

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const email = z.email("not an e-mail address").max(254);

export const reportScheduleSchema = z.object({
  cadence: z.enum(REPORT_CADENCES, "weekly, monthly or off"),
  siteId: text(40).optional().transform((v) => v || null),
  delivery: z.enum(REPORT_DELIVERIES, "e-mail or folder"),
  recipients: text(2000).optional().default("").transform((v) => [...new Set(v.split(/[\s,;]+/).filter(Boolean))]).pipe(z.array(email).max(20, "at most 20 recipients")),
  folder: text(500).optional().transform((v) => v || null),
  smtpHost: text(255).optional().default(""),
  smtpPort: z.coerce.number().int("a whole number").min(1, "1 to 65535").max(65_535, "1 to 65535").optional().default(587),
  smtpSecurity: z.enum(SMTP_SECURITY).optional().default("starttls"),
  smtpUser: text(255).optional().default(""),
  /** Blank keeps the password already set. */
  smtpPassword: z.string().max(255, "at most 255 characters").optional().default(""),
  smtpFrom: z.union([z.literal(""), email]).optional().default(""),
});
export type ReportScheduleInput = z.input<typeof reportScheduleSchema>;

async function parse(db: Db, input: unknown, before: StoredReportSchedule): Promise<StoredReportSchedule> {
  const parsed = reportScheduleSchema.safeParse(input);
  // "recipients.3" is the recipients field to the form: the issue keeps its first part.
  if (!parsed.success) throw badRequest("invalid_report_schedule", "The report schedule is not valid.", zodIssues(parsed.error).map((i) => ({ ...i, path: i.path.split(".")[0] })));
  const v = parsed.data;
  const fail = (path: string, message: string) => { throw badRequest("invalid_report_schedule", "The report schedule is not valid.", [{ path, message }]); };
  if (v.siteId && !(await db.site.findUnique({ where: { id: v.siteId }, select: { id: true } }))) fail("siteId", "no such site");
  const on = v.cadence !== "off";
  if (v.delivery === "folder" && (on || v.folder)) {
    if (!v.folder) fail("folder", "required for folder delivery");
    const problem = await folderProblem(v.folder!);
    if (problem) fail("folder", problem);
  }
  if (v.delivery === "email" && on) {
    if (!v.smtpHost) fail("smtpHost", "required for e-mail delivery");
    if (!v.smtpFrom) fail("smtpFrom", "required for e-mail delivery");
    if (!v.recipients.length) fail("recipients", "at least one recipient");
  }
  const keptPassword = before.smtp?.passwordSealed ?? null;
  const smtp = v.smtpHost
    ? { host: v.smtpHost, port: v.smtpPort, security: v.smtpSecurity, user: v.smtpUser, from: v.smtpFrom, passwordSealed: v.smtpPassword ? sealSmtpPassword(v.smtpPassword) : v.smtpUser ? keptPassword : null }
    : null;
  return { cadence: v.cadence, siteId: v.siteId, delivery: v.delivery, recipients: v.recipients, folder: v.folder, smtp };
}

/** Saves the settings. A schedule turned on (or changed) sends first on its next due day, not at once: the test-send is for now. */
export async function saveReportSchedule(db: Db, input: unknown, actor: AuditActor, now = new Date()) {
  const before = await readReportSchedule(db);
  const after = await parse(db, input, before);
  await db.$transaction(async (tx) => {
    await writeReportSchedule(tx, after);
    if (after.cadence !== before.cadence) await markClaimed(tx, latestDueDay(after.cadence, now));
    const passwordChanged = (before.smtp?.passwordSealed ?? null) !== (after.smtp?.passwordSealed ?? null);
    await audit(tx, { actor, action: "report_schedule.save", targetType: "report_schedule", before: scheduleForView(before), after: { ...scheduleForView(after), ...(passwordChanged ? { passwordChanged: true } : {}) } });
  });
  return scheduleForView(after);
}

/** Sends the report for the last 7 days now, to the saved target, and says how it went. */
export async function testSendReport(db: Db, load: LoadReport, actor: AuditActor, now = new Date()): Promise<ReportSendResult> {
  const schedule = await readReportSchedule(db);
  // Nothing saved yet: there is nowhere to send, which is the person's to fix (nothing is written).
  if (schedule === NO_SCHEDULE) throw badRequest("report_not_configured", "Save where the report goes (e-mail or a folder) before sending a test report.");
  const result = await deliverReport(schedule, load, { period: "7d" }, now, "test");
  await recordSendResult(db, result);
  await audit(db, { actor, action: "report_schedule.test_send", targetType: "report_schedule", after: { ...result, delivery: schedule.delivery } });
  return result;
}
