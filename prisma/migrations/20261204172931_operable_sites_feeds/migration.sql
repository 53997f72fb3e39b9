-- Segments remember the site whose agents report them (backfilled from their site), so they
-- can be moved and renamed. The default site is found by its key. feeds:update keeps its state.
-- (No semicolon in these comments: the PostgreSQL script runner splits statements on it.)
-- AlterTable
ALTER TABLE "Site" ADD COLUMN "key" TEXT;
UPDATE "Site" SET "key" = 'default' WHERE "name" = 'Default site';

-- CreateTable
CREATE TABLE "FeedSource" (
    "feed" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT,
    "urlSetBy" TEXT,
    "etag" TEXT,
    "lastModified" TEXT,
    "cursor" TEXT,
    "lastTryAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastChangeAt" DATETIME,
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FeedUpdateRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "feed" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "summary" JSONB,
    "error" TEXT,
    CONSTRAINT "FeedUpdateRun_feed_fkey" FOREIGN KEY ("feed") REFERENCES "FeedSource" ("feed") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Segment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "reportedSiteId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT,
    "exposure" TEXT NOT NULL DEFAULT 'general_it',
    "exposureSource" TEXT NOT NULL DEFAULT 'guessed',
    "exposureSetBy" TEXT,
    "exposureSetAt" DATETIME,
    "vlan" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Segment_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Segment" ("createdAt", "exposure", "id", "name", "siteId", "reportedSiteId", "vlan") SELECT "createdAt", "exposure", "id", "name", "siteId", "siteId", "vlan" FROM "Segment";
DROP TABLE "Segment";
ALTER TABLE "new_Segment" RENAME TO "Segment";
CREATE UNIQUE INDEX "Segment_siteId_name_key" ON "Segment"("siteId", "name");
CREATE UNIQUE INDEX "Segment_reportedSiteId_name_key" ON "Segment"("reportedSiteId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FeedUpdateRun_feed_startedAt_idx" ON "FeedUpdateRun"("feed", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Site_key_key" ON "Site"("key");
