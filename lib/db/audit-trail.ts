// Every mutation is written to the audit log: who, what, on what, before and after.
import type { Db, Prisma } from "./client";

type Writer = Pick<Db, "auditLog">;
export type AuditActor = { id: string; email: string } | { system: string };

/** Who acted, in words: the person's e-mail, or the system part's name. */
export const actorLabel = (actor: AuditActor) => ("id" in actor ? actor.email : actor.system);
/** The person's user id, or null for a system part. */
export const actorUserId = (actor: AuditActor) => ("id" in actor ? actor.id : null);

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  ip?: string | null;
};

export async function audit(db: Writer, entry: AuditEntry) {
  const actor = entry.actor;
  await db.auditLog.create({
    data: {
      actorId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      ip: entry.ip ?? null,
    },
  });
}
