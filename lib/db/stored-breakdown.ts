// A score's breakdown as stored: in its shared RiskBreakdown row, or inline in score rows written
// before breakdowns were shared. Every reader of a breakdown selects and resolves it here.
import type { Prisma } from "./client";

export const BREAKDOWN_SELECT = { breakdown: true, breakdownRow: { select: { breakdown: true } } } as const satisfies Prisma.RiskScoreSelect;

export function storedBreakdown(row: { breakdown: Prisma.JsonValue | null; breakdownRow: { breakdown: Prisma.JsonValue } | null }): Prisma.JsonValue | null {
  return row.breakdownRow?.breakdown ?? row.breakdown ?? null;
}
