/*
  Warnings:

  - You are about to drop the column `epss` on the `Vulnerability` table. All the data in the column will be lost.
  - You are about to drop the column `epssDate` on the `Vulnerability` table. All the data in the column will be lost.
  - You are about to drop the column `epssModel` on the `Vulnerability` table. All the data in the column will be lost.
  - You are about to drop the column `epssPercentile` on the `Vulnerability` table. All the data in the column will be lost.
  - Added the required column `importedBy` to the `FeedImport` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "SbomComponent" ADD COLUMN "bomRef" TEXT;
ALTER TABLE "SbomComponent" ADD COLUMN "declared" JSONB;
ALTER TABLE "SbomComponent" ADD COLUMN "supplier" TEXT;

-- CreateTable
CREATE TABLE "EpssScore" (
    "cve" TEXT NOT NULL PRIMARY KEY,
    "epss" REAL NOT NULL,
    "percentile" REAL NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'unknown',
    "categoryRule" TEXT,
    "claimedMac" TEXT,
    "claimedIp" TEXT,
    "claimedHostname" TEXT,
    "claimedVendor" TEXT,
    "claimedModel" TEXT,
    "claimedSerial" TEXT,
    "claimedFirmware" TEXT,
    "usbVendorId" TEXT,
    "usbProductId" TEXT,
    "usbSerial" TEXT,
    "usbManufacturer" TEXT,
    "usbProduct" TEXT,
    "vendor" TEXT,
    "model" TEXT,
    "firmwareVersion" TEXT,
    "ouiVendor" TEXT,
    "usbIdsVendor" TEXT,
    "usbIdsProduct" TEXT,
    "macLocallyAdministered" BOOLEAN NOT NULL DEFAULT false,
    "os" TEXT,
    "channel" TEXT,
    "internetExposed" BOOLEAN NOT NULL DEFAULT false,
    "network" JSONB,
    "siteId" TEXT,
    "segmentId" TEXT,
    "department" TEXT,
    "location" TEXT,
    "owner" TEXT,
    "criticality" TEXT NOT NULL DEFAULT 'non_clinical',
    "criticalitySource" TEXT NOT NULL DEFAULT 'category-default',
    "criticalityEditedById" TEXT,
    "phi" TEXT NOT NULL DEFAULT 'none',
    "compensatingControls" REAL NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusReason" TEXT,
    "statusRule" TEXT,
    "statusChangedAt" DATETIME,
    "assigneeId" TEXT,
    "spoofSuspected" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notSeenAt" DATETIME,
    "lastAgentId" TEXT,
    "switchPort" TEXT,
    "switchPortSeenAt" DATETIME,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "riskTier" TEXT NOT NULL DEFAULT 'low',
    "ssvc" TEXT,
    "riskComputedAt" DATETIME,
    "riskAcceptedUntil" DATETIME,
    "riskStale" BOOLEAN NOT NULL DEFAULT true,
    "riskHash" TEXT,
    "currentFingerprintId" TEXT,
    "factsHash" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Device_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Device_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Device_criticalityEditedById_fkey" FOREIGN KEY ("criticalityEditedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Device_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Device" ("assigneeId", "category", "categoryRule", "channel", "claimedFirmware", "claimedHostname", "claimedIp", "claimedMac", "claimedModel", "claimedSerial", "claimedVendor", "compensatingControls", "createdAt", "criticality", "criticalityEditedById", "criticalitySource", "currentFingerprintId", "department", "displayName", "factsHash", "firmwareVersion", "firstSeenAt", "id", "internetExposed", "lastAgentId", "lastSeenAt", "location", "macLocallyAdministered", "model", "network", "notSeenAt", "os", "ouiVendor", "owner", "phi", "riskAcceptedUntil", "riskComputedAt", "riskScore", "riskTier", "searchText", "segmentId", "siteId", "spoofSuspected", "ssvc", "status", "statusChangedAt", "statusReason", "statusRule", "switchPort", "switchPortSeenAt", "updatedAt", "usbIdsProduct", "usbIdsVendor", "usbManufacturer", "usbProduct", "usbProductId", "usbSerial", "usbVendorId", "vendor") SELECT "assigneeId", "category", "categoryRule", "channel", "claimedFirmware", "claimedHostname", "claimedIp", "claimedMac", "claimedModel", "claimedSerial", "claimedVendor", "compensatingControls", "createdAt", "criticality", "criticalityEditedById", "criticalitySource", "currentFingerprintId", "department", "displayName", "factsHash", "firmwareVersion", "firstSeenAt", "id", "internetExposed", "lastAgentId", "lastSeenAt", "location", "macLocallyAdministered", "model", "network", "notSeenAt", "os", "ouiVendor", "owner", "phi", "riskAcceptedUntil", "riskComputedAt", "riskScore", "riskTier", "searchText", "segmentId", "siteId", "spoofSuspected", "ssvc", "status", "statusChangedAt", "statusReason", "statusRule", "switchPort", "switchPortSeenAt", "updatedAt", "usbIdsProduct", "usbIdsVendor", "usbManufacturer", "usbProduct", "usbProductId", "usbSerial", "usbVendorId", "vendor" FROM "Device";
DROP TABLE "Device";
ALTER TABLE "new_Device" RENAME TO "Device";
CREATE INDEX "Device_riskScore_id_idx" ON "Device"("riskScore" DESC, "id");
CREATE INDEX "Device_status_riskScore_id_idx" ON "Device"("status", "riskScore" DESC, "id");
CREATE INDEX "Device_category_id_idx" ON "Device"("category", "id");
CREATE INDEX "Device_siteId_segmentId_id_idx" ON "Device"("siteId", "segmentId", "id");
CREATE INDEX "Device_vendor_id_idx" ON "Device"("vendor", "id");
CREATE INDEX "Device_riskTier_id_idx" ON "Device"("riskTier", "id");
CREATE INDEX "Device_criticality_id_idx" ON "Device"("criticality", "id");
CREATE INDEX "Device_lastSeenAt_id_idx" ON "Device"("lastSeenAt", "id");
CREATE INDEX "Device_firstSeenAt_idx" ON "Device"("firstSeenAt");
CREATE INDEX "Device_claimedMac_idx" ON "Device"("claimedMac");
CREATE INDEX "Device_claimedIp_idx" ON "Device"("claimedIp");
CREATE INDEX "Device_spoofSuspected_status_idx" ON "Device"("spoofSuspected", "status");
CREATE INDEX "Device_lastAgentId_notSeenAt_idx" ON "Device"("lastAgentId", "notSeenAt");
CREATE INDEX "Device_riskStale_idx" ON "Device"("riskStale");
CREATE TABLE "new_FeedImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "feed" TEXT NOT NULL,
    "feedVersion" TEXT,
    "feedDate" DATETIME,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT '',
    "importedBy" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL
);
INSERT INTO "new_FeedImport" ("feed", "feedDate", "feedVersion", "id", "importedAt", "sha256", "source", "summary") SELECT "feed", "feedDate", "feedVersion", "id", "importedAt", "sha256", "source", "summary" FROM "FeedImport";
DROP TABLE "FeedImport";
ALTER TABLE "new_FeedImport" RENAME TO "FeedImport";
CREATE INDEX "FeedImport_feed_importedAt_idx" ON "FeedImport"("feed", "importedAt");
CREATE UNIQUE INDEX "FeedImport_feed_sha256_target_key" ON "FeedImport"("feed", "sha256", "target");
CREATE TABLE "new_Vulnerability" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT,
    "description" TEXT,
    "cvssVersion" TEXT,
    "cvssVector" TEXT,
    "cvssBaseScore" REAL,
    "cvssExploitability" REAL,
    "kev" BOOLEAN NOT NULL DEFAULT false,
    "kevDateAdded" DATETIME,
    "kevDueDate" DATETIME,
    "kevRansomware" BOOLEAN NOT NULL DEFAULT false,
    "kevCatalogVersion" TEXT,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Vulnerability" ("cvssBaseScore", "cvssExploitability", "cvssVector", "cvssVersion", "description", "id", "kev", "kevCatalogVersion", "kevDateAdded", "kevDueDate", "kevRansomware", "title", "updatedAt") SELECT "cvssBaseScore", "cvssExploitability", "cvssVector", "cvssVersion", "description", "id", "kev", "kevCatalogVersion", "kevDateAdded", "kevDueDate", "kevRansomware", "title", "updatedAt" FROM "Vulnerability";
DROP TABLE "Vulnerability";
ALTER TABLE "new_Vulnerability" RENAME TO "Vulnerability";
CREATE INDEX "Vulnerability_kev_idx" ON "Vulnerability"("kev");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
