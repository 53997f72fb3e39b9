-- Segments remember the site whose agents report them (backfilled from their site), so they
-- can be moved and renamed. The default site is found by its key. feeds:update keeps its state.
-- (No semicolon in these comments: the PostgreSQL script runner splits statements on it.)
-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "exposureSetAt" TIMESTAMP(3),
ADD COLUMN     "exposureSetBy" TEXT,
ADD COLUMN     "exposureSource" TEXT NOT NULL DEFAULT 'guessed',
ADD COLUMN     "label" TEXT,
ADD COLUMN     "reportedSiteId" TEXT;
UPDATE "Segment" SET "reportedSiteId" = "siteId";
ALTER TABLE "Segment" ALTER COLUMN "reportedSiteId" SET NOT NULL;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "key" TEXT;
UPDATE "Site" SET "key" = 'default' WHERE "name" = 'Default site';

-- CreateTable
CREATE TABLE "FeedSource" (
    "feed" TEXT NOT NULL,
    "url" TEXT,
    "urlSetBy" TEXT,
    "etag" TEXT,
    "lastModified" TEXT,
    "cursor" TEXT,
    "lastTryAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastChangeAt" TIMESTAMP(3),
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedSource_pkey" PRIMARY KEY ("feed")
);

-- CreateTable
CREATE TABLE "FeedUpdateRun" (
    "id" TEXT NOT NULL,
    "feed" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "summary" JSONB,
    "error" TEXT,

    CONSTRAINT "FeedUpdateRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FeedUpdateRun_feed_startedAt_idx" ON "FeedUpdateRun"("feed", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_reportedSiteId_name_key" ON "Segment"("reportedSiteId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Site_key_key" ON "Site"("key");

-- AddForeignKey
ALTER TABLE "FeedUpdateRun" ADD CONSTRAINT "FeedUpdateRun_feed_fkey" FOREIGN KEY ("feed") REFERENCES "FeedSource"("feed") ON DELETE RESTRICT ON UPDATE CASCADE;
