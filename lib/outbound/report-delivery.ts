// One scheduled (or test) CISO report, end to end: load it for the period and site, print it to
// PDF, deliver it by e-mail or into the folder, and say what happened in words. Loading is
// passed in (lib/queries/ciso-report.ts's loadCisoReport), since outbound code reads no views.
import type { CisoReport, CisoReportParams } from "../domain/risk/ciso-report-figures";
import { reportPdfName } from "../domain/risk/report-cadence";
import type { ReportSendResult, StoredReportSchedule } from "../domain/integrations/scheduled-report";
import { cisoReportHtml } from "./report-html";
import { renderPdf } from "./report-pdf";
import { sendReportMail, smtpErrorWords, writeReportFile } from "./report-mail";

export type LoadReport = (params: CisoReportParams, now?: Date) => Promise<CisoReport>;

/** Where the schedule would send, or why it cannot. */
export function deliveryProblem(s: StoredReportSchedule): string | null {
  if (s.delivery === "folder") return s.folder ? null : "No folder is set.";
  if (!s.smtp) return "No SMTP server is set.";
  return s.recipients.length ? null : "No recipient is set.";
}

export async function deliverReport(s: StoredReportSchedule, load: LoadReport, params: CisoReportParams, now: Date, trigger: ReportSendResult["trigger"]): Promise<ReportSendResult> {
  const done = (ok: boolean, message: string): ReportSendResult => ({ at: now.toISOString(), ok, message, trigger });
  const problem = deliveryProblem(s);
  if (problem) return done(false, problem);
  let report: CisoReport;
  let pdf: Buffer;
  try {
    report = await load({ ...params, site: s.siteId ?? undefined }, now);
    pdf = await renderPdf(cisoReportHtml(report));
  } catch (error) {
    return done(false, `The report could not be made: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
  }
  const fileName = reportPdfName(report.site?.name ?? null, report.period.toDay);
  const scope = `${report.period.fromDay} to ${report.period.toDay}, ${report.site?.name ?? "all sites"}`;
  if (s.delivery === "folder") {
    try {
      return done(true, await writeReportFile(s.folder!, fileName, pdf));
    } catch (error) {
      return done(false, `Could not write the report into ${s.folder}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
    }
  }
  try {
    const subject = `${trigger === "test" ? "[Test] " : ""}CISO report: ${scope}`;
    const text = `The CISO report for ${scope} (UTC) is attached as a PDF.\nGenerated ${now.toISOString()} by the IoMT asset risk dashboard.`;
    return done(true, await sendReportMail(s.smtp!, { to: s.recipients, subject, text, fileName, pdf }));
  } catch (error) {
    return done(false, smtpErrorWords(error));
  }
}
