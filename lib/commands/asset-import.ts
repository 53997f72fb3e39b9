// The asset register CSV import (Settings → Asset register): a preview that names every problem
// and what the import would change, then the import itself, all or nothing in one transaction,
// re-importing a source in place and retiring what it no longer lists. Reconciliation with the
// devices the network sees runs after the commit.
import { actorLabel, audit, type AuditActor } from "../db/audit-trail";
import { bulkTarget } from "../db/bulk";
import type { Db, Prisma } from "../db/client";
import {
  REGISTER_FIELDS, mapRows, parseSavedMapping, registerMappingSchema, suggestMapping,
  type RegisterField, type RegisterMapping, type RegisterProblem, type SavedRegisterMapping,
} from "../domain/assets/register-mapping";
import { log } from "../ops/log";
import { ApiError, badRequest, zodIssues } from "../web/errors";
import { parseRegisterCsv } from "../web/register-csv";
import { reconcileRegister, type ReconcileSummary } from "../jobs/asset-reconciliation";
import {
  IMPORT_TRANSACTION, applyPlan, existingEntries, parseSourceName, planCounts, planEntries, siteIdsByName, type EntryCounts,
} from "./asset-register-entries";

export const PREVIEW_ROWS = 20;
/** Problems listed in a refusal; the count says how many there were in all. */
const LISTED_PROBLEMS = 200;

export type RegisterPreview = {
  source: { id: string; name: string; kind: string; lastImportAt: Date | null } | null;
  headers: string[];
  /** The mapping shown: the one asked for, else the source's saved one (when the file has its columns), else the suggestion. */
  mapping: RegisterMapping;
  mappingFrom: "request" | "saved" | "suggested";
  suggested: RegisterMapping;
  rows: number;
  /** The first rows as the mapping reads them: row number, each field's cell, the other columns. */
  sample: { row: number; values: Partial<Record<RegisterField, string>>; extra: Record<string, string> }[];
  problems: RegisterProblem[];
  problemCount: number;
  /** What the import would do now, when the file has no problem. */
  counts: EntryCounts | null;
};

export type ImportResult = EntryCounts & { sourceId: string; rows: number; ms: number; reconciliation: ReconcileSummary | null };

/** A refused import: 400, each problem as an issue "row N, column X". */
export class RegisterProblems extends ApiError {
  constructor(readonly problems: RegisterProblem[], total = problems.length) {
    super(400, "invalid_register", `The register has ${total} problem${total === 1 ? "" : "s"}; nothing was imported.`, problems.slice(0, LISTED_PROBLEMS).map(issueOf));
  }
}
const issueOf = (p: RegisterProblem) => ({ path: p.column ? `row ${p.row}, column ${p.column}` : `row ${p.row}`, message: p.message });

function parseMapping(input: unknown): RegisterMapping {
  const parsed = registerMappingSchema.safeParse(input);
  if (!parsed.success) throw badRequest("invalid_mapping", "The column mapping is not valid.", zodIssues(parsed.error).map((i) => ({ ...i, path: `mapping.${i.path}` })));
  // A field mapped to "" (the select's "not in this file") is no mapping.
  return Object.fromEntries(Object.entries(parsed.data).filter(([, column]) => column)) as RegisterMapping;
}

const fitsFile = (mapping: RegisterMapping, headers: string[]) => Object.values(mapping).every((column) => !column || headers.includes(column));

type Read = { headers: string[]; rows: string[][]; parseProblems: RegisterProblem[] };
function readCsv(csv: unknown): Read {
  if (typeof csv !== "string") throw badRequest("invalid_register", "Send the register as CSV text.");
  const parsed = parseRegisterCsv(csv);
  return { headers: parsed.headers, rows: parsed.rows, parseProblems: parsed.problems };
}

