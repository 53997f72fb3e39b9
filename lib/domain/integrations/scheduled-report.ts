// The scheduled CISO report's settings as stored (Setting "report.schedule", JSON) and how the
// settings page shows them. The SMTP password is kept sealed (lib/outbound/report-settings.ts) and
// never leaves the server: the view says only whether one is set.
import { REPORT_CADENCES, type ReportCadence } from "../risk/report-cadence";

export const SMTP_SECURITY = ["starttls", "tls", "none"] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
export const REPORT_DELIVERIES = ["email", "folder"] as const;
export type ReportDelivery = (typeof REPORT_DELIVERIES)[number];

export type StoredSmtp = { host: string; port: number; security: SmtpSecurity; user: string; passwordSealed: string | null; from: string };
export type StoredReportSchedule = {
  cadence: ReportCadence;
  siteId: string | null;
  delivery: ReportDelivery;
  recipients: string[];
  folder: string | null;
  smtp: StoredSmtp | null;
};
/** What the last send (scheduled or test) did, in words. */
export type ReportSendResult = { at: string; ok: boolean; message: string; trigger: "schedule" | "test" };

export const NO_SCHEDULE: StoredReportSchedule = { cadence: "off", siteId: null, delivery: "email", recipients: [], folder: null, smtp: null };

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === "string" && (list as readonly string[]).includes(v);

/** The stored JSON, read defensively: anything unreadable is "no schedule". */
export function parseStoredSchedule(value: string | null | undefined): StoredReportSchedule {
  if (!value) return NO_SCHEDULE;
  try {
    const v = JSON.parse(value) as Partial<StoredReportSchedule>;
    const smtp = v.smtp && typeof v.smtp.host === "string" ? v.smtp : null;
    return {
      cadence: isOneOf(REPORT_CADENCES, v.cadence) ? v.cadence : "off",
      siteId: typeof v.siteId === "string" ? v.siteId : null,
      delivery: isOneOf(REPORT_DELIVERIES, v.delivery) ? v.delivery : "email",
      recipients: Array.isArray(v.recipients) ? v.recipients.filter((r): r is string => typeof r === "string") : [],
      folder: typeof v.folder === "string" ? v.folder : null,
      smtp: smtp ? { ...smtp, security: isOneOf(SMTP_SECURITY, smtp.security) ? smtp.security : "starttls" } : null,
    };
  } catch {
    return NO_SCHEDULE;
  }
}

export function parseSendResult(value: string | null | undefined): ReportSendResult | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as ReportSendResult;
    return typeof v?.at === "string" && typeof v.message === "string" ? v : null;
  } catch {
    return null;
  }
}

/** The schedule without its sealed password, for the page and the audit log. */
export function scheduleForView(s: StoredReportSchedule) {
  const { smtp, ...rest } = s;
  return { ...rest, smtp: smtp ? { host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user, from: smtp.from, passwordSet: !!smtp.passwordSealed } : null };
}
export type ReportScheduleView = ReturnType<typeof scheduleForView>;
