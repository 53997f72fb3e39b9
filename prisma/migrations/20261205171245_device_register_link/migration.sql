-- A device's register link moves from Device."assetId" into a narrow table of its own (see the
-- schema): linking a register's worth of devices no longer rewrites Device rows. The links
-- already made are kept. The column is dropped in place (SQLite 3.35+), not by copying the table
-- as Prisma would: a copy renumbers the rowids the DeviceSearch full-text table joins on, and
-- drops the triggers that keep it.
CREATE TABLE "DeviceRegisterLink" (
    "deviceId" TEXT NOT NULL PRIMARY KEY,
    "assetId" TEXT NOT NULL,
    CONSTRAINT "DeviceRegisterLink_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeviceRegisterLink_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "DeviceRegisterLink_assetId_idx" ON "DeviceRegisterLink"("assetId");

INSERT INTO "DeviceRegisterLink" ("deviceId", "assetId")
SELECT d."id", d."assetId" FROM "Device" d
WHERE d."assetId" IS NOT NULL AND EXISTS (SELECT 1 FROM "Asset" a WHERE a."id" = d."assetId");

DROP INDEX "Device_category_assetId_status_id_idx";

DROP INDEX "Device_siteId_assetId_status_id_idx";

ALTER TABLE "Device" DROP COLUMN "assetId";
