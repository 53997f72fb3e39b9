// The events a webhook may choose, in the product's words, for the form and the list.
import { ALERT_KIND_WORDS, ALERT_KINDS } from "@/lib/domain/words/alert-kinds";
import type { WebhookKind } from "@/lib/domain/integrations/webhook-filter";

export const WEBHOOK_KIND_WORDS: Record<WebhookKind, string> = {
  ...ALERT_KIND_WORDS,
  audit: "Audit log entries (every change people make)",
  "device.blocked": "Device blocked (network quarantine for a NAC)",
  "device.allowed": "Device allowed (quarantine lifted)",
};

export const ALERT_KIND_OPTIONS = ALERT_KINDS.map((k) => [k, WEBHOOK_KIND_WORDS[k]] as const);
export const DECISION_KIND_OPTIONS = (["device.blocked", "device.allowed", "audit"] as const).map((k) => [k, WEBHOOK_KIND_WORDS[k]] as const);
