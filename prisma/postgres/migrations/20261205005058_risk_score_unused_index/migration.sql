-- No query reads a score's history by time alone: it is read per device, by (deviceId, computedAt).
-- The index cost a B-tree insert for every score a risk refresh writes.
-- DropIndex
DROP INDEX "RiskScore_computedAt_idx";
