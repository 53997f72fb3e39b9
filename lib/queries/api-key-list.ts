import "server-only";
// The integration API's keys for Settings → API keys: never the hash.
import type { Db } from "../db/client";

export const API_KEY_LIST_LIMIT = 500;

/** The keys for the settings page, newest first; never the hash. */
export async function listApiKeys(db: Db) {
  return db.apiKey.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: API_KEY_LIST_LIMIT,
    select: { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
