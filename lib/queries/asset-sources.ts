import "server-only";
// Settings → Asset register: the register's sources with their last import and their entries
// counted by state (one grouped count, not one per source).
import type { Db } from "../db/client";

export const ASSET_SOURCE_LIMIT = 200;

export type AssetSourceRow = {
  id: string;
  name: string;
  kind: string;
  lastImportAt: Date | null;
  lastImportBy: string | null;
  lastImportRows: number | null;
  states: Record<string, number>;
};

/** Every source (at most 200), most recently imported first, with its entries counted by state. */
export async function listAssetSources(db: Db): Promise<AssetSourceRow[]> {
  const [sources, counts] = await Promise.all([
    db.assetSource.findMany({
      orderBy: [{ lastImportAt: { sort: "desc", nulls: "last" } }, { name: "asc" }],
      take: ASSET_SOURCE_LIMIT,
      select: { id: true, name: true, kind: true, lastImportAt: true, lastImportBy: true, lastImportRows: true },
    }),
    db.asset.groupBy({ by: ["sourceId", "state"], _count: { _all: true } }),
  ]);
  const states = new Map<string, Record<string, number>>();
  for (const c of counts) {
    const of = states.get(c.sourceId) ?? {};
    of[c.state] = c._count._all;
    states.set(c.sourceId, of);
  }
  return sources.map((s) => ({ ...s, states: states.get(s.id) ?? {} }));
}
