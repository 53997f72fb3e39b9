-- Acceptances past their expiry are looked for every 5 s (lib/jobs/acceptance-expiry.ts), and
-- without an index that read every device: 840 ms at a million devices on SQLite, under load.
-- CreateIndex
CREATE INDEX "Device_riskAcceptedUntil_idx" ON "Device"("riskAcceptedUntil");
