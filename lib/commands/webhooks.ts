// Webhook subscriptions: created, edited, disabled and enabled by an administrator, audited
// (never with the secret). The secret is shown once, at creation and at each rotation, and kept
// encrypted (lib/outbound/webhook-secret.ts says why not hashed). Dead letters can be sent again.
import { z } from "zod";
import { actorUserId, audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { ALERT_SEVERITIES } from "../domain/words/alert-kinds";
import { WEBHOOK_KINDS } from "../domain/integrations/webhook-filter";
import { badRequest, conflict, notFound, zodIssues } from "../web/errors";
import { enqueueTestEvent } from "../outbound/test-send";
import { newWebhookSecret } from "../outbound/webhook-secret";

export const webhookSchema = z.object({
  name: z.string().trim().min(3, "at least 3 characters").max(64, "at most 64 characters"),
  url: z.string().trim().max(2048, "at most 2,048 characters").pipe(z.url({ protocol: /^https?$/, message: "an http:// or https:// address" })),
  kinds: z.array(z.enum(WEBHOOK_KINDS, "not an event this dashboard sends")).min(1, "choose at least one event").max(WEBHOOK_KINDS.length),
  minSeverity: z.enum(ALERT_SEVERITIES).default("info"),
});
export type WebhookInput = z.input<typeof webhookSchema>;
export type CreatedWebhook = { id: string; name: string; secret: string };

const WEBHOOK_AUDIT = { id: true, name: true, url: true, kinds: true, minSeverity: true, enabled: true, secretPrefix: true } as const;

/**
 * What the audit log keeps of a webhook: its URL without path or query, since chat webhooks
 * (Slack, Teams) carry their credential there, and the audit log is read by analysts and sent on
 * to "audit" subscribers.
 */
function forAudit<W extends { url: string }>(webhook: W): W {
  const url = URL.canParse(webhook.url) ? new URL(webhook.url) : null;
  return { ...webhook, url: url ? `${url.origin}${url.pathname === "/" && !url.search ? "/" : "/…"}` : "…" };
}

function parse(input: unknown) {
  const parsed = webhookSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_webhook", "The webhook is not valid.", zodIssues(parsed.error));
  return { ...parsed.data, kinds: [...new Set(parsed.data.kinds)] };
}

async function nameTaken(db: Db, name: string, except?: string) {
  const other = await db.webhookSubscription.findUnique({ where: { name }, select: { id: true } });
  return !!other && other.id !== except;
}

export async function createWebhook(db: Db, input: unknown, actor: AuditActor): Promise<CreatedWebhook> {
  const data = parse(input);
  if (await nameTaken(db, data.name)) throw conflict(`A webhook named ${data.name} exists already.`);
  const { secret, sealed, prefix } = newWebhookSecret();
  return db.$transaction(async (tx) => {
    const created = await tx.webhookSubscription.create({ data: { ...data, secretSealed: sealed, secretPrefix: prefix, createdById: actorUserId(actor) }, select: WEBHOOK_AUDIT });
    await audit(tx, { actor, action: "webhook.create", targetType: "webhook", targetId: created.id, after: forAudit(created) });
    return { id: created.id, name: created.name, secret };
  });
}

async function existing(db: Pick<Db, "webhookSubscription">, id: string) {
  const webhook = await db.webhookSubscription.findUnique({ where: { id: String(id).slice(0, 64) }, select: WEBHOOK_AUDIT });
  if (!webhook) throw notFound("webhook");
  return webhook;
}

export async function editWebhook(db: Db, id: string, input: unknown, actor: AuditActor) {
  const data = parse(input);
  const before = await existing(db, id);
  if (await nameTaken(db, data.name, before.id)) throw conflict(`A webhook named ${data.name} exists already.`);
  return db.$transaction(async (tx) => {
    const after = await tx.webhookSubscription.update({ where: { id: before.id }, data, select: WEBHOOK_AUDIT });
    await audit(tx, { actor, action: "webhook.edit", targetType: "webhook", targetId: before.id, before: forAudit(before), after: { ...forAudit(after), ...(before.url !== after.url ? { urlChanged: true } : {}) } });
    return after;
  });
}

/** A new secret, shown once; the old one stops signing at once (receivers must take the new one). */
export async function rotateWebhookSecret(db: Db, id: string, actor: AuditActor): Promise<CreatedWebhook> {
  const before = await existing(db, id);
  const { secret, sealed, prefix } = newWebhookSecret();
  await db.$transaction(async (tx) => {
    await tx.webhookSubscription.update({ where: { id: before.id }, data: { secretSealed: sealed, secretPrefix: prefix } });
    await audit(tx, { actor, action: "webhook.rotate_secret", targetType: "webhook", targetId: before.id, before: { secretPrefix: before.secretPrefix }, after: { secretPrefix: prefix } });
  });
  return { id: before.id, name: before.name, secret };
}

/** Disabled: nothing new is queued for it and its queue waits (it is sent once enabled again). */
export async function setWebhookEnabled(db: Db, id: string, enabled: boolean, actor: AuditActor) {
  const before = await existing(db, id);
  if (before.enabled === enabled) return before;
  return db.$transaction(async (tx) => {
    const after = await tx.webhookSubscription.update({ where: { id: before.id }, data: { enabled, disabledAt: enabled ? null : new Date() }, select: WEBHOOK_AUDIT });
    await audit(tx, { actor, action: enabled ? "webhook.enable" : "webhook.disable", targetType: "webhook", targetId: before.id, before: { enabled: before.enabled }, after: { enabled } });
    return after;
  });
}

const redelivered = () => ({ status: "pending", attempts: 0, nextAttemptAt: new Date(), claimedBy: null, claimedUntil: null, lastError: null });

/** A dead message back in the queue, with all its tries again (the old ones stay in the log). */
export async function redeliverMessage(db: Db, messageId: string, actor: AuditActor) {
  const message = await db.outboundMessage.findUnique({ where: { id: String(messageId).slice(0, 64) }, select: { id: true, status: true, eventKey: true, destination: true, webhookId: true, syslogTargetId: true } });
  if (!message) throw notFound("message");
  if (message.status !== "dead") throw badRequest("not_dead", "Only a message that was given up on can be redelivered.");
  await db.$transaction(async (tx) => {
    const moved = await tx.outboundMessage.updateMany({ where: { id: message.id, status: "dead" }, data: redelivered() });
    if (moved.count) await audit(tx, { actor, action: "integration.redeliver", targetType: "outbound_message", targetId: message.id, after: { destination: message.destination, eventKey: message.eventKey } });
  });
  return message;
}

/** Every dead message of one webhook back in the queue: one audit row with the count. */
export async function redeliverAllDead(db: Db, webhookId: string, actor: AuditActor): Promise<{ count: number }> {
  const webhook = await existing(db, webhookId);
  return db.$transaction(async (tx) => {
    const moved = await tx.outboundMessage.updateMany({ where: { webhookId: webhook.id, status: "dead" }, data: redelivered() });
    if (moved.count) await audit(tx, { actor, action: "integration.redeliver", targetType: "webhook", targetId: webhook.id, after: { name: webhook.name, messages: moved.count } });
    return { count: moved.count };
  });
}

export async function testSendWebhook(db: Db, webhookId: string, actor: AuditActor) {
  const webhook = await existing(db, webhookId);
  return enqueueTestEvent(db, { webhookId: webhook.id }, actor);
}
