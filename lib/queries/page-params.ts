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

/** The page sizes a list offers (`size` in the URL); anything else reads as the view's default. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const pageSizeParam = optionalParam(z.coerce.number().int().refine((n) => (PAGE_SIZES as readonly number[]).includes(n))).catch(undefined);

/**
 * The URL's parameters that the view's schema refused (`ssvc=act`, `size=7`): the view still
 * shows, without that filter, and says which were ignored instead of passing over them in silence.
 * Cursors are left out (a refused cursor has its own message, see cursorIgnored).
 */
export function refusedParams(schema: z.ZodObject, search: SearchParams, parsed: object, cursorKeys: string[] = ["cursor", "after"]): { name: string; value: string }[] {
  const read = parsed as Record<string, unknown>;
  return Object.keys(schema.shape).flatMap((name) => {
    const raw = search[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    return value && read[name] === undefined && !cursorKeys.includes(name) ? [{ name, value: value.slice(0, 60) }] : [];
  });
}

/** Where a keyset page starts: the first page, after or before a row's key, or the last page. */
export type PageAt<K> = { from: "first" } | { from: "after"; key: K } | { from: "before"; key: K } | { from: "last" };

/** The cursor of the last page: the list read backwards from its end. */
export const LAST_PAGE = encodeCursor({ last: 1 });

/**
 * A page link's position, or null when it is not one the list made. The cursor of a row's key
 * (`isKey`) is the page after it; with `b: 1`, the page before it.
 */
export function decodePageAt<K extends object>(raw: string | undefined, isKey: (k: K) => boolean): PageAt<K> | null {
  if (!raw) return { from: "first" };
  const c = decodeCursor<K & { b?: unknown; last?: unknown }>(raw, (c) => c.last === 1 || ((c.b === undefined || c.b === 1) && isKey(c)));
  if (!c) return null;
  if (c.last === 1) return { from: "last" };
  return { from: c.b === 1 ? "before" : "after", key: c };
}

/** A page before its key, or the last one, reads the list's order reversed (then turns the rows round). */
export const readsBackwards = (at: PageAt<unknown>) => at.from === "before" || at.from === "last";

/**
 * One page from `read`: up to `pageSize` + 1 rows in reading order (reversed when the page reads
 * backwards). The rows in the list's order and the cursors of the pages on either side.
 */
export function keysetPage<T, K extends object>(read: T[], at: PageAt<K>, pageSize: number, keyOf: (row: T) => K): { rows: T[]; next?: string; previous?: string } {
  const more = read.length > pageSize;
  const rows = read.slice(0, pageSize);
  const back = readsBackwards(at);
  if (back) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    next: last && (back ? at.from === "before" : more) ? encodeCursor(keyOf(last)) : undefined,
    previous: first && (back ? more : at.from === "after") ? encodeCursor({ ...keyOf(first), b: 1 }) : undefined,
  };
}
