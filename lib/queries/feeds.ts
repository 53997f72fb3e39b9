import "server-only";
import { getDb } from "../db/client";
import { FEEDS, type Feed } from "../domain/words/feed-names";

export const RECENT_IMPORTS = 50;

const IMPORT_SELECT = { id: true, feed: true, feedVersion: true, feedDate: true, source: true, target: true, importedBy: true, importedAt: true, summary: true } as const;

/** The newest imports of every feed, newest first. */
export async function listFeedImports(take = RECENT_IMPORTS) {
  return getDb().feedImport.findMany({ orderBy: [{ importedAt: "desc" }, { id: "desc" }], take, select: IMPORT_SELECT });
}

export type FeedImportRow = Awaited<ReturnType<typeof listFeedImports>>[number];

/** Per feed kind, its most recent import (or null): what the risk refresh currently uses. */
export async function newestImportPerFeed(): Promise<Record<Feed, FeedImportRow | null>> {
  const db = getDb();
  const rows = await Promise.all(FEEDS.map((feed) => db.feedImport.findFirst({ where: { feed }, orderBy: { importedAt: "desc" }, select: IMPORT_SELECT })));
  return Object.fromEntries(FEEDS.map((feed, i) => [feed, rows[i]])) as Record<Feed, FeedImportRow | null>;
}
