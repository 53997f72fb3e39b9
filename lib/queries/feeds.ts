import "server-only";
import { getDb } from "../db/client";
import { FEEDS, ROLLBACK_FEEDS, type Feed } from "../domain/words/feed-names";
import { effectiveSource, UPDATABLE_FEEDS } from "../domain/words/feed-sources";
import { NEWEST_IMPORT_FIRST } from "../db/feed-in-force";

export const RECENT_IMPORTS = 50;

const IMPORT_SELECT = { id: true, feed: true, feedVersion: true, feedDate: true, source: true, target: true, importedBy: true, importedAt: true, summary: true } as const;

/** The newest imports of every feed, newest first. */
export async function listFeedImports(take = RECENT_IMPORTS) {
  return getDb().feedImport.findMany({ orderBy: NEWEST_IMPORT_FIRST, take, select: IMPORT_SELECT });
}

export type FeedImportRow = Awaited<ReturnType<typeof listFeedImports>>[number];

/** Per feed kind, its most recent import (or null): what the risk refresh currently uses. */
export async function newestImportPerFeed(): Promise<Record<Feed, FeedImportRow | null>> {
  const db = getDb();
  const rows = await Promise.all(FEEDS.map((feed) => db.feedImport.findFirst({ where: { feed }, orderBy: NEWEST_IMPORT_FIRST, select: IMPORT_SELECT })));
  return Object.fromEntries(FEEDS.map((feed, i) => [feed, rows[i]])) as Record<Feed, FeedImportRow | null>;
}

/** The imports that can be rolled back to now: those whose document is kept, minus the release in force. */
export async function rollbackTargets(): Promise<Set<string>> {
  const db = getDb();
  const feeds = [...ROLLBACK_FEEDS];
  const [kept, inForce] = await Promise.all([
    db.feedImport.findMany({ where: { feed: { in: feeds }, content: { not: null } }, select: { id: true } }),
    Promise.all(feeds.map((feed) => db.feedImport.findFirst({ where: { feed }, orderBy: NEWEST_IMPORT_FIRST, select: { id: true } }))),
  ]);
  const current = new Set(inForce.map((r) => r?.id));
  return new Set(kept.map((k) => k.id).filter((id) => !current.has(id)));
}

// ─── feeds:update: where each feed comes from and how its last updates went ─────────────────

export const RECENT_UPDATE_RUNS = 30;

/** Per updatable feed: its effective source, the status of its updates, and its last run. */
export async function listFeedSources() {
  const db = getDb();
  const [stored, lastRuns] = await Promise.all([
    db.feedSource.findMany({ where: { feed: { in: [...UPDATABLE_FEEDS] } } }),
    Promise.all(UPDATABLE_FEEDS.map((feed) => db.feedUpdateRun.findFirst({ where: { feed, finishedAt: { not: null } }, orderBy: { startedAt: "desc" }, select: RUN_SELECT }))),
  ]);
  return UPDATABLE_FEEDS.map((feed, i) => {
    const row = stored.find((s) => s.feed === feed) ?? null;
    return {
      feed,
      source: effectiveSource(feed, row, process.env),
      storedUrl: row?.url ?? null,
      lastTryAt: row?.lastTryAt ?? null,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      lastChangeAt: row?.lastChangeAt ?? null,
      lastError: row?.lastError ?? null,
      lastRun: lastRuns[i],
    };
  });
}

export type FeedSourceRow = Awaited<ReturnType<typeof listFeedSources>>[number];

const RUN_SELECT = { id: true, feed: true, startedAt: true, finishedAt: true, trigger: true, outcome: true, summary: true, error: true } as const;

/** The newest feeds:update runs of every feed, newest first. */
export async function listFeedUpdateRuns(take = RECENT_UPDATE_RUNS) {
  return getDb().feedUpdateRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take, select: RUN_SELECT });
}

export type FeedUpdateRunRow = Awaited<ReturnType<typeof listFeedUpdateRuns>>[number];
