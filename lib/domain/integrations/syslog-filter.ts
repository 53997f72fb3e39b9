// Which events a syslog target receives. The target's `events` column is JSON the database gives
// back as-is, so it is read defensively: anything but `true` means "not wanted".
import { ALERT_SEVERITIES, type Severity } from "../words/alert-kinds";
import type { OutboundEvent } from "./events";

export type SyslogEventChoice = { alerts: boolean; audit: boolean };

/** The `events` JSON of a SyslogTarget row, read safely (unknown shapes select nothing). */
export function readSyslogEventChoice(events: unknown): SyslogEventChoice {
  let value = events;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return { alerts: false, audit: false };
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { alerts: false, audit: false };
  const record = value as Record<string, unknown>;
  return { alerts: record.alerts === true, audit: record.audit === true };
}

/** Rank 0 = critical; an unknown severity ranks below info, so it never passes a threshold wrongly. */
function severityRank(severity: string): number {
  const i = ALERT_SEVERITIES.indexOf(severity as Severity);
  return i < 0 ? ALERT_SEVERITIES.length : i;
}

/** True when `severity` is at least as severe as `minimum` (an unknown minimum means info). */
export function atLeastSeverity(severity: string, minimum: string): boolean {
  const min = severityRank(minimum);
  return severityRank(severity) <= (min === ALERT_SEVERITIES.length ? min - 1 : min);
}

export function syslogWants(target: { events: unknown; minSeverity: string }, event: OutboundEvent): boolean {
  if (event.type === "test") return true;
  const choice = readSyslogEventChoice(target.events);
  if (event.type === "alert") return choice.alerts && atLeastSeverity(event.severity, target.minSeverity);
  // Audit entries and quarantine decisions are both "what people decided": the audit stream.
  return choice.audit;
}
