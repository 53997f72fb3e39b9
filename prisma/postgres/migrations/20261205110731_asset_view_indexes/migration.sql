-- CreateIndex
CREATE INDEX "Asset_state_assetTagKey_id_idx" ON "Asset"("state", "assetTagKey", "id");

-- CreateIndex
CREATE INDEX "Asset_department_idx" ON "Asset"("department");

-- CreateIndex
CREATE INDEX "Asset_deviceType_idx" ON "Asset"("deviceType");

-- CreateIndex
CREATE INDEX "Device_siteId_assetId_status_id_idx" ON "Device"("siteId", "assetId", "status", "id");

-- CreateIndex
CREATE INDEX "Device_category_assetId_status_id_idx" ON "Device"("category", "assetId", "status", "id");
