-- CreateIndex
CREATE INDEX "DeviceVulnerability_status_matchedAt_id_idx" ON "DeviceVulnerability"("status", "matchedAt", "id");
