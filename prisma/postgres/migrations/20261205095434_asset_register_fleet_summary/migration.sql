-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "scope" TEXT NOT NULL DEFAULT 'read';

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "assetId" TEXT;

-- CreateTable
CREATE TABLE "FleetSummary" (
    "id" TEXT NOT NULL,
    "vendor" TEXT,
    "model" TEXT,
    "firmwareVersion" TEXT,
    "siteId" TEXT,
    "category" TEXT NOT NULL,
    "devices" INTEGER NOT NULL,
    "worstScore" INTEGER NOT NULL,
    "advisoryIds" TEXT NOT NULL DEFAULT '[]',
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FleetSummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetSource" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'csv',
    "mapping" JSONB,
    "lastImportAt" TIMESTAMP(3),
    "lastImportBy" TEXT,
    "lastImportRows" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssetSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL,
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
    "purchasedOn" TIMESTAMP(3),
    "endOfSupportOn" TIMESTAMP(3),
    "extra" JSONB,
    "retiredAt" TIMESTAMP(3),
    "deviceId" TEXT,
    "linkKey" TEXT,
    "linkConfidence" TEXT,
    "linkedAt" TIMESTAMP(3),
    "linkedBy" TEXT,
    "notNetworkAt" TIMESTAMP(3),
    "notNetworkBy" TEXT,
    "notNetworkReason" TEXT,
    "state" TEXT NOT NULL DEFAULT 'missing',
    "mismatches" JSONB,
    "reconciledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssetLinkRefusal" (
    "assetId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetLinkRefusal_pkey" PRIMARY KEY ("assetId","deviceId")
);

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

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AssetSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssetLinkRefusal" ADD CONSTRAINT "AssetLinkRefusal_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
