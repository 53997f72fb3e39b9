// The outbound queue's SQL that differs by database: the idempotent enqueue (ON CONFLICT DO
// NOTHING on destination + event, so two instances fanning out the same event enqueue it once)
// and the claim with a lease (PostgreSQL: FOR UPDATE SKIP LOCKED in the same statement as the
// update, so two instances never claim the same row and never wait on each other; SQLite: one
// writer, so the single UPDATE … RETURNING is atomic). Same pattern as lib/db/claim-batch.ts.
import { bulkTarget, parameters, sqlTimestamp } from "./bulk";
import type { Db } from "./client";
import { newRowId } from "./row-ids";
import type { OutboundEvent } from "../domain/integrations/events";

export type NewMessage = { destination: string; webhookId: string | null; syslogTargetId: string | null; event: OutboundEvent };

const ROWS_PER_STATEMENT = 200;

/** Enqueues what is not queued yet; returns how many rows were new. */
export async function enqueueMessages(db: Db, messages: NewMessage[], now: Date): Promise<number> {
  const { provider } = bulkTarget(db);
  let inserted = 0;
  for (let i = 0; i < messages.length; i += ROWS_PER_STATEMENT) {
    const p = parameters(provider);
    const at = sqlTimestamp(now, provider);
    const cast = (type: string) => (provider === "sqlite" ? "" : `::${type}`);
    const values = messages.slice(i, i + ROWS_PER_STATEMENT).map((m) =>
      `(${[p.bind(newRowId()), p.bind(m.destination), p.bind(m.webhookId, cast("text")), p.bind(m.syslogTargetId, cast("text")), p.bind(m.event.id), p.bind(m.event.kind),
        p.bind(JSON.stringify(m.event), cast("jsonb")), "'pending'", "0", p.bind(at, cast("timestamp(3)")), p.bind(at, cast("timestamp(3)"))].join(", ")})`);
    inserted += await db.$executeRawUnsafe(
      `INSERT INTO "OutboundMessage" ("id", "destination", "webhookId", "syslogTargetId", "eventKey", "eventKind", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
       VALUES ${values.join(", ")} ON CONFLICT ("destination", "eventKey") DO NOTHING`,
      ...p.values,
    );
  }
  return inserted;
}

/**
 * Claims up to `take` due messages for `claimer` until now + leaseMs: pending, due, with no live
 * lease, due by `dueBy` (the pass's start: a retry due a moment later waits for the next pass), and for a destination that is enabled (a disabled one keeps its queue until enabled
 * again). A lease that ran out (its instance died mid-send) makes the message due again.
 */
export async function claimDueMessages(db: Db, claimer: string, take: number, leaseMs: number, now: Date, dueBy: Date = now): Promise<string[]> {
  const { provider } = bulkTarget(db);
  const sqlite = provider === "sqlite";
  const p = parameters(provider);
  const ts = sqlite ? "" : "::timestamp(3)";
  const on = sqlite ? "1" : "true";
  // Bound in the order they appear: SQLite's "?" are positional.
  const set = `"claimedBy" = ${p.bind(claimer)}, "claimedUntil" = ${p.bind(sqlTimestamp(new Date(now.getTime() + leaseMs), provider), ts)}`;
  const due = `SELECT "id" FROM "OutboundMessage"
    WHERE "status" = 'pending' AND "nextAttemptAt" <= ${p.bind(sqlTimestamp(dueBy, provider), ts)}
      AND ("claimedUntil" IS NULL OR "claimedUntil" < ${p.bind(sqlTimestamp(now, provider), ts)})
      AND ("webhookId" IS NULL OR "webhookId" IN (SELECT "id" FROM "WebhookSubscription" WHERE "enabled" = ${on}))
      AND ("syslogTargetId" IS NULL OR "syslogTargetId" IN (SELECT "id" FROM "SyslogTarget" WHERE "enabled" = ${on}))
    ORDER BY "nextAttemptAt" LIMIT ${p.bind(take, sqlite ? "" : "::integer")}${sqlite ? "" : " FOR UPDATE SKIP LOCKED"}`;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(`UPDATE "OutboundMessage" SET ${set} WHERE "id" IN (${due}) RETURNING "id"`, ...p.values);
  return rows.map((r) => r.id);
}
