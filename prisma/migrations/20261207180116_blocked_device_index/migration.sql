-- The devices a person blocked, for each report's check of its new devices against their physical
-- fingerprints (lib/ingest/blocked-devices.ts). Found through the hash, as before, a fleet of one
-- model was read whole for every report that brought a new device (one fingerprint: 140,000
-- devices of seed:large's million; 15,000 of bench:views' agents, 150-800 ms in the report's
-- transaction on PostgreSQL). A handful of rows, changed only when a person blocks or unblocks a
-- device. Written here, not in schema.prisma: the schema engine leaves an index with a WHERE
-- alone, and its preview feature for them (7.10.0) did not see, when diffing from the
-- migrations, the index it had created.
-- CreateIndex
CREATE INDEX "Device_blocked_idx" ON "Device"("id") WHERE "statusRule" = 'user:block';
