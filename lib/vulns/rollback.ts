// Rolling a feed back: an earlier KEV catalog or EPSS day put back in force from the document kept
// at its import (lib/vulns/import.ts keeps the newest ROLLBACK_KEPT of each).
import { gunzipSync } from "node:zlib";
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import type { Db } from "../db/client";
import { newRowId } from "../db/row-ids";
import { ROLLBACK_FEEDS, ROLLBACK_KEPT, type Feed } from "../domain/words/feed-names";
import { badRequest, conflict, notFound } from "../web/errors";
import { readFeedFiles, writeEpss, writeKev, type FileOutcome } from "./import";
import { NEWEST_IMPORT_FIRST } from "../db/feed-in-force";

/**
 * Puts an earlier KEV catalog or EPSS day back in force, from the document kept at its import:
 * for a release that turned out wrong (a mirror serving a truncated catalog, a bad day of
 * scores). Recorded as an import of its own that names the one it replaced, and audited; every
 * device with vulnerabilities is rescored.
 */
export async function rollbackFeed(db: Db, importId: string, actor: AuditActor): Promise<{ feed: Feed; feedVersion: string | null; summary: FileOutcome["summary"] }> {
  const target = await db.feedImport.findUnique({ where: { id: importId.slice(0, 64) } });
  if (!target) throw notFound("feed import");
  if (!ROLLBACK_FEEDS.has(target.feed as Feed)) throw badRequest("invalid_request", "Only the KEV catalog and EPSS scores can be rolled back: an advisory or an SBOM is replaced by importing its next revision.");
  if (!target.content) throw badRequest("invalid_request", `This import's document is no longer kept (the newest ${ROLLBACK_KEPT} of each feed are): import the file you want again instead.`);
  const [read] = readFeedFiles([{ name: target.source, bytes: gunzipSync(target.content) }]);
  const importedBy = actorLabel(actor);
  return db.$transaction(
    async (tx) => {
      const inForce = await tx.feedImport.findFirst({ where: { feed: target.feed }, orderBy: NEWEST_IMPORT_FIRST, select: { id: true, feedVersion: true } });
      if (inForce?.id === target.id) throw conflict("This release is already the one in force.");
      const summary = read.feed === "kev" ? await writeKev(tx, read.data, { rollback: true }) : read.feed === "epss" ? await writeEpss(tx, db, read.data, { rollback: true }) : null;
      if (!summary || summary === "older") throw new Error("rollback wrote nothing");
      const recorded = { ...summary, rolledBackTo: target.id, replaced: inForce?.feedVersion ?? "" };
      await tx.feedImport.create({
        data: { feed: target.feed, feedVersion: target.feedVersion, feedDate: target.feedDate, source: `rollback to ${target.source}`.slice(0, 500), sha256: target.sha256, target: `rollback:${newRowId()}`, importedBy, summary: recorded, rolledBackFrom: inForce?.id ?? null },
      });
      await audit(tx, { actor, action: "feed.rollback", targetType: "feed", targetId: target.feed, before: { import: inForce?.id ?? null, version: inForce?.feedVersion ?? null }, after: { import: target.id, version: target.feedVersion, ...summary } });
      return { feed: target.feed as Feed, feedVersion: target.feedVersion, summary };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}
