// The scheduled CISO report: checked every minute; when a due day (lib/domain/risk/report-cadence)
// has come and no instance has claimed it, this one claims it (a compare-and-swap in the Setting
// table, so with two instances the report goes out once) and sends the week or month before it.
// A failed send is recorded and audited, not retried: the settings page shows it, with a test-send.
import { audit } from "../db/audit-trail";
import type { Db } from "../db/client";
import { dueNow, periodBefore } from "../domain/risk/report-cadence";
import { log } from "../ops/log";
import { deliverReport, type LoadReport } from "../outbound/report-delivery";
import { claimDueDay, readClaimedDay, readReportSchedule, recordSendResult } from "../outbound/report-settings";

const CHECK_EVERY_MS = 60_000;

/** Sends the due report if this instance wins its due day; null when nothing was due (or another instance took it). */
export async function sendDueReport(db: Db, load: LoadReport, now = new Date()) {
  const schedule = await readReportSchedule(db);
  if (schedule.cadence === "off") return null;
  const claimed = await readClaimedDay(db);
  const day = dueNow(schedule.cadence, now, claimed);
  if (!day || !(await claimDueDay(db, claimed, day))) return null;
  const { from, to } = periodBefore(schedule.cadence, day);
  const result = await deliverReport(schedule, load, { period: "custom", from, to }, now, "schedule");
  await recordSendResult(db, result);
  await audit(db, { actor: { system: "report schedule" }, action: "report_schedule.send", targetType: "report_schedule", targetId: day, after: { ...result, period: `${from} to ${to}` } });
  (result.ok ? log.info : log.warn)("scheduled report", { dueDay: day, ok: result.ok, message: result.message });
  return result;
}

/** Started by instrumentation.ts with the report loader (lib/jobs may not read views itself). */
export function startReportSchedule(db: () => Db, load: LoadReport) {
  if (process.env.BACKGROUND_JOBS === "off") return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sendDueReport(db(), load);
    } catch (error) {
      log.error("scheduled report failed", { error: String(error) });
    } finally {
      running = false;
    }
  };
  setInterval(tick, CHECK_EVERY_MS).unref();
}
