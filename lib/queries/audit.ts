import "server-only";
import { getDb } from "../db/client";

export const AUDIT_PAGE_SIZE = 50;

/** Newest first; `cursor` is the id of the last entry of the previous page. */
export async function getAuditPage(cursor?: string) {
  const rows = await getDb().auditLog.findMany({
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, at: true, actorLabel: true, action: true, targetType: true, targetId: true, before: true, after: true },
  });
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries, nextCursor: hasMore ? entries[entries.length - 1]?.id : undefined };
}
