// feeds:update: fetch KEV, EPSS and new CISA medical advisories from their sources, and import
// them through the all-or-nothing importer (lib/vulns/import.ts). Each feed is tried on its own
// (one failing does not stop the others) and leaves a FeedUpdateRun and its FeedSource status;
// a failed run changes nothing else. Validators and the CSAF cursor move only after an import.
import { audit, type AuditActor } from "../db/audit-trail";
import type { Db, Prisma } from "../db/client";
import { ApiError } from "../web/errors";
import { importFeeds, MAX_FILE_BYTES, readFeedFiles, type FileOutcome, type ImportFile } from "../vulns/import";
import { fetchCsafChanges } from "./csaf-provider";
import { download, type DownloadLimits, type Validators } from "./download";
import { takeFeedsLease } from "./lease";
import { effectiveSource, UPDATABLE_FEEDS, type UpdatableFeed } from "../domain/words/feed-sources";

export type UpdateTrigger = "cli" | "schedule" | "page";
export type FeedRun = { feed: UpdatableFeed; url: string; outcome: "updated" | "unchanged" | "failed"; summary: Record<string, unknown> | null; error: string | null };
export type UpdateResult = { status: "done"; runs: FeedRun[] } | { status: "busy"; message: string };
export type UpdateOptions = {
  trigger: UpdateTrigger;
  /** Who asked ("Update now" on the page): imports and the audit row name them. */
  actor?: AuditActor;
  feeds?: readonly UpdatableFeed[];
  /** Per download; default FEEDS_TIMEOUT_SECONDS or 60 s. */
  timeoutMs?: number;
  /** Size caps per download, for tests; default 16 MB for KEV and CSAF files, 64 MB for EPSS. */
  maxBytes?: Partial<Record<UpdatableFeed, number>>;
  csafMaxFiles?: number;
  leaseMs?: number;
};

const FILE_CAP = 16 * 2 ** 20;
const ERROR_MAX = 2000;

export function feedsTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env.FEEDS_TIMEOUT_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) * 1000 : 60_000;
}

type Fetched = { status: "not-modified" } | { status: "ok"; files: ImportFile[]; validators: Validators | null; cursor?: string | null; extra?: Record<string, number> };

async function fetchFeed(feed: UpdatableFeed, url: string, limits: DownloadLimits, stored: { etag: string | null; lastModified: string | null; cursor: string | null }, options: UpdateOptions): Promise<Fetched> {
  const validators = { etag: stored.etag, lastModified: stored.lastModified };
  if (feed === "csaf") {
    const got = await fetchCsafChanges(url, { limits, validators, cursor: stored.cursor, maxFiles: options.csafMaxFiles });
    if (got.status === "not-modified") return got;
    return { status: "ok", files: got.files, validators: got.validators, cursor: got.cursor, extra: { listed: got.listed, remaining: got.remaining } };
  }
  const got = await download(url, limits, validators);
  if (got.status === "not-modified") return got;
  const name = feed === "kev" ? "known_exploited_vulnerabilities.json" : decodeURIComponent(new URL(url).pathname.split("/").pop() || "epss_scores.csv.gz");
  return { status: "ok", files: [{ name: `${feed}: ${name}`.slice(0, 300), bytes: got.bytes }], validators: got.validators };
}

/** The source must hold the feed it is set for: a KEV URL that serves an SBOM imports nothing. */
function checkKind(feed: UpdatableFeed, files: ImportFile[]) {
  if (feed === "epss" || files.length === 0) return; // read whole by the importer; detected by its header
  const wrong = readFeedFiles(files).find((r) => r.feed !== feed);
  if (wrong) throw new Error(`${wrong.file}: is a ${wrong.feed} file, not ${feed === "kev" ? "a KEV catalog" : "a CSAF advisory"}`);
}

