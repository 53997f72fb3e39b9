import "server-only";
// What the paged views read from their URL: filters (the first value of each parameter; an empty
// or unexpected value is ignored, not fatal) and keyset cursors (base64url JSON, checked on the
// way back in: a cursor is user input).
import { z } from "zod";

/** A filter that may be absent: "" and null read as absent. */
export const optionalParam = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export type SearchParams = Record<string, string | string[] | undefined>;

/** The URL's parameters, each repeated one read as its first value, through the view's schema. */
export function parseSearchParams<S extends z.ZodType>(schema: S, search: SearchParams): z.output<S> {
  return schema.parse(Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
}

export const encodeCursor = (cursor: object) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

/** The cursor in `raw`, or null when there is none or it is not one `isCursor` accepts. */
export function decodeCursor<C>(raw: string | undefined, isCursor: (c: C) => boolean): C | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as C;
    return c !== null && typeof c === "object" && !Array.isArray(c) && isCursor(c) ? c : null;
  } catch {
    return null;
  }
}

// What a cursor's fields may hold: exactly what the column they are compared with can, so a forged
// cursor is refused here and never reaches the database as a value it would reject (a 500).
export const isCursorId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;
/** An Int column's value (PostgreSQL's int4). */
export const isCursorInt = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) <= 2_147_483_647;
export const isCursorTime = (v: unknown): v is string => typeof v === "string" && v.length <= 40 && !Number.isNaN(Date.parse(v));
export const isCursorText = (v: unknown): v is string => typeof v === "string" && v.length <= 1000;

/** A page link whose cursor was given but not accepted: the view shows its first page and says so. */
export const cursorIgnored = (raw: string | undefined, decoded: unknown) => Boolean(raw) && decoded === null;

/**
 * One page from several reads (one index range each, an OR of them would make the database sort
 * them all), each already in the view's order and `pageSize` + 1 rows long: the first `pageSize`
 * rows in `order`, and the cursor after the last when more follow.
 */
export function mergePages<T>(pages: T[][], order: (a: T, b: T) => number, pageSize: number, cursorOf: (last: T) => object): { rows: T[]; nextCursor: string | undefined } {
  const merged = pages.flat().sort(order);
  const rows = merged.slice(0, pageSize);
  const last = rows.at(-1);
  return { rows, nextCursor: merged.length > pageSize && last ? encodeCursor(cursorOf(last)) : undefined };
}
