// The delivery job: claims due messages with a lease, sends each (a few at a time), writes the
// try to the delivery log, then marks the message delivered, due again later (backoff), or dead.
//
// "Once": a message is claimed by one instance at a time (lib/outbound/outbound-sql.ts). If an
// instance dies after the receiver answered but before the answer was recorded, the lease runs
// out and another instance sends it again: receivers deduplicate by x-iomt-event-id, which every
// try and every redelivery of an event keeps.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db, Prisma } from "../db/client";
import { retryPolicyFrom, type RetryPolicy } from "../domain/integrations/backoff";
import { deliveryOutcome } from "../domain/integrations/delivery-outcome";
import type { OutboundEvent } from "../domain/integrations/events";
import { log } from "../ops/log";
import type { DeliveryResult, SyslogDestination } from "./delivery-types";
import { claimDueMessages } from "../db/outbound-sql";
import { sendSyslog } from "./syslog-send";
import { openWebhookSecret } from "./webhook-secret";
import { sendWebhook } from "./webhook-send";

/** This process's name in claims: host, pid and a random tag (two processes never share it). */
export const PROCESS_CLAIMER = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString("hex")}`;

export type DeliveryOptions = {
  claimer?: string;
  now?: () => Date;
  batch?: number;
  concurrency?: number;
  leaseMs?: number;
  /** Per try; OUTBOUND_TIMEOUT_MS, else 10 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Batches per pass at most, so one pass ends and the next one starts fresh. */
  maxBatches?: number;
};
export type DeliverySummary = { tried: number; delivered: number; retried: number; dead: number };

const MESSAGE_SELECT = {
  id: true, attempts: true, payload: true, claimedBy: true,
  webhook: { select: { id: true, name: true, url: true, secretSealed: true } },
  syslogTarget: { select: { id: true, name: true, host: true, port: true, transport: true, format: true, caPem: true } },
} as const;

export async function deliverDue(db: Db, options: DeliveryOptions = {}): Promise<DeliverySummary> {
  const claimer = options.claimer ?? PROCESS_CLAIMER;
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? retryPolicyFrom(process.env);
  const timeoutMs = options.timeoutMs ?? (Number(process.env.OUTBOUND_TIMEOUT_MS) || undefined);
  const summary: DeliverySummary = { tried: 0, delivered: 0, retried: 0, dead: 0 };
  const passStart = now();
  for (let b = 0; b < (options.maxBatches ?? 10); b++) {
    const ids = await claimDueMessages(db, claimer, options.batch ?? 32, options.leaseMs ?? 120_000, now(), passStart);
    if (!ids.length) break;
    const messages = await db.outboundMessage.findMany({ where: { id: { in: ids }, claimedBy: claimer }, select: MESSAGE_SELECT });
    await eachLimited(messages, options.concurrency ?? 8, async (message) => {
      const result = await sendOne(message, timeoutMs);
      const status = await record(db, message, result, claimer, retry, now());
      summary.tried++;
      summary[status === "delivered" ? "delivered" : status === "dead" ? "dead" : "retried"]++;
    });
  }
  return summary;
}

type Message = Prisma.OutboundMessageGetPayload<{ select: typeof MESSAGE_SELECT }>;

async function sendOne(message: Message, timeoutMs: number | undefined): Promise<DeliveryResult> {
  const event = message.payload as unknown as OutboundEvent;
  try {
    if (message.webhook) return await sendWebhook({ url: message.webhook.url, secret: openWebhookSecret(message.webhook.secretSealed) }, event, message.id, { timeoutMs });
    if (message.syslogTarget) return await sendSyslog(message.syslogTarget as SyslogDestination, event, { timeoutMs });
    return { ok: false, error: "the destination no longer exists", durationMs: 0 };
  } catch (error) {
    // A secret that no longer opens (NEXTAUTH_SECRET changed) or a sender's bug: a failed try, logged.
    return { ok: false, error: String(error instanceof Error ? error.message : error).slice(0, 1_000), durationMs: 0 };
  }
}

/** The try in the log and the message's next state, in one transaction; only while this claim holds. */
async function record(db: Db, message: Message, result: DeliveryResult, claimer: string, retry: RetryPolicy, at: Date) {
  const attempts = message.attempts + 1;
  const outcome = deliveryOutcome(result, attempts, retry);
  const released = { claimedBy: null, claimedUntil: null, attempts };
  const data =
    outcome.status === "delivered" ? { ...released, status: "delivered", deliveredAt: at, lastError: null }
    : outcome.status === "pending" ? { ...released, status: "pending", nextAttemptAt: new Date(at.getTime() + outcome.retryInMs), lastError: outcome.why.slice(0, 1_000) }
    : { ...released, status: "dead", lastError: outcome.why.slice(0, 1_000) };
  await db.$transaction(async (tx) => {
    await tx.outboundAttempt.create({
      data: { messageId: message.id, at, durationMs: Math.max(0, Math.round(result.durationMs)), ok: result.ok, statusCode: result.statusCode ?? null, answer: result.answer?.slice(0, 1_000) ?? null, error: result.error?.slice(0, 1_000) ?? null },
    });
    await tx.outboundMessage.updateMany({ where: { id: message.id, claimedBy: claimer }, data });
  });
  const where = message.webhook ? `webhook ${message.webhook.name}` : `syslog ${message.syslogTarget?.name ?? "?"}`;
  if (outcome.status === "dead") log.warn(`outbound message dead: ${where}`, { messageId: message.id, why: outcome.why });
  else if (outcome.status === "pending") log.info(`outbound try failed, retrying: ${where}`, { messageId: message.id, why: outcome.why, retryInMs: outcome.retryInMs });
  return outcome.status;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
