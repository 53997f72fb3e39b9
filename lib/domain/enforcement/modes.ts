// Enforcement modes in the product's words (Settings → Integrations, the device page, the CLI):
// what each does to a host, and which one applies to an agent (its own, or else its site's).
import { ENFORCEMENT_MODES, type EnforcementMode } from "./enforcement-policy";

export const isEnforcementMode = (value: unknown): value is EnforcementMode => typeof value === "string" && (ENFORCEMENT_MODES as readonly string[]).includes(value);

/** The agent's own mode when it has one, else its site's, else monitor (a value no longer known counts as monitor). */
export function effectiveMode(agentMode: string | null | undefined, siteMode: string | null | undefined): EnforcementMode {
  if (isEnforcementMode(agentMode)) return agentMode;
  return isEnforcementMode(siteMode) ? siteMode : "monitor";
}

export const MODE_LABELS: Record<EnforcementMode, string> = {
  monitor: "Monitor (report only)",
  block_listed: "Block-listed (block what the dashboard blocked)",
  allow_listed: "Allow-listed (block every USB device not allowed)",
};

export const MODE_WORDS: Record<EnforcementMode, string> = {
  monitor: "Agents change nothing on their hosts: the dashboard only watches.",
  block_listed: "Agents cut off the USB devices a person blocked, and those that come back with a blocked device's physical fingerprint, on any host.",
  allow_listed: "Agents cut off every USB device that is not on the site's USB allow-list or approved by a person, and every unauthorized USB device of the site (a device suspected of spoofing an allowed identity included). Hubs are never cut off.",
};

/** Said wherever a person can choose allow_listed. */
export const ALLOW_LISTED_WARNING =
  "Every USB device not allowed is cut off, keyboards and mice included: a kiosk's keyboard must be on the allow-list before you switch.";
