// The documents of the newest KEV catalogs and EPSS days, kept (gzip) at import so that an
// administrator can roll back to one (lib/vulns/rollback.ts); older ones are let go.
import { gzipSync } from "node:zlib";
import type { Prisma } from "../db/client";
import { ROLLBACK_FEEDS, ROLLBACK_KEPT, type Feed } from "../domain/words/feed-names";
import { NEWEST_IMPORT_FIRST } from "../db/feed-in-force";

export const keptContent = (feed: Feed, bytes: Uint8Array) => (ROLLBACK_FEEDS.has(feed) ? new Uint8Array(gzipSync(bytes)) : undefined);

export async function forgetOldContent(tx: Prisma.TransactionClient, feed: Feed) {
  const kept = await tx.feedImport.findMany({ where: { feed, content: { not: null } }, orderBy: NEWEST_IMPORT_FIRST, take: ROLLBACK_KEPT, select: { id: true } });
  await tx.feedImport.updateMany({ where: { feed, content: { not: null }, id: { notIn: kept.map((k) => k.id) } }, data: { content: null } });
}
