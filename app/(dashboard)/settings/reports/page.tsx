import type { Metadata } from "next";
import { ReportScheduleForm } from "@/components/settings/report-schedule-form";
import { ReportScheduleTest } from "@/components/settings/report-schedule-test";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canManageIntegrations } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listSites } from "@/lib/queries/ciso-report";
import { getReportScheduleView } from "@/lib/queries/report-schedule-view";
import { saveReportScheduleAction, testSendReportAction } from "./actions";

export const metadata: Metadata = { title: "Scheduled report" };

export default async function ReportScheduleSettingsPage() {
  await requirePagePermission(canManageIntegrations);
  const [{ schedule, lastResult, nextDue }, sites] = await Promise.all([getReportScheduleView(), listSites()]);
  return (
    <>
      <PageHeader
        title="Scheduled report"
        description="The CISO report as a PDF, weekly or monthly, by e-mail through the hospital's SMTP server or written into a folder (for a document system to pick up). With several dashboard servers it still goes out once."
      />
      <Card title="Schedule and delivery" className="mb-6">
        <ReportScheduleForm action={saveReportScheduleAction} schedule={schedule} sites={sites} />
      </Card>
      <Card title="Test-send">
        <p className="mb-3 text-sm text-slate-600" data-testid="report-schedule-status">
          {schedule.cadence === "off" ? "The scheduled report is off." : `Next report: ${nextDue} (from 06:00 UTC).`}{" "}
          {lastResult ? `Last ${lastResult.trigger === "test" ? "test-send" : "report"} ${whenUtc(new Date(lastResult.at))}: ${lastResult.ok ? "" : "not sent. "}${lastResult.message}` : "Nothing has been sent yet."}
        </p>
        <ReportScheduleTest action={testSendReportAction} />
      </Card>
    </>
  );
}