/** The upload's first look: headers, a mapping to start from, the first rows mapped, every problem, and what an import would change. */
export async function previewRegister(db: Db, input: { source: unknown; mapping?: unknown; csv: unknown }): Promise<RegisterPreview> {
  const name = parseSourceName(input.source);
  const { headers, rows, parseProblems } = readCsv(input.csv);
  const source = await db.assetSource.findUnique({ where: { name }, select: { id: true, name: true, kind: true, lastImportAt: true, mapping: true } });
  const suggested = suggestMapping(headers);
  const saved = parseSavedMapping(source?.mapping)?.fields;
  const [mapping, mappingFrom]: [RegisterMapping, RegisterPreview["mappingFrom"]] =
    input.mapping !== undefined ? [parseMapping(input.mapping), "request"] : saved && fitsFile(saved, headers) ? [saved, "saved"] : [suggested, "suggested"];
  const mapped = parseProblems.length ? { rows: [], problems: parseProblems } : mapRows(headers, rows, mapping);
  let counts: EntryCounts | null = null;
  if (!mapped.problems.length) {
    const existing = source ? await existingEntries(bulkTarget(db), source.id) : new Map();
    counts = planCounts(planEntries(existing, mapped.rows.map((row) => ({ row })), await siteIdsByName(db), { retireOthers: true, siteColumn: mapping.site }));
  }
  const fieldIndex = REGISTER_FIELDS.flatMap((f) => (mapping[f] && headers.includes(mapping[f]) ? [[f, headers.indexOf(mapping[f])] as const] : []));
  const used = new Set(fieldIndex.map(([, i]) => i));
  const sample = rows.slice(0, PREVIEW_ROWS).map((cells, i) => ({
    row: i + 2,
    values: Object.fromEntries(fieldIndex.map(([f, index]) => [f, cells[index] ?? ""])) as Partial<Record<RegisterField, string>>,
    extra: Object.fromEntries(headers.flatMap((h, index) => (!used.has(index) && h && cells[index]?.trim() ? [[h, cells[index]]] : []))),
  }));
  return {
    source: source ? { id: source.id, name: source.name, kind: source.kind, lastImportAt: source.lastImportAt } : null,
    headers, mapping, mappingFrom, suggested, rows: rows.length, sample,
    problems: mapped.problems.slice(0, LISTED_PROBLEMS), problemCount: mapped.problems.length, counts,
  };
}

/**
 * Imports a register file as the named source, all or nothing: any problem refuses the whole file
 * (400, each problem with its row and column) and writes nothing. Entries are matched by asset tag;
 * unchanged ones cost no write; those the file no longer lists are retired (never deleted) and
 * come back when listed again. The mapping is saved on the source for the next import.
 */
export async function importRegister(db: Db, input: { source: unknown; mapping: unknown; csv: unknown }, actor: AuditActor): Promise<ImportResult> {
  const started = Date.now();
  const name = parseSourceName(input.source);
  const mapping = parseMapping(input.mapping);
  const { headers, rows, parseProblems } = readCsv(input.csv);
  if (parseProblems.length) throw new RegisterProblems(parseProblems);
  const mapped = mapRows(headers, rows, mapping);
  if (mapped.problems.length) throw new RegisterProblems(mapped.problems);
  const saved: SavedRegisterMapping = { fields: mapping, headers };
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const source =
      (await tx.assetSource.findUnique({ where: { name }, select: { id: true } })) ??
      (await tx.assetSource.create({ data: { name, kind: "csv" }, select: { id: true } }));
    const target = bulkTarget(db, tx);
    const plan = planEntries(await existingEntries(target, source.id), mapped.rows.map((row) => ({ row })), await siteIdsByName(tx), { retireOthers: true, siteColumn: mapping.site });
    await applyPlan(target, source.id, plan, now);
    const counts = planCounts(plan);
    await tx.assetSource.update({
      where: { id: source.id },
      data: { mapping: saved as unknown as Prisma.InputJsonValue, lastImportAt: now, lastImportBy: actorLabel(actor), lastImportRows: mapped.rows.length },
    });
    await audit(tx, { actor, action: "asset_register.import", targetType: "asset_source", targetId: source.id, after: { source: name, rows: mapped.rows.length, ...counts } });
    return { sourceId: source.id, ...counts };
  }, IMPORT_TRANSACTION);
  // After the commit: the register is in either way. A reconciliation that fails is logged, not
  // reported as a failed import; the next import or the scheduler's pass reconciles again.
  let reconciliation: ReconcileSummary | null = null;
  try {
    reconciliation = await reconcileRegister(db, { sourceId: result.sourceId, now });
  } catch (error) {
    log.error("asset register reconciliation failed after import", { sourceId: result.sourceId, error: error instanceof Error ? error.message : String(error) });
  }
  return { ...result, rows: mapped.rows.length, ms: Date.now() - started, reconciliation };
}
