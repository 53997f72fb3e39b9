import "server-only";
// What Settings → Integrations shows of webhooks: each subscription's settings (never its secret),
// how many of its messages were delivered, wait, or died, its newest tries with the receiver's
// answer, and its dead letters (to redeliver).
import { getDb } from "../db/client";

export const WEBHOOK_TRIES_SHOWN = 10;
export const WEBHOOK_DEAD_SHOWN = 20;
export const WEBHOOKS_SHOWN = 50;

export type WebhookCounts = { delivered: number; pending: number; dead: number };

/** Messages per webhook and status, in one grouped query. */
async function countsByWebhook(ids: string[]): Promise<Map<string, WebhookCounts>> {
  const rows = ids.length ? await getDb().outboundMessage.groupBy({ by: ["webhookId", "status"], where: { webhookId: { in: ids } }, _count: { _all: true } }) : [];
  const counts = new Map<string, WebhookCounts>();
  for (const row of rows) {
    if (!row.webhookId) continue;
    const c = counts.get(row.webhookId) ?? { delivered: 0, pending: 0, dead: 0 };
    if (row.status === "delivered" || row.status === "pending" || row.status === "dead") c[row.status] += row._count._all;
    counts.set(row.webhookId, c);
  }
  return counts;
}

/** A webhook's newest tries, newest first, with the event each carried. */
function newestTries(webhookId: string) {
  return getDb().outboundAttempt.findMany({
    where: { message: { webhookId } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: WEBHOOK_TRIES_SHOWN,
    select: { id: true, at: true, durationMs: true, ok: true, statusCode: true, answer: true, error: true, message: { select: { eventKey: true, eventKind: true } } },
  });
}

/** A webhook's dead letters, newest first (the index on webhookId, createdAt). */
function deadLetters(webhookId: string) {
  return getDb().outboundMessage.findMany({
    where: { webhookId, status: "dead" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: WEBHOOK_DEAD_SHOWN,
    select: { id: true, eventKey: true, eventKind: true, attempts: true, lastError: true, createdAt: true },
  });
}

export async function listWebhooks() {
  const webhooks = await getDb().webhookSubscription.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: WEBHOOKS_SHOWN,
    select: { id: true, name: true, url: true, kinds: true, minSeverity: true, secretPrefix: true, enabled: true, createdAt: true, disabledAt: true },
  });
  const ids = webhooks.map((w) => w.id);
  const [counts, tries, dead] = await Promise.all([countsByWebhook(ids), Promise.all(ids.map(newestTries)), Promise.all(ids.map(deadLetters))]);
  return webhooks.map((w, i) => ({ ...w, counts: counts.get(w.id) ?? { delivered: 0, pending: 0, dead: 0 }, tries: tries[i], dead: dead[i] }));
}
export type WebhookView = Awaited<ReturnType<typeof listWebhooks>>[number];