function summarize(outcomes: FileOutcome[], extra: Record<string, number> = {}): Record<string, unknown> {
  const count = (s: FileOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const imported = outcomes.filter((o) => o.status === "imported");
  const summary: Record<string, unknown> = { files: outcomes.length, imported: imported.length, unchanged: count("unchanged"), older: count("older"), ...extra };
  if (outcomes.length === 1) Object.assign(summary, outcomes[0].summary);
  else if (imported.length) summary.advisories = imported.slice(0, 20).map((o) => o.summary.advisory ?? o.file);
  return summary;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const issues = (error.issues ?? []).slice(0, 10).map((i) => `${i.path}: ${i.message}`);
    return [error.message, ...issues].join(" ").slice(0, ERROR_MAX);
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, ERROR_MAX);
}

async function updateOne(db: Db, feed: UpdatableFeed, options: UpdateOptions): Promise<FeedRun> {
  const startedAt = new Date();
  const stored = await db.feedSource.upsert({ where: { feed }, create: { feed, lastTryAt: startedAt }, update: { lastTryAt: startedAt } });
  const { url } = effectiveSource(feed, stored, process.env);
  const run = await db.feedUpdateRun.create({ data: { feed, trigger: options.trigger, startedAt, outcome: "failed", error: "did not finish (running, or interrupted)" } });
  const limits = { timeoutMs: options.timeoutMs ?? feedsTimeoutMs(), maxBytes: options.maxBytes?.[feed] ?? (feed === "epss" ? MAX_FILE_BYTES : FILE_CAP) };
  let result: FeedRun;
  try {
    const fetched = await fetchFeed(feed, url, limits, stored, options);
    if (fetched.status === "not-modified") {
      result = { feed, url, outcome: "unchanged", summary: { notModified: true }, error: null };
      await db.feedSource.update({ where: { feed }, data: { lastSuccessAt: new Date(), lastError: null } });
    } else {
      checkKind(feed, fetched.files);
      const outcomes = fetched.files.length ? await importFeeds(db, fetched.files, { actor: options.actor ?? { system: `feeds:update (${options.trigger})` } }) : [];
      const summary = summarize(outcomes, fetched.extra);
      const changed = outcomes.some((o) => o.status === "imported");
      result = { feed, url, outcome: changed ? "updated" : "unchanged", summary, error: null };
      const now = new Date();
      await db.feedSource.update({
        where: { feed },
        data: {
          // None (a CSAF run that left files for the next): ask unconditionally next time.
          etag: fetched.validators?.etag ?? null,
          lastModified: fetched.validators?.lastModified ?? null,
          ...(fetched.cursor !== undefined ? { cursor: fetched.cursor } : {}),
          lastSuccessAt: now,
          ...(changed ? { lastChangeAt: now } : {}),
          lastError: null,
        },
      });
    }
  } catch (error) {
    result = { feed, url, outcome: "failed", summary: null, error: errorText(error) };
    await db.feedSource.update({ where: { feed }, data: { lastError: result.error } });
  }
  await db.feedUpdateRun.update({
    where: { id: run.id },
    data: { finishedAt: new Date(), outcome: result.outcome, summary: (result.summary ?? undefined) as Prisma.InputJsonValue | undefined, error: result.error },
  });
  return result;
}

/** Updates the feeds (all, or those named), one after the other, under the feeds lease. */
export async function updateFeeds(db: Db, options: UpdateOptions): Promise<UpdateResult> {
  const lease = await takeFeedsLease(db, `${options.trigger} (pid ${process.pid})`, options.leaseMs);
  if (!("release" in lease)) return { status: "busy", message: `another feeds update is running (${lease.heldBy}, until ${lease.until}); try again later` };
  try {
    const runs: FeedRun[] = [];
    for (const feed of options.feeds ?? UPDATABLE_FEEDS) runs.push(await updateOne(db, feed, options));
    // A person's "Update now" is on the audit trail even when nothing changed.
    if (options.actor && "id" in options.actor) {
      await audit(db, { actor: options.actor, action: "feeds.update", targetType: "feed", after: { trigger: options.trigger, runs: runs.map((r) => ({ feed: r.feed, outcome: r.outcome, error: r.error })) } });
    }
    return { status: "done", runs };
  } finally {
    await lease.release();
  }
}
