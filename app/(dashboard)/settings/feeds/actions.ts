"use server";

import { revalidatePath } from "next/cache";
import { SOURCE_NAMES } from "@/components/settings/feed-words";
import { canImportFeeds } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { UPDATABLE_FEEDS } from "@/lib/domain/words/feed-sources";
import { setFeedSourceUrl } from "@/lib/feeds/sources";
import { z } from "zod";
import { updateFeeds } from "@/lib/feeds/update";
import { rollbackFeed } from "@/lib/vulns/rollback";
import { FEED_NAMES } from "@/lib/domain/words/feed-names";
import { runAction, type ActionResult } from "@/lib/web/action-result";
import { badRequest, conflict } from "@/lib/web/errors";

export async function setFeedSourceAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canImportFeeds);
    const { feed, url } = await setFeedSourceUrl(getDb(), { feed: form.get("feed"), url: form.get("url") ?? "" }, actor);
    revalidatePath("/settings/feeds");
    return url ? `${SOURCE_NAMES[feed]} now comes from ${url}.` : `${SOURCE_NAMES[feed]} is back to its default source.`;
  });
}

/** Which feed "Update now" updates: one (`feed`), or all when the field is empty. */
const feedChoice = z.object({ feed: z.enum(UPDATABLE_FEEDS).optional() });

/** Runs a feeds update now and waits for it: seconds, or up to the timeout of a slow source. */
export async function updateFeedsNowAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let failed = false;
  const result = await runAction(form, async () => {
    const actor = await requirePermission(canImportFeeds);
    const choice = feedChoice.safeParse({ feed: form.get("feed") || undefined });
    if (!choice.success) throw badRequest("invalid_request", "Choose a feed to update, or none for all.", [{ path: "feed", message: "kev, epss or csaf" }]);
    const { feed } = choice.data;
    const outcome = await updateFeeds(getDb(), { trigger: "page", actor, feeds: feed ? [feed] : undefined });
    revalidatePath("/settings/feeds");
    if (outcome.status === "busy") throw conflict(`Not started: ${outcome.message}.`);
    failed = outcome.runs.some((r) => r.outcome === "failed");
    return outcome.runs.map((r) => `${SOURCE_NAMES[r.feed]}: ${r.outcome}`).join(", ") + (failed ? ". See the error below." : ".");
  });
  return { ...result, ok: result.ok && !failed };
}

const rollbackChoice = z.object({ importId: z.string().trim().min(1).max(64) });

/** Puts an earlier KEV catalog or EPSS day back in force (lib/vulns/import.ts rollbackFeed). */
export async function rollbackFeedAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canImportFeeds);
    const choice = rollbackChoice.safeParse({ importId: form.get("importId") });
    if (!choice.success) throw badRequest("invalid_request", "Choose the import to roll back to.", [{ path: "importId", message: "an import id" }]);
    const { feed, feedVersion } = await rollbackFeed(getDb(), choice.data.importId, actor);
    revalidatePath("/settings/feeds");
    return `${FEED_NAMES[feed]} ${feedVersion ?? ""} is back in force; devices are being rescored.`;
  });
}
