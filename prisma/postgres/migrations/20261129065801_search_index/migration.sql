-- The inventory search without a full scan: a trigram GIN index (pg_trgm) so that
-- lower("searchText") LIKE '%term%' finds its few devices among a million through the index.
-- An expression index (lower(...)): Prisma's schema diff leaves expression indexes alone, so the
-- index lives only here. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension:
-- the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Device_searchText_trgm_idx" ON "Device" USING GIN (lower("searchText") gin_trgm_ops);
