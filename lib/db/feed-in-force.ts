// Which release of a feed is in force: the latest import. Imports only move forward, except a
// rollback, which is an import of its own (lib/vulns/rollback.ts), so it is the order of import,
// not the feed's own date, that decides. One ordering for the importer, the rollback, the kept
// documents, the Feeds page and the risk breakdown, so they cannot disagree on it.
import type { Prisma } from "./client";

/** Newest import first; the id breaks a tie between imports of the same millisecond. */
export const NEWEST_IMPORT_FIRST: Prisma.FeedImportOrderByWithRelationInput[] = [{ importedAt: "desc" }, { id: "desc" }];
