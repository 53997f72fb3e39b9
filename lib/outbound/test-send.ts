// "Test send": one made-up event queued for one destination, so a person can see the receiver
// answer (in the delivery log) without waiting for a real alert. It goes through the same queue
// and delivery job as every other event, so it also proves the job is running.
import { randomUUID } from "node:crypto";
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { notFound } from "../web/errors";
import { testEvent } from "../domain/integrations/event-compose";

export type TestDestination = { webhookId: string } | { syslogTargetId: string };

export async function enqueueTestEvent(db: Db, destination: TestDestination, actor: AuditActor): Promise<{ messageId: string }> {
  const target = await findDestination(db, destination);
  if (!target) throw notFound("webhookId" in destination ? "webhook" : "syslog target");
  const event = testEvent(randomUUID(), new Date(), actorLabel(actor));
  return db.$transaction(async (tx) => {
    const message = await tx.outboundMessage.create({
      data: {
        destination: target.key,
        webhookId: "webhookId" in destination ? target.id : null,
        syslogTargetId: "syslogTargetId" in destination ? target.id : null,
        eventKey: event.id,
        eventKind: event.kind,
        payload: event,
      },
      select: { id: true },
    });
    await audit(tx, { actor, action: "integration.test_send", targetType: target.type, targetId: target.id, after: { name: target.name, eventId: event.id, messageId: message.id } });
    return { messageId: message.id };
  });
}

async function findDestination(db: Db, destination: TestDestination) {
  if ("webhookId" in destination) {
    const row = await db.webhookSubscription.findUnique({ where: { id: destination.webhookId.slice(0, 64) }, select: { id: true, name: true } });
    return row ? { ...row, key: `webhook:${row.id}`, type: "webhook" } : null;
  }
  const row = await db.syslogTarget.findUnique({ where: { id: destination.syslogTargetId.slice(0, 64) }, select: { id: true, name: true } });
  return row ? { ...row, key: `syslog:${row.id}`, type: "syslog_target" } : null;
}

function actorLabel(actor: AuditActor): string {
  return "id" in actor ? actor.email : actor.system;
}
