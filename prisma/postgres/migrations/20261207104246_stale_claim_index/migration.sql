-- The risk refresh claims its next batch of stale devices in id order (lib/db/claim-batch.ts).
-- With an index of the flag alone, SQLite sorted every stale device for each batch (a temporary
-- B-tree: 70 ms of the server's thread a batch at 100,000 devices); with the id beside it, the
-- claim is a range read in id order.
-- DropIndex
DROP INDEX "Device_riskStale_idx";

-- CreateIndex
CREATE INDEX "Device_riskStale_id_idx" ON "Device"("riskStale", "id");
