// The inventory search's trigram index (lib/queries/devices.ts). SQLite: the FTS5 table
// "DeviceSearch" (trigram tokenizer), each hit re-checked against the row. PostgreSQL: the table
// "DeviceSearch" (each device's searchText in lower case, kept by triggers) and its GIN
// gin_trgm_ops index, off Device so that rewriting a device's row does not rewrite its trigrams.
import { providerOf, type Db, type Prisma } from "./client";

/** A term as a LIKE pattern that matches it literally anywhere ("\\" escapes % and _). */
const likeContains = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Ids of at most `take` devices whose searchText contains every one of `needles` (lower case, three
 * characters or more each): one index lookup whatever the number of terms ("alaris 8015"): FTS5
 * takes each LIKE as a constraint of its own, PostgreSQL ANDs the GIN index's bitmaps.
 */
export async function devicesWithSearchText(db: Db, needles: string | string[], take: number): Promise<string[]> {
  const terms = typeof needles === "string" ? [needles] : needles;
  if (!terms.length) return [];
  const rows = providerOf(db) === "sqlite"
    ? await db.$queryRawUnsafe<{ id: string }[]>(
        // No ESCAPE clause: FTS5 would then scan. A "%" or "_" in a term only widens the index
        // lookup; instr() keeps the literal matches.
        `SELECT d."id" FROM "DeviceSearch" s JOIN "Device" d ON d.rowid = s.rowid WHERE ${terms.map(() => `s."searchText" LIKE ?`).join(" AND ")} AND ${terms.map(() => `instr(d."searchText", ?) > 0`).join(" AND ")} LIMIT ?`,
        ...terms.map((t) => `%${t}%`), ...terms, take,
      )
    : await db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT "deviceId" AS "id" FROM "DeviceSearch" WHERE ${terms.map((_, i) => `"searchText" LIKE $${i + 1}`).join(" AND ")} LIMIT $${terms.length + 1}`,
        ...terms.map(likeContains), take,
      );
  return rows.map((r) => r.id);
}

/** The columns countWithSearchText may compare, by name: nothing else reaches the SQL text. */
const COUNTED_COLUMNS = new Set(["category", "siteId", "segmentId", "vendor", "model", "firmwareVersion", "status", "criticality", "riskTier"]);

/**
 * How many devices (at most `take`) contain every one of `terms` (lower case; those of three
 * characters or more through the trigram index, the others literally) and equal `equal` column by
 * column. One statement with no ORDER BY, so the database reads the index's matches in its own
 * order and stops at `take`. On SQLite the unary + keeps the column filters off their indexes:
 * walking the status index and probing the text index per device took 5 s at a million devices.
 */
export async function countWithSearchText(db: Db, terms: string[], equal: Record<string, string>, take: number): Promise<number> {
  const columns = Object.keys(equal);
  if (columns.some((c) => !COUNTED_COLUMNS.has(c))) throw new Error(`not a counted column: ${columns.join(", ")}`);
  const values = columns.map((c) => equal[c]);
  if (providerOf(db) === "sqlite") {
    const indexed = terms.filter((t) => /[^%_]{3}/.test(t));
    const where = [...indexed.map(() => `s."searchText" LIKE ?`), ...terms.map(() => `instr(d."searchText", ?) > 0`), ...columns.map((c) => `+d."${c}" = ?`)];
    const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT count(*) AS n FROM (SELECT d."id" FROM "DeviceSearch" s JOIN "Device" d ON d.rowid = s.rowid WHERE ${where.join(" AND ")} LIMIT ?)`,
      ...indexed.map((t) => `%${t}%`), ...terms, ...values, take,
    );
    return Number(row?.n ?? 0);
  }
  const where = [...terms.map((_, i) => `s."searchText" LIKE $${i + 1}`), ...columns.map((c, i) => `d."${c}" = $${terms.length + i + 1}`)];
  const from = columns.length ? `"DeviceSearch" s JOIN "Device" d ON d."id" = s."deviceId"` : `"DeviceSearch" s`;
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where.join(" AND ")} LIMIT $${terms.length + columns.length + 1}) sub`,
    ...terms.map(likeContains), ...values, take,
  );
  return Number(row?.n ?? 0);
}

/**
 * Devices whose searchText contains `needle` literally, as a filter the inventory walks its sort
 * order with (for terms too short for the trigram index). Prisma's `contains` passes % and _ on
 * as LIKE wildcards: PostgreSQL's LIKE takes "\\" as its escape character, so they are escaped;
 * SQLite's LIKE has none without an ESCAPE clause Prisma does not write, so a term holding one
 * is looked up by instr() instead, as an id list (at most `take`: the first found when more match).
 */
export async function literalTextWhere(db: Db, needle: string, take: number): Promise<Prisma.DeviceWhereInput> {
  if (!/[%_\\]/.test(needle)) return { searchText: { contains: needle } };
  if (providerOf(db) === "postgresql") return { searchText: { contains: needle.replace(/[\\%_]/g, (c) => `\\${c}`) } };
  if (!/[%_]/.test(needle)) return { searchText: { contains: needle } };
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Device" WHERE instr("searchText", ?) > 0 LIMIT ?`, needle, take);
  return { id: { in: rows.map((r) => r.id) } };
}
