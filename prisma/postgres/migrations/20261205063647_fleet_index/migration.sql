-- CreateIndex
CREATE INDEX "Device_vendor_model_firmwareVersion_status_riskScore_idx" ON "Device"("vendor", "model", "firmwareVersion", "status", "riskScore");
