-- AlterTable
ALTER TABLE "Device" ADD COLUMN "assetId" TEXT;

-- CreateTable
CREATE TABLE "FleetSummary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vendor" TEXT,
    "model" TEXT,
    "firmwareVersion" TEXT,
    "siteId" TEXT,
    "category" TEXT NOT NULL,
    "devices" INTEGER NOT NULL,
    "worstScore" INTEGER NOT NULL,
    "advisoryIds" TEXT NOT NULL DEFAULT '[]',
    "refreshedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AssetSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'csv',
    "mapping" JSONB,
    "lastImportAt" DATETIME,
    "lastImportBy" TEXT,
    "lastImportRows" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "assetTag" TEXT NOT NULL,
    "assetTagKey" TEXT NOT NULL,
    "serial" TEXT,
    "serialKey" TEXT,
    "mac" TEXT,
    "hostname" TEXT,
    "hostnameKey" TEXT,
    "ip" TEXT,
    "manufacturer" TEXT,
    "model" TEXT,
    "deviceType" TEXT,
    "department" TEXT,
    "location" TEXT,
    "owner" TEXT,
    "siteId" TEXT,
    "purchasedOn" DATETIME,
    "endOfSupportOn" DATETIME,
    "extra" JSONB,
    "retiredAt" DATETIME,
    "deviceId" TEXT,
    "linkKey" TEXT,
    "linkConfidence" TEXT,
    "linkedAt" DATETIME,
    "linkedBy" TEXT,
    "notNetworkAt" DATETIME,
    "notNetworkBy" TEXT,
    "notNetworkReason" TEXT,
    "state" TEXT NOT NULL DEFAULT 'missing',
    "mismatches" JSONB,
    "reconciledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Asset_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AssetSource" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssetLinkRefusal" (
    "assetId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("assetId", "deviceId"),
    CONSTRAINT "AssetLinkRefusal_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "scope" TEXT NOT NULL DEFAULT 'read',
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("createdAt", "createdById", "id", "keyHash", "lastUsedAt", "name", "prefix", "revokedAt") SELECT "createdAt", "createdById", "id", "keyHash", "lastUsedAt", "name", "prefix", "revokedAt" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FleetSummary_vendor_model_firmwareVersion_idx" ON "FleetSummary"("vendor", "model", "firmwareVersion");

-- CreateIndex
CREATE UNIQUE INDEX "AssetSource_name_key" ON "AssetSource"("name");

-- CreateIndex
CREATE INDEX "Asset_assetTagKey_idx" ON "Asset"("assetTagKey");

-- CreateIndex
CREATE INDEX "Asset_serialKey_idx" ON "Asset"("serialKey");

-- CreateIndex
CREATE INDEX "Asset_mac_idx" ON "Asset"("mac");

-- CreateIndex
CREATE INDEX "Asset_hostnameKey_idx" ON "Asset"("hostnameKey");

-- CreateIndex
CREATE INDEX "Asset_ip_idx" ON "Asset"("ip");

-- CreateIndex
CREATE INDEX "Asset_deviceId_idx" ON "Asset"("deviceId");

-- CreateIndex
CREATE INDEX "Asset_state_siteId_idx" ON "Asset"("state", "siteId");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_sourceId_assetTag_key" ON "Asset"("sourceId", "assetTag");
