import "server-only";
// The scheduled report's settings page: the saved settings (without the SMTP password), the last
// send's result and the next due day. Three Setting rows by primary key.
import { getDb, type Db } from "../db/client";
import { parseSendResult, parseStoredSchedule, scheduleForView } from "../domain/integrations/scheduled-report";
import { nextDueDay } from "../domain/risk/report-cadence";

export async function getReportScheduleView(db: Db = getDb(), now = new Date()) {
  const rows = await db.setting.findMany({ where: { key: { in: ["report.schedule", "report.schedule.result"] } }, select: { key: true, value: true } });
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const schedule = parseStoredSchedule(value("report.schedule"));
  return { schedule: scheduleForView(schedule), lastResult: parseSendResult(value("report.schedule.result")), nextDue: nextDueDay(schedule.cadence, now) };
}
