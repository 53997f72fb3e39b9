// A match's reason as stored: in its shared MatchReason row, or inline in match rows written
// before reasons were shared. Every reader of a match's reason selects and resolves it here.
import type { Prisma } from "./client";

export const REASON_SELECT = { reason: true, reasonRow: { select: { reason: true } } } as const satisfies Prisma.DeviceVulnerabilitySelect;

export function storedReason(row: { reason: Prisma.JsonValue | null; reasonRow: { reason: Prisma.JsonValue } | null }): Prisma.JsonValue | null {
  return row.reasonRow?.reason ?? row.reason ?? null;
}
