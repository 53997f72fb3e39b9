-- The inventory search without a full scan: a trigram full-text index (FTS5) over
-- Device.searchText, so "contains" finds its few devices among a million through the index.
-- External content: the index keeps only the trigrams and reads the text from "Device" by rowid.
-- Triggers keep it in step with every insert, update of searchText and delete. Prisma does not
-- manage virtual tables; lib/db/migrations.ts lists "DeviceSearch" and its shadow tables as
-- external so that schema diffs ignore them. After a VACUUM (which may renumber rowids), run
--   INSERT INTO "DeviceSearch"("DeviceSearch") VALUES ('rebuild');
-- Every hit is re-checked against Device.searchText, so a stale index can only miss, never lie.
CREATE VIRTUAL TABLE "DeviceSearch" USING fts5("searchText", content='Device', content_rowid='rowid', tokenize='trigram', detail='none');

CREATE TRIGGER "Device_search_insert" AFTER INSERT ON "Device" BEGIN
  INSERT INTO "DeviceSearch"(rowid, "searchText") VALUES (new.rowid, new."searchText");
END;

CREATE TRIGGER "Device_search_delete" AFTER DELETE ON "Device" BEGIN
  INSERT INTO "DeviceSearch"("DeviceSearch", rowid, "searchText") VALUES ('delete', old.rowid, old."searchText");
END;

CREATE TRIGGER "Device_search_update" AFTER UPDATE OF "searchText" ON "Device" WHEN old."searchText" IS NOT new."searchText" BEGIN
  INSERT INTO "DeviceSearch"("DeviceSearch", rowid, "searchText") VALUES ('delete', old.rowid, old."searchText");
  INSERT INTO "DeviceSearch"(rowid, "searchText") VALUES (new.rowid, new."searchText");
END;

-- Devices that existed before this migration.
INSERT INTO "DeviceSearch"("DeviceSearch") VALUES ('rebuild');
