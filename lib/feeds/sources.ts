// Setting where a feed is fetched from (the feed page; audited). Which source wins is decided in
// lib/domain/words/feed-sources.ts.
import { z } from "zod";
import { audit } from "../db/audit-trail";
import type { Db } from "../db/client";
import { badRequest, zodIssues } from "../web/errors";
import { UPDATABLE_FEEDS } from "../domain/words/feed-sources";
import { isHttpUrl } from "./download";

export const feedSourceInput = z.object({
  feed: z.enum(UPDATABLE_FEEDS),
  // Empty: back to the environment's or the official source.
  url: z.string().trim().max(2000).refine((u) => u === "" || isHttpUrl(u), "Enter an http:// or https:// URL (no user name or password in it)."),
});

/** Sets (or, with an empty URL, resets) a feed's source URL; audited as feed.source.set. */
export async function setFeedSourceUrl(db: Db, input: unknown, actor: { id: string; email: string }) {
  const parsed = feedSourceInput.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_source", "The source URL is not valid.", zodIssues(parsed.error));
  const { feed, url } = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.feedSource.findUnique({ where: { feed }, select: { url: true } });
    const data = url ? { url, urlSetBy: actor.email } : { url: null, urlSetBy: null };
    // A new source has its own validators and, for CSAF, its own changes: start afresh.
    const fresh = (before?.url ?? null) !== (url || null) ? { etag: null, lastModified: null } : {};
    await tx.feedSource.upsert({ where: { feed }, create: { feed, ...data }, update: { ...data, ...fresh } });
    await audit(tx, { actor, action: "feed.source.set", targetType: "feed", targetId: feed, before: { url: before?.url ?? null }, after: { url: url || null } });
    return { feed, url: url || null };
  });
}
