// The asset register as it comes in: which CSV column feeds which register field, and each row
// checked before anything is written (the import is all or nothing, so every problem is named
// with its row and column at once, as a spreadsheet shows them).
import { z } from "zod";
import { normalizeMac } from "@/lib/domain/identity/mac";
import { ACCEPTED_DATE_FORMS, parseRegisterDate } from "@/lib/domain/assets/register-dates";

/** The register fields, in the order the mapping step shows them. Only the asset tag is required. */
export const REGISTER_FIELDS = [
  "assetTag", "serial", "mac", "hostname", "ip", "manufacturer", "model", "deviceType",
  "department", "location", "site", "owner", "purchasedOn", "endOfSupportOn",
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

export const REGISTER_FIELD_LABELS: Record<RegisterField, string> = {
  assetTag: "Asset tag", serial: "Serial number", mac: "MAC address", hostname: "Hostname", ip: "IP address",
  manufacturer: "Manufacturer", model: "Model", deviceType: "Device type", department: "Department",
  location: "Location", site: "Site", owner: "Owner", purchasedOn: "Purchase date", endOfSupportOn: "End-of-support date",
};

/** Register field → the CSV column (header text) that feeds it. Columns not named here go to `extra`. */
export type RegisterMapping = Partial<Record<RegisterField, string>>;

/** What AssetSource.mapping holds: the mapping and the file's columns in order (the shadow export writes them back). */
export type SavedRegisterMapping = { fields: RegisterMapping; headers: string[] };

/** One register entry, checked and normalised (MAC in canonical spelling, dates as UTC days). */
export type RegisterRow = {
  assetTag: string;
  serial: string | null;
  mac: string | null;
  hostname: string | null;
  ip: string | null;
  manufacturer: string | null;
  model: string | null;
  deviceType: string | null;
  department: string | null;
  location: string | null;
  site: string | null;
  owner: string | null;
  purchasedOn: Date | null;
  endOfSupportOn: Date | null;
  /** The source's other columns, as they are (empty cells left out); null when there are none. */
  extra: Record<string, string> | null;
};

export type RegisterProblem = { row: number; column: string; message: string };

export const MAX_TAG_LENGTH = 128;
export const MAX_FIELD_LENGTH = 256;
export const MAX_EXTRA_LENGTH = 1000;
export const MAX_COLUMNS = 200;
export const MAX_HEADER_LENGTH = 200;
/** More problems than this are not listed one by one: the file needs fixing at its source anyway. */
export const MAX_PROBLEMS = 1000;

const columnName = z.string().trim().min(1).max(MAX_HEADER_LENGTH);
export const registerMappingSchema = z
  .object(Object.fromEntries(REGISTER_FIELDS.map((f) => [f, columnName.optional()])) as Record<RegisterField, z.ZodOptional<typeof columnName>>)
  .strict();

/** A saved mapping read back from the database (unknown JSON) or null when it is not one. */
export function parseSavedMapping(json: unknown): SavedRegisterMapping | null {
  const parsed = z
    .object({ fields: registerMappingSchema, headers: z.array(columnName).max(MAX_COLUMNS) })
    .safeParse(json);
  return parsed.success ? parsed.data : null;
}

// Headers seen in CMMS and CMDB exports (Nuvolo, ServiceNow, Accruent, Phoenix…), compared as
// lower-case letters and digits only, so "Asset #", "asset_tag" and "ASSET-TAG" all match.
const SYNONYMS: Record<RegisterField, string[]> = {
  assetTag: ["assettag", "asset", "assetno", "assetnumber", "assetid", "tag", "tagnumber", "equipmentid", "equipmentnumber", "controlnumber", "cenumber"],
  serial: ["serial", "serialnumber", "serialno", "sn", "sno"],
  mac: ["mac", "macaddress", "macaddr", "hardwareaddress", "ethernetaddress"],
  hostname: ["hostname", "host", "hostnamefqdn", "dnsname", "fqdn", "networkname", "computername"],
  ip: ["ip", "ipaddress", "ipaddr", "ipv4", "ipv4address"],
  manufacturer: ["manufacturer", "mfr", "mfg", "make", "vendor", "maker"],
  model: ["model", "modelnumber", "modelno", "modelname"],
  deviceType: ["devicetype", "type", "equipmenttype", "category", "devicecategory", "class", "assettype", "modality"],
  department: ["department", "dept", "costcenter", "costcentre", "ward", "unit"],
  location: ["location", "room", "buildingroom", "building", "floor", "area"],
  site: ["site", "facility", "campus", "hospital"],
  owner: ["owner", "custodian", "responsible", "assignedto", "managedby"],
  purchasedOn: ["purchasedate", "purchasedon", "acquisitiondate", "acquired", "installdate", "dateacquired", "datepurchased"],
  endOfSupportOn: ["endofsupport", "endofsupportdate", "eos", "eosdate", "endoflife", "eol", "eoldate", "supportenddate"],
};

const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A first mapping from the file's headers: each field takes the first unused column it recognises. */
export function suggestMapping(headers: readonly string[]): RegisterMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: RegisterMapping = {};
  for (const field of REGISTER_FIELDS) {
    // Synonyms are tried in order, so "Asset Tag" beats a bare "Asset" column for the tag.
    for (const synonym of SYNONYMS[field]) {
      const index = keys.findIndex((key, i) => key === synonym && !used.has(i));
      if (index >= 0) {
        mapping[field] = headers[index];
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** A problem with one entry: the register field, or for an extra column "extra" and the column's name. */
export type EntryProblem = { field: RegisterField | "extra"; column?: string; message: string };

/** Values by register field (as text, from a CSV row or a JSON body), with the other columns. */
export type RegisterInput = { values: Partial<Record<RegisterField, string | null | undefined>>; extra?: Record<string, string> };

// Built once: a register of 200,000 rows checks as many addresses.
const IP = z.union([z.ipv4(), z.ipv6()]);
const isIp = (s: string) => IP.safeParse(s).success;

/**
 * One entry checked: the asset tag present, every text within its bound, the MAC a MAC, the IP an
 * IP, the dates dates. Problems name the register field; the callers translate it into a column.
 */
export function checkRegisterEntry(input: RegisterInput): { row: RegisterRow | null; problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  const text = (field: RegisterField, max = MAX_FIELD_LENGTH): string | null => {
    const value = input.values[field]?.trim() ?? "";
    if (value === "") return null;
    if (value.length > max) {
      problems.push({ field, message: `longer than ${max} characters` });
      return null;
    }
    return value;
  };
  const assetTag = text("assetTag", MAX_TAG_LENGTH);
  if (assetTag === null && !problems.length) problems.push({ field: "assetTag", message: "the asset tag is empty" });
  const macText = text("mac");
  const mac = macText === null ? null : normalizeMac(macText);
  if (macText !== null && mac === null) problems.push({ field: "mac", message: `"${clip(macText)}" is not a MAC address` });
  const ip = text("ip");
  if (ip !== null && !isIp(ip)) problems.push({ field: "ip", message: `"${clip(ip)}" is not an IPv4 or IPv6 address` });
  const date = (field: "purchasedOn" | "endOfSupportOn") => {
    const value = text(field);
    if (value === null) return null;
    const parsed = parseRegisterDate(value);
    if (!parsed) problems.push({ field, message: `"${clip(value)}" is not a date (use ${ACCEPTED_DATE_FORMS})` });
    return parsed;
  };
  const purchasedOn = date("purchasedOn");
  const endOfSupportOn = date("endOfSupportOn");
  const extra = checkExtra(input.extra, problems);
  const row: RegisterRow = {
    assetTag: assetTag ?? "",
    serial: text("serial"), mac, hostname: text("hostname"), ip,
    manufacturer: text("manufacturer"), model: text("model"), deviceType: text("deviceType"),
    department: text("department"), location: text("location"), site: text("site"), owner: text("owner"),
    purchasedOn, endOfSupportOn, extra,
  };
  return { row: problems.length ? null : row, problems };
}

function checkExtra(extra: Record<string, string> | undefined, problems: EntryProblem[]) {
  if (!extra) return null;
  const kept: Record<string, string> = {};
  for (const [column, raw] of Object.entries(extra)) {
    const value = raw.trim();
    if (value === "") continue;
    if (value.length > MAX_EXTRA_LENGTH) problems.push({ field: "extra", column, message: `longer than ${MAX_EXTRA_LENGTH} characters` });
    else kept[column] = value;
  }
  return Object.keys(kept).length ? kept : null;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Problems with the mapping itself (no asset tag column, a column the file does not have), row 1 = the header. */
export function checkMapping(headers: readonly string[], mapping: RegisterMapping): RegisterProblem[] {
  const problems: RegisterProblem[] = [];
  if (!mapping.assetTag) problems.push({ row: 1, column: "", message: "no column is mapped to the asset tag" });
  const present = new Set(headers);
  const seen = new Map<string, RegisterField>();
  for (const field of REGISTER_FIELDS) {
    const column = mapping[field];
    if (!column) continue;
    if (!present.has(column)) problems.push({ row: 1, column, message: `the file has no column "${column}" (mapped to ${REGISTER_FIELD_LABELS[field]})` });
    const other = seen.get(column);
    if (other) problems.push({ row: 1, column, message: `mapped to both ${REGISTER_FIELD_LABELS[other]} and ${REGISTER_FIELD_LABELS[field]}` });
    seen.set(column, field);
  }
  return problems;
}

/**
 * The file's data rows (header excluded) through the mapping. Row numbers are 1-based as a
 * spreadsheet shows them, the header being row 1, so the first data row is row 2.
 */
export function mapRows(headers: readonly string[], rows: readonly (readonly string[])[], mapping: RegisterMapping): { rows: RegisterRow[]; problems: RegisterProblem[] } {
  const problems = checkMapping(headers, mapping);
  if (problems.length) return { rows: [], problems };
  const indexOf = new Map(headers.map((h, i) => [h, i]));
  const fieldColumns = REGISTER_FIELDS.filter((f) => mapping[f]).map((f) => [f, indexOf.get(mapping[f]!)!] as const);
  const mapped = new Set(fieldColumns.map(([, i]) => i));
  const extraColumns = headers.map((h, i) => [h, i] as const).filter(([h, i]) => !mapped.has(i) && h.trim() !== "");
  const out: RegisterRow[] = [];
  const firstRowOfTag = new Map<string, number>();
  const add = (problem: RegisterProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  rows.forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.every((cell) => cell.trim() === "")) return;
    const values: RegisterInput["values"] = {};
    for (const [field, i] of fieldColumns) values[field] = cells[i];
    const extra: Record<string, string> = {};
    for (const [header, i] of extraColumns) if (cells[i] !== undefined) extra[header] = cells[i];
    const checked = checkRegisterEntry({ values, extra });
    for (const p of checked.problems) add({ row: rowNumber, column: p.field === "extra" ? p.column! : mapping[p.field]!, message: p.message });
    // The register's key is the tag as written (trimmed): a second row with it would overwrite the
    // first. A row with other problems still claims its tag, so a duplicate is named either way.
    const tag = values.assetTag?.trim();
    const first = tag ? firstRowOfTag.get(tag) : undefined;
    if (tag && first !== undefined) add({ row: rowNumber, column: mapping.assetTag!, message: `asset tag "${clip(tag)}" is already on row ${first}` });
    else if (tag) firstRowOfTag.set(tag, rowNumber);
    if (checked.row && first === undefined) out.push(checked.row);
  });
  // The valid rows come back even when others have problems: the preview shows both; the import refuses.
  return { rows: out, problems };
}
