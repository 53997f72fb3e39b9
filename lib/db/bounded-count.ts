// How many rows a list holds, exact up to a bound: counting a million rows per page load would
// blow the views' 300 ms goal, counting bound + 1 of them does not (the database stops there).

/** Lists say "more than 10,000" past this many results. */
export const COUNT_BOUND = 10_000;

/** A list's result count: `count` exactly, or, when `more`, more than `count` (the bound). */
export type BoundedTotal = { count: number; more: boolean };

/**
 * The count of a query given as `countUpTo(take)` (a Prisma `count({ where, take })`, which counts
 * over a subquery with LIMIT take), exact up to `bound`.
 */
export async function boundedCount(countUpTo: (take: number) => Promise<number>, bound = COUNT_BOUND): Promise<BoundedTotal> {
  const n = await countUpTo(bound + 1);
  return n > bound ? { count: bound, more: true } : { count: n, more: false };
}

/** Several disjoint parts' bounded counts as one (more than their sum when any part was cut). */
export const sumTotals = (totals: BoundedTotal[]): BoundedTotal => ({ count: totals.reduce((a, t) => a + t.count, 0), more: totals.some((t) => t.more) });
