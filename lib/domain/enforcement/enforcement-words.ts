// One enforcement action in words, for the device page: where, when, by what decision, and how
// ("blocked on host ward-7-kiosk at 2026-12-05 10:00 UTC by alice@hospital.org (policy 9f2c41d0,
// sysfs, whole device)"). Pure: the read side hands over the stored row.
import { whenUtc } from "../words/time-format";

export type EnforcementFact = {
  action: string;
  scope: string;
  target: string;
  method: string;
  at: Date;
  policyVersion: string;
  policy: string;
  /** The host as the agent named it, else the agent's name. */
  host: string;
  error: string | null;
};

/** "policy 9f2c41d0, sysfs, whole device" / "…, interface 1-4:1.1" / "…, USBGuard rules file /etc/…". */
export function enforcementHow(f: Pick<EnforcementFact, "scope" | "target" | "method" | "policyVersion">): string {
  const what = f.method === "usbguard" ? `USBGuard rules file ${f.target}` : f.scope === "interface" ? `interface ${f.target}` : "whole device";
  return [`policy ${f.policyVersion.slice(0, 8) || "unknown"}`, f.method === "usbguard" ? null : f.method, what].filter(Boolean).join(", ");
}

/** "blocked by alice@x" reads "Blocked … by alice@x", not "by blocked by alice@x". */
const asker = (policy: string) => policy.replace(/^blocked by /i, "") || "a policy";

export function enforcementLine(f: EnforcementFact): string {
  const where = `on host ${f.host} at ${whenUtc(f.at)}`;
  const how = enforcementHow(f);
  if (f.action === "blocked") return `Blocked ${where} by ${asker(f.policy)} (${how})`;
  if (f.action === "allowed") return `Allowed again ${where}${f.policy ? `: ${f.policy}` : ""} (${how})`;
  return `Could not enforce ${where}: ${f.error?.trim() || "the agent gave no error"}. Asked by ${asker(f.policy)} (${how})`;
}
