-- DropIndex
DROP INDEX "Device_firstSeenAt_idx";

-- CreateIndex
CREATE INDEX "Device_firstSeenAt_id_idx" ON "Device"("firstSeenAt", "id");

-- CreateIndex
CREATE INDEX "Device_displayName_id_idx" ON "Device"("displayName", "id");
