// Posts one event to one webhook: the JSON body, signed (lib/domain/integrations/webhook-signature.ts),
// with a timeout and without following redirects (a redirect could carry the signed event to an
// address nobody configured). The answer is kept, cut to 1,000 characters, for the delivery log.
import type { OutboundEvent } from "../domain/integrations/events";
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../domain/integrations/webhook-signature";
import type { DeliveryResult } from "./delivery-types";

export const WEBHOOK_TIMEOUT_MS = 10_000;
const ANSWER_MAX = 1_000;

export type WebhookDestination = { url: string; secret: string };

export async function sendWebhook(webhook: WebhookDestination, event: OutboundEvent, messageId: string, options: { timeoutMs?: number; now?: () => number } = {}): Promise<DeliveryResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const body = JSON.stringify(event);
  const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": "iomt-risk-webhooks/1",
    "x-iomt-event": event.kind,
    "x-iomt-event-id": event.id,
    "x-iomt-delivery": messageId,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
  };
  try {
    const response = await fetch(webhook.url, { method: "POST", headers, body, redirect: "manual", cache: "no-store", signal: AbortSignal.timeout(timeoutMs) });
    const answer = (await response.text()).slice(0, ANSWER_MAX);
    const ok = response.status >= 200 && response.status < 300;
    const error = ok ? undefined : response.status >= 300 && response.status < 400 ? `redirected (HTTP ${response.status}): redirects are not followed; configure the final address` : `HTTP ${response.status}`;
    return { ok, statusCode: response.status, answer, error, durationMs: Date.now() - started };
  } catch (error) {
    return { ok: false, error: failureWords(error, timeoutMs), durationMs: Date.now() - started };
  }
}

/** A network failure in words a person can act on. */
function failureWords(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${timeoutMs / 1000} s (timeout)`;
  const code = e?.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused (nothing listens at that address)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name does not resolve";
  if (code && /CERT|SSL|TLS/.test(code)) return `TLS: ${e.cause?.message ?? code}`.slice(0, ANSWER_MAX);
  return String(e?.cause?.message ?? e?.message ?? error).slice(0, ANSWER_MAX);
}
