// Query strings of the integration API. The views' own parsers forgive (a bad filter in a shared
// link is dropped); a program deserves to hear that it sent one, so here a bad value is a 400
// naming the parameter. Unknown parameters are ignored. Pure: no database, no framework.
import { z } from "zod";
import { CRITICALITIES, DEVICE_STATUSES, RISK_TIERS } from "../../domain/words/vocabulary";
import { badRequest, zodIssues } from "../errors";

export const API_PAGE_SIZE = 50;
export const API_MAX_PAGE_SIZE = 200;
export const DEVICE_SORTS = ["risk", "lastSeen", "name", "firstSeen"] as const;
export const LAST_SEEN = ["24h", "7d", "30d", "older"] as const;

/** One value per name (the first); an empty value counts as absent, as in the views' URLs. */
export function firstValues(url: URL, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, url.searchParams.get(name) || undefined]));
}

const text = (max: number) => z.string().trim().min(1).max(max).optional();
export const limitParam = z.coerce.number().int("a whole number").min(1).max(API_MAX_PAGE_SIZE).default(API_PAGE_SIZE);

/**
 * Longest cursor taken: a name-sorted cursor carries a display name (a hostname of up to 255
 * characters, up to 3 bytes each in UTF-8), in base64url JSON.
 */
export const MAX_CURSOR = 1_200;

type Cursor = { v: string | number; id: string };

/** A keyset cursor as the list answers it: base64url JSON of the last row's sort value and id. */
export function decodeCursor(raw: string): Cursor | null {
  if (raw.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  try {
    const c: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!c || typeof c !== "object") return null;
    const { v, id } = c as { v?: unknown; id?: unknown };
    if (typeof id !== "string" || id.length < 1 || id.length > 64) return null;
    if (typeof v === "number" && Number.isFinite(v)) return { v, id };
    return typeof v === "string" ? { v, id } : null;
  } catch {
    return null;
  }
}

export const isIsoDate = (v: string | number) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));

const paging = { cursor: z.string().max(MAX_CURSOR).optional(), limit: limitParam };

/**
 * A list's query: its filters, then a cursor and a page size. A cursor must decode and `fit` the
 * rest of the query (a risk cursor carries a score, a date sort a date); else a 400 on `cursor`.
 */
export function listQuery<F extends z.ZodRawShape>(filters: F, fits: (c: Cursor, query: z.output<z.ZodObject<F & typeof paging>>) => boolean, message: string) {
  return z.object({ ...filters, ...paging }).superRefine((p, ctx) => {
    const { cursor } = p as { cursor?: string }; // TypeScript cannot see `paging`'s fields through the generic F
    if (cursor === undefined) return;
    const c = decodeCursor(cursor);
    if (!c || !fits(c, p)) ctx.addIssue({ code: "custom", path: ["cursor"], message });
  });
}

/** Whether a cursor fits the sort it pages through (a risk cursor carries a score, a date sort a date). */
function cursorFits(sort: (typeof DEVICE_SORTS)[number], c: { v: string | number }): boolean {
  if (sort === "risk") return Number.isInteger(c.v);
  if (sort === "name") return typeof c.v === "string";
  return isIsoDate(c.v);
}

export const deviceQuery = listQuery(
  {
    q: text(100),
    category: text(40),
    site: text(40),
    segment: text(40),
    vendor: text(128),
    status: z.enum(DEVICE_STATUSES).optional(),
    criticality: z.enum(CRITICALITIES).optional(),
    tier: z.enum(RISK_TIERS).optional(),
    seen: z.enum(LAST_SEEN).optional(),
    sort: z.enum(DEVICE_SORTS).optional(),
  },
  (c, p) => cursorFits(p.sort ?? "risk", c),
  "not a nextCursor from this list with this sort",
);

export type DeviceQuery = z.infer<typeof deviceQuery>;
export const DEVICE_QUERY_NAMES = Object.keys(deviceQuery.shape) as (keyof DeviceQuery)[];

/** GET /api/v1/devices: the inventory's filters, sort and cursor, and a page size. */
export function parseDeviceQuery(url: URL): DeviceQuery {
  return strictParse(deviceQuery, firstValues(url, DEVICE_QUERY_NAMES));
}

export function strictParse<S extends z.ZodType>(schema: S, values: Record<string, string | undefined>): z.output<S> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw badRequest("invalid_query", "Some query parameters are not valid.", zodIssues(parsed.error));
  return parsed.data;
}
