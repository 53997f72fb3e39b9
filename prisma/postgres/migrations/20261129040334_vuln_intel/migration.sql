/*
  Warnings:

  - You are about to drop the column `epss` on the `Vulnerability` table. All the data in the column will be lost.
  - You are about to drop the column `epssDate` on the `Vulnerability` table. All the data in the column will be lost.
  - You are about to drop the column `epssModel` on the `Vulnerability` table. All the data in the column will be lost.
  - You are about to drop the column `epssPercentile` on the `Vulnerability` table. All the data in the column will be lost.
  - A unique constraint covering the columns `[feed,sha256,target]` on the table `FeedImport` will be added. If there are existing duplicate values, this will fail.
  - Added the required column `importedBy` to the `FeedImport` table without a default value. This is not possible if the table is not empty.

*/
-- DropIndex
DROP INDEX "FeedImport_feed_sha256_key";

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "riskHash" TEXT,
ADD COLUMN     "riskStale" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "FeedImport" ADD COLUMN     "importedBy" TEXT NOT NULL,
ADD COLUMN     "target" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "SbomComponent" ADD COLUMN     "bomRef" TEXT,
ADD COLUMN     "declared" JSONB,
ADD COLUMN     "supplier" TEXT;

-- AlterTable
ALTER TABLE "Vulnerability" DROP COLUMN "epss",
DROP COLUMN "epssDate",
DROP COLUMN "epssModel",
DROP COLUMN "epssPercentile";

-- CreateTable
CREATE TABLE "EpssScore" (
    "cve" TEXT NOT NULL,
    "epss" DOUBLE PRECISION NOT NULL,
    "percentile" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "EpssScore_pkey" PRIMARY KEY ("cve")
);

-- CreateIndex
CREATE INDEX "Device_riskStale_idx" ON "Device"("riskStale");

-- CreateIndex
CREATE UNIQUE INDEX "FeedImport_feed_sha256_target_key" ON "FeedImport"("feed", "sha256", "target");
