// Where the scheduled report keeps its state, all in the Setting table: the settings (JSON, the
// SMTP password sealed like webhook secrets), the due day last claimed, and the last send's
// result. Claiming a due day is a compare-and-swap, so with two server instances only one sends.
import type { Db } from "../db/client";
import { deriveKey, open, seal } from "../auth/secret-box";
import { isUniqueViolation } from "../db/conflicts";
import { parseSendResult, parseStoredSchedule, type ReportSendResult, type StoredReportSchedule } from "../domain/integrations/scheduled-report";

export const REPORT_SCHEDULE_KEY = "report.schedule";
export const REPORT_CLAIMED_KEY = "report.schedule.claimed";
export const REPORT_RESULT_KEY = "report.schedule.result";

function smtpKey(env: Record<string, string | undefined> = process.env): Buffer {
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: start the dashboard with npm start, which reads or creates the session secret");
  return deriveKey(secret, "report-smtp-password");
}

export const sealSmtpPassword = (password: string) => seal(password, smtpKey());
export const openSmtpPassword = (sealed: string) => open(sealed, smtpKey());

const read = async (db: Db, key: string) => (await db.setting.findUnique({ where: { key } }))?.value ?? null;

export async function readReportSchedule(db: Db): Promise<StoredReportSchedule> {
  return parseStoredSchedule(await read(db, REPORT_SCHEDULE_KEY));
}

export async function writeReportSchedule(db: Pick<Db, "setting">, schedule: StoredReportSchedule) {
  const value = JSON.stringify(schedule);
  await db.setting.upsert({ where: { key: REPORT_SCHEDULE_KEY }, create: { key: REPORT_SCHEDULE_KEY, value }, update: { value } });
}

export const readClaimedDay = (db: Db) => read(db, REPORT_CLAIMED_KEY);

/** Marks a due day as taken without sending (a new schedule starts at its next due day). */
export async function markClaimed(db: Pick<Db, "setting">, day: string | null) {
  if (!day) return;
  await db.setting.upsert({ where: { key: REPORT_CLAIMED_KEY }, create: { key: REPORT_CLAIMED_KEY, value: day }, update: { value: day } });
}

/** True for the one caller that moves the claim from `seen` to `day`; every other instance gets false. */
export async function claimDueDay(db: Db, seen: string | null, day: string): Promise<boolean> {
  if (seen === null) {
    try {
      await db.setting.create({ data: { key: REPORT_CLAIMED_KEY, value: day } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
  const moved = await db.setting.updateMany({ where: { key: REPORT_CLAIMED_KEY, value: seen }, data: { value: day } });
  return moved.count === 1;
}

export async function recordSendResult(db: Db, result: ReportSendResult) {
  const value = JSON.stringify(result);
  await db.setting.upsert({ where: { key: REPORT_RESULT_KEY }, create: { key: REPORT_RESULT_KEY, value }, update: { value } });
}

export const readSendResult = async (db: Db) => parseSendResult(await read(db, REPORT_RESULT_KEY));
