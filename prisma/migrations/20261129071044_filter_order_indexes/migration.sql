-- DropIndex
DROP INDEX "Device_criticality_id_idx";

-- DropIndex
DROP INDEX "Device_riskTier_id_idx";

-- DropIndex
DROP INDEX "Device_vendor_id_idx";

-- DropIndex
DROP INDEX "Device_siteId_segmentId_id_idx";

-- DropIndex
DROP INDEX "Device_category_id_idx";

-- CreateIndex
CREATE INDEX "Device_category_riskScore_id_idx" ON "Device"("category", "riskScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Device_siteId_riskScore_id_idx" ON "Device"("siteId", "riskScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Device_segmentId_riskScore_id_idx" ON "Device"("segmentId", "riskScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Device_vendor_riskScore_id_idx" ON "Device"("vendor", "riskScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Device_riskTier_riskScore_id_idx" ON "Device"("riskTier", "riskScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Device_criticality_riskScore_id_idx" ON "Device"("criticality", "riskScore" DESC, "id");
