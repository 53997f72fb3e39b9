// The push API of the asset register (/api/v1/assets): the bodies a CMMS sends, the query it reads
// back with, and the entry it gets, as zod schemas (the OpenAPI document is generated from them).
// Each entry is then checked like a CSV row (lib/domain/assets/register-mapping.ts), so a MAC that
// is not a MAC is refused the same way whichever door it came through.
import { z } from "zod";
import { checkRegisterEntry, MAX_EXTRA_LENGTH, MAX_FIELD_LENGTH, MAX_TAG_LENGTH, REGISTER_FIELDS, type RegisterField, type RegisterRow } from "../../domain/assets/register-mapping";
import { ACCEPTED_DATE_FORMS } from "../../domain/assets/register-dates";
import { badRequest, type Issue } from "../errors";
import { limitParam, MAX_CURSOR } from "./device-params";

/** Entries per bulk request: all or nothing, so a failing one names its index. */
export const MAX_BULK_ENTRIES = 5_000;
export const MAX_EXTRA_KEYS = 50;
export const DEFAULT_API_SOURCE = "api";
export const ASSET_STATES = ["reconciled", "missing", "mismatched", "not_network", "retired"] as const;

const field = (max = MAX_FIELD_LENGTH) => z.string().max(max).nullable().optional();
const FIELD_WORDS: Partial<Record<RegisterField, string>> = {
  mac: "any common spelling; answered lower case, colon separated",
  ip: "IPv4 or IPv6",
  site: "a site's name as the dashboard knows it; another name is kept in extra.site",
  purchasedOn: ACCEPTED_DATE_FORMS,
  endOfSupportOn: ACCEPTED_DATE_FORMS,
};
const entryFields = Object.fromEntries(
  REGISTER_FIELDS.filter((f) => f !== "assetTag").map((f) => [f, FIELD_WORDS[f] ? field().describe(FIELD_WORDS[f]) : field()]),
) as Record<Exclude<RegisterField, "assetTag">, ReturnType<typeof field>>;

const entryShape = {
  ...entryFields,
  extra: z
    .record(z.string().min(1).max(200), z.string().max(MAX_EXTRA_LENGTH))
    .refine((o) => Object.keys(o).length <= MAX_EXTRA_KEYS, `at most ${MAX_EXTRA_KEYS} keys`)
    .nullable()
    .optional()
    .describe("the register's other columns, kept as they are"),
  retired: z.boolean().optional().describe("true: the register no longer lists it (entries are never deleted); false or absent: listed"),
};

/** PUT /api/v1/assets/{assetTag}: the whole entry (a field left out is emptied: PUT replaces). */
export const registerEntryBody = z.strictObject(entryShape);
const assetTag = z.string().trim().min(1, "the asset tag is empty").max(MAX_TAG_LENGTH);
/** POST /api/v1/assets/bulk. */
export const bulkRegisterBody = z.strictObject({
  entries: z.array(z.strictObject({ assetTag, ...entryShape })).min(1).max(MAX_BULK_ENTRIES),
});

export const sourceParam = z.string().trim().min(1).max(120).default(DEFAULT_API_SOURCE).describe("the register source's name (default \"api\")");
export const assetQuery = z.object({
  source: z.string().trim().min(1).max(120).optional().describe("only this source's entries"),
  state: z.enum(ASSET_STATES).optional(),
  cursor: z.string().max(MAX_CURSOR).regex(/^[A-Za-z0-9_-]+$/, "not a nextCursor from this list").optional(),
  limit: limitParam,
});

type EntryBody = z.output<typeof registerEntryBody>;
export type PushedEntry = { row: RegisterRow; retired: boolean };

/** The entries checked; every problem at once, as issues named `<prefix><field>` (e.g. "entries.3.mac"), or a 400. */
export function pushedEntries(bodies: { assetTag: string; body: EntryBody }[], prefix: (index: number) => string): PushedEntry[] {
  const issues: Issue[] = [];
  const out: PushedEntry[] = [];
  const seen = new Map<string, number>();
  bodies.forEach(({ assetTag: tag, body }, index) => {
    const values = Object.fromEntries(REGISTER_FIELDS.map((f) => [f, f === "assetTag" ? tag : (body[f] ?? null)]));
    const checked = checkRegisterEntry({ values, extra: body.extra ?? undefined });
    for (const p of checked.problems) issues.push({ path: `${prefix(index)}${p.field === "extra" ? `extra.${p.column}` : p.field}`, message: p.message });
    const first = seen.get(tag.trim());
    if (first !== undefined) issues.push({ path: `${prefix(index)}assetTag`, message: `the same asset tag as entry ${first}` });
    seen.set(tag.trim(), index);
    if (checked.row) out.push({ row: checked.row, retired: body.retired ?? false });
  });
  if (issues.length) throw badRequest("invalid_request", "The request body is not valid; nothing was written.", issues.slice(0, 200));
  return out;
}

// The answer: one register entry as the CMMS reads it back, with what reconciliation made of it.
const day = z.string().describe("YYYY-MM-DD").nullable();
const isoDate = z.iso.datetime().describe("ISO 8601, UTC");
const text = z.string().nullable();
export const registerEntrySchema = z.strictObject({
  assetTag: z.string(),
  source: z.string(),
  serial: text, mac: text, hostname: text, ip: text, manufacturer: text, model: text, deviceType: text,
  department: text, location: text, site: text.describe("the site's name, when the dashboard knows it"), owner: text,
  purchasedOn: day, endOfSupportOn: day,
  extra: z.record(z.string(), z.string()).nullable(),
  retired: z.boolean(),
  state: z.enum(ASSET_STATES).describe("reconciled | missing | mismatched | not_network | retired"),
  mismatches: z.array(z.strictObject({ field: z.string(), register: z.string().nullable(), network: z.string().nullable() })).describe("when mismatched: each field the register and the network disagree on"),
  device: z
    .strictObject({ id: z.string(), key: z.string().describe("serial | mac | asset_tag | hostname | ip | manual"), confidence: z.string().nullable().describe("high | medium | low"), linkedAt: isoDate.nullable() })
    .nullable()
    .describe("the device the entry is linked with, by which key"),
  reconciledAt: isoDate.nullable(),
  updatedAt: isoDate,
});
export type RegisterEntryAnswer = z.infer<typeof registerEntrySchema>;

export const pushSummarySchema = z.strictObject({
  source: z.string(),
  entries: z.int(),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  retired: z.int(),
});
