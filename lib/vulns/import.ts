// Importing vulnerability feeds: CISA KEV, FIRST EPSS, CSAF 2.0 advisories, CycloneDX SBOMs.
// Every file of a batch is read and validated before anything is written; one bad file refuses
// the batch with its name and what is wrong, so nothing is ever half-imported. A file already
// imported (same bytes, same target) changes nothing. Devices the import may concern are marked
// for a risk refresh, which the caller runs (CLI) or leaves to the background job (UI).
import { createHash } from "node:crypto";
import { audit, type AuditActor } from "../db/audit-trail";
import { bulkInsert, bulkTarget } from "../db/bulk";
import type { Db, Prisma } from "../db/client";
import { scoreCvssVector } from "../domain/vulns/cvss";
import { ROLLBACK_FEEDS, type Feed } from "../domain/words/feed-names";
import { forgetOldContent, keptContent } from "./kept-documents";
import { normalizeProduct, normalizeVendor } from "../domain/vulns/vendor-aliases";
import { badRequest, notFound, zodIssues, type Issue } from "../web/errors";
import { decode, FileProblem, gunzipIfNeeded, problem } from "./feed-file";
import { hostileJsonPath } from "../web/body";
import { newRowId } from "../db/row-ids";
import { readCsaf, type CsafAdvisory } from "./csaf";
import { readCyclonedx, type Sbom } from "./cyclonedx";
import { readEpss, type EpssFile } from "./epss";
import { readVex, type VexDocument } from "./vex";
import { writeVex } from "./vex-store";
import { kevSchema, type KevCatalog } from "./kev";
import { NEWEST_IMPORT_FIRST } from "../db/feed-in-force";

export type ImportFile = { name: string; bytes: Uint8Array };
export type ImportOptions = { actor: AuditActor; deviceId?: string; onProgress?: (done: number, total: number, file: string) => void };
export type FileOutcome = { file: string; feed: Feed; status: "imported" | "unchanged" | "older"; summary: Record<string, number | string> };

export const MAX_FILE_BYTES = 64 * 1024 * 1024;

type Parsed =
  | { feed: "kev"; data: KevCatalog }
  | { feed: "epss"; data: EpssFile }
  | { feed: "csaf"; data: CsafAdvisory }
  | { feed: "cyclonedx"; data: Sbom }
  | { feed: "vex"; data: VexDocument; needsDevice?: boolean };
type Read = Parsed & { file: string; sha256: string; target: string; bytes: Uint8Array };

function detect(file: string, text: string, sha256: string): Parsed {
  if (/^\s*(?:#\s*model_version|cve,epss)/i.test(text)) {
    const epss = readEpss(text);
    if (!epss.ok) throw problem(file, epss.message, `line ${epss.line}`);
    return { feed: "epss", data: epss.file };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw problem(file, `is neither an EPSS CSV nor valid JSON (${error instanceof Error ? error.message : "parse error"})`);
  }
  const hostile = hostileJsonPath(json);
  if (hostile) throw problem(file, hostile.message, hostile.path);
  const o = (json ?? {}) as Record<string, unknown>;
  const zodProblem = (error: import("zod").ZodError) => new FileProblem(zodIssues(error).slice(0, 10).map((i) => ({ path: `${file}: ${i.path || "(top level)"}`, message: i.message })));
  const vex = readVex(o, sha256); // before the SBOM: a CycloneDX VEX is a BOM too
  if (vex && !vex.ok) throw zodProblem(vex.error);
  if (vex?.ok) return { feed: "vex", data: vex.vex, needsDevice: vex.needsDevice };
  if (o.bomFormat === "CycloneDX") {
    const r = readCyclonedx(json);
    if (!r.ok) throw zodProblem(r.error);
    return { feed: "cyclonedx", data: r.sbom };
  }
  if (o.document && typeof o.document === "object" && "csaf_version" in o.document) {
    const r = readCsaf(json);
    if (!r.ok) throw zodProblem(r.error);
    return { feed: "csaf", data: r.advisory };
  }
  if ("catalogVersion" in o) {
    const r = kevSchema.safeParse(json);
    if (!r.success) throw zodProblem(r.error);
    return { feed: "kev", data: r.data };
  }
  throw problem(file, "is not a recognised feed: expected a CISA KEV catalog, an EPSS CSV, a CSAF 2.0 advisory or VEX, a CycloneDX SBOM or VEX");
}

/** How far ahead of the clock a release may be dated (time zones, a clock a little slow). */
const FUTURE_SLACK_MS = 86_400_000;
const catalogVersionDate = (version: string) => {
  const m = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(version);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
};

/**
 * A KEV catalog or EPSS file dated in the future is refused: the newest date imported decides
 * which later files are "older" and skipped, so one such file would hold back every real release.
 */
function futureDate(parsed: Parsed, now: number): Date | null {
  const dates = parsed.feed === "kev" ? [new Date(parsed.data.dateReleased), catalogVersionDate(parsed.data.catalogVersion)] : parsed.feed === "epss" ? [parsed.data.scoreDate] : [];
  return dates.find((d) => d && d.getTime() > now + FUTURE_SLACK_MS) ?? null;
}

/** Reads and validates every file; throws one 400 listing every bad file. */
export function readFeedFiles(files: ImportFile[], deviceId?: string): Read[] {
  const issues: Issue[] = [];
  const read: Read[] = [];
  for (const f of files) {
    try {
      if (f.bytes.byteLength > MAX_FILE_BYTES) throw problem(f.name, `is larger than ${MAX_FILE_BYTES / 2 ** 20} MB`);
      const bytes = gunzipIfNeeded(f.name, f.bytes);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const parsed = detect(f.name, decode(f.name, bytes), sha256);
      const ahead = futureDate(parsed, Date.now());
      if (ahead) throw problem(f.name, `is dated ${ahead.toISOString().slice(0, 10)}, in the future: check the file (and this server's clock)`, parsed.feed === "kev" ? "dateReleased" : "score_date");
      if (parsed.feed === "cyclonedx" && !deviceId) throw problem(f.name, "is an SBOM: say which device it describes (--device <id or MAC>)");
      if (parsed.feed === "vex" && parsed.needsDevice && !deviceId) throw problem(f.name, "is a VEX that names no product: say which device it describes (--device <id or MAC>)");
      read.push({ ...parsed, file: f.name, sha256, bytes, target: parsed.feed === "cyclonedx" || (parsed.feed === "vex" && deviceId) ? deviceId! : "" } as Read);
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length) {
    const bad = new Set(issues.map((i) => i.path.split(": ")[0])).size;
    throw badRequest("invalid_feed", `${bad} of ${files.length} file${files.length === 1 ? "" : "s"} cannot be imported; nothing was imported.`, issues.slice(0, 100));
  }
  return read;
}

// ─── Writing, one feed at a time ─────────────────────────────────────────────────────────────

type Tx = Prisma.TransactionClient;

/**
 * The date of the release in force: that of the most recent import. Imports only ever move
 * forward, except a rollback, after which a release newer than the one restored is welcome again
 * (the rolled-back file itself stays recorded, so fetching it again changes nothing).
 */
async function latestFeedDate(tx: Tx, feed: Feed): Promise<Date | null> {
  const last = await tx.feedImport.findFirst({ where: { feed }, orderBy: NEWEST_IMPORT_FIRST, select: { feedDate: true } });
  return last?.feedDate ?? null;
}

/** Rollback: a catalog or a day of scores is written even though a newer one is in force. */
export type WriteMode = { rollback?: boolean };

function cvssFields(vector: string | null) {
  if (!vector) return {};
  const scored = scoreCvssVector(vector);
  return scored.ok ? { cvssVersion: scored.version, cvssVector: scored.vector, cvssBaseScore: scored.baseScore, cvssExploitability: scored.exploitability ?? null } : { cvssVector: vector };
}

export async function writeKev(tx: Tx, kev: KevCatalog, mode: WriteMode = {}): Promise<FileOutcome["summary"] | "older"> {
  const released = new Date(kev.dateReleased);
  const newest = await latestFeedDate(tx, "kev");
  if (!mode.rollback && newest && newest > released) return "older";
  const ids = kev.vulnerabilities.map((v) => v.cveID);
  const existing = new Set((await tx.vulnerability.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((v) => v.id));
  const fields = (v: KevCatalog["vulnerabilities"][number]) => ({
    kev: true,
    kevDateAdded: new Date(`${v.dateAdded}T00:00:00Z`),
    kevDueDate: new Date(`${v.dueDate}T00:00:00Z`),
    kevRansomware: v.knownRansomwareCampaignUse.toLowerCase() === "known",
    kevCatalogVersion: kev.catalogVersion,
  });
  await tx.vulnerability.createMany({ data: kev.vulnerabilities.filter((v) => !existing.has(v.cveID)).map((v) => ({ id: v.cveID, title: v.vulnerabilityName, description: v.shortDescription, ...fields(v) })) });
  for (const v of kev.vulnerabilities.filter((x) => existing.has(x.cveID))) await tx.vulnerability.update({ where: { id: v.cveID }, data: fields(v) });
  // A CVE CISA has removed from the catalog is no longer known to be exploited.
  const listed = new Set(ids);
  const removed = (await tx.vulnerability.findMany({ where: { kev: true }, select: { id: true } })).map((v) => v.id).filter((id) => !listed.has(id));
  for (let i = 0; i < removed.length; i += 500) {
    await tx.vulnerability.updateMany({ where: { id: { in: removed.slice(i, i + 500) } }, data: { kev: false, kevCatalogVersion: kev.catalogVersion } });
  }
  await tx.device.updateMany({ where: { riskStale: false, vulnerabilities: { some: {} } }, data: { riskStale: true } });
  return { catalogVersion: kev.catalogVersion, cves: ids.length, added: ids.length - existing.size, removedFromCatalog: removed.length };
}

export async function writeEpss(tx: Tx, db: Db, epss: EpssFile, mode: WriteMode = {}): Promise<FileOutcome["summary"] | "older"> {
  const newest = await latestFeedDate(tx, "epss");
  if (!mode.rollback && newest && newest > epss.scoreDate) return "older";
  // One EPSS day replaces the previous one whole: scores are a daily snapshot, not history.
  await tx.epssScore.deleteMany({});
  await bulkInsert(bulkTarget(db, tx), "EpssScore", { cve: "text", epss: "float", percentile: "float" }, epss.scores);
  await tx.device.updateMany({ where: { vulnerabilities: { some: {} } }, data: { riskStale: true } });
  return { modelVersion: epss.modelVersion, cves: epss.scores.length };
}

async function writeCsaf(tx: Tx, a: CsafAdvisory): Promise<FileOutcome["summary"] | "older"> {
  const stored = await tx.advisory.findUnique({ where: { id: a.id }, select: { revisedAt: true } });
  if (stored?.revisedAt && stored.revisedAt > a.revisedAt) return "older";
  await tx.affectedProduct.deleteMany({ where: { advisoryId: a.id } });
  await tx.advisoryVulnerability.deleteMany({ where: { advisoryId: a.id } });
  const advisory = { title: a.title, publisher: a.publisher, releasedAt: a.releasedAt, revisedAt: a.revisedAt, url: a.url };
  await tx.advisory.upsert({ where: { id: a.id }, create: { id: a.id, ...advisory }, update: advisory });
  for (const v of a.vulnerabilities) {
    // The advisory owns title, description and CVSS; KEV fields are left as they are.
    const data = { title: v.title, description: v.description, ...cvssFields(v.cvssVector) };
    await tx.vulnerability.upsert({ where: { id: v.cve }, create: { id: v.cve, ...data }, update: data });
  }
  const cves = [...new Set(a.vulnerabilities.map((v) => v.cve))];
  await tx.advisoryVulnerability.createMany({ data: cves.map((cve) => ({ advisoryId: a.id, vulnerabilityId: cve })) });
  await tx.affectedProduct.createMany({
    data: a.products.map((p) => ({
      id: newRowId(),
      advisoryId: a.id,
      productRef: p.productRef,
      vendor: p.vendor,
      vendorNormalized: normalizeVendor(p.vendor),
      product: p.product,
      productNormalized: normalizeProduct(p.product, p.vendor),
      versionRange: p.versionRange,
      parseStatus: p.parseStatus,
      cves: p.cves,
      status: p.status, remediations: p.remediations.length ? p.remediations : undefined,
    })),
  });
  return { advisory: a.id, products: a.products.length, cves: cves.length, needsReview: a.products.filter((p) => p.parseStatus === "unparsed").length };
}

async function writeSbom(tx: Tx, deviceId: string, sha256: string, sbom: Sbom): Promise<FileOutcome["summary"]> {
  const source = `cyclonedx:${sha256.slice(0, 16)}`;
  // The newest SBOM of a device replaces the previous one: a firmware update ships a new SBOM.
  await tx.sbomComponent.deleteMany({ where: { deviceId, source: { startsWith: "cyclonedx:" } } });
  await tx.sbomComponent.createMany({ data: sbom.components.map((c) => ({ deviceId, source, bomRef: c.bomRef, supplier: c.supplier, name: c.name, version: c.version, cpe: c.cpe, purl: c.purl, declared: c.declared.length ? c.declared : undefined })) });
  const declared = new Map(sbom.components.flatMap((c) => c.declared).map((d) => [d.cve, d.vector]));
  const known = new Set((await tx.vulnerability.findMany({ where: { id: { in: [...declared.keys()] } }, select: { id: true } })).map((v) => v.id));
  await tx.vulnerability.createMany({ data: [...declared].filter(([cve]) => !known.has(cve)).map(([cve, vector]) => ({ id: cve, ...cvssFields(vector) })) });
  await tx.device.update({ where: { id: deviceId }, data: { riskStale: true } });
  return { components: sbom.components.length, declaredVulnerabilities: declared.size };
}

function feedMeta(r: Read): { feedVersion: string | null; feedDate: Date | null } {
  switch (r.feed) {
    case "kev": return { feedVersion: r.data.catalogVersion, feedDate: new Date(r.data.dateReleased) };
    case "epss": return { feedVersion: r.data.modelVersion, feedDate: r.data.scoreDate };
    case "csaf": return { feedVersion: `${r.data.id} rev ${r.data.version}`, feedDate: r.data.revisedAt };
    case "cyclonedx": return { feedVersion: r.data.serialNumber, feedDate: r.data.createdAt };
    case "vex": return { feedVersion: r.data.version, feedDate: r.data.date };
  }
}

/** A device named by id or by MAC (any spelling), for attaching an SBOM. */
export async function findDeviceForSbom(db: Db, ref: string): Promise<string> {
  const mac = ref.toLowerCase().replace(/[^0-9a-f]/g, "");
  const byMac = mac.length === 12 ? await db.deviceIdentifier.findUnique({ where: { kind_value: { kind: "mac", value: mac.match(/../g)!.join(":") } }, select: { deviceId: true } }) : null;
  const device = byMac ? { id: byMac.deviceId } : await db.device.findUnique({ where: { id: ref.slice(0, 64) }, select: { id: true } });
  if (!device) throw notFound(`device "${ref.slice(0, 64)}"`);
  return device.id;
}

/** Imports a batch of files, all or nothing. */
export async function importFeeds(db: Db, files: ImportFile[], options: ImportOptions): Promise<FileOutcome[]> {
  if (files.length === 0) throw badRequest("invalid_feed", "Choose at least one file to import.");
  const read = readFeedFiles(files, options.deviceId);
  if (options.deviceId && !(await db.device.findUnique({ where: { id: options.deviceId }, select: { id: true } }))) throw notFound("device");
  // Oldest first, so that a folder holding two revisions of an advisory ends on the newest.
  read.sort((a, b) => (feedMeta(a).feedDate?.getTime() ?? 0) - (feedMeta(b).feedDate?.getTime() ?? 0));
  return db.$transaction(
    async (tx) => {
      const outcomes: FileOutcome[] = [];
      let anyCsaf = false;
      for (const [i, r] of read.entries()) {
        options.onProgress?.(i, read.length, r.file);
        const seen = await tx.feedImport.findUnique({ where: { feed_sha256_target: { feed: r.feed, sha256: r.sha256, target: r.target } }, select: { importedAt: true } });
        if (seen) {
          outcomes.push({ file: r.file, feed: r.feed, status: "unchanged", summary: { importedAt: seen.importedAt.toISOString() } });
          continue;
        }
        const summary =
          r.feed === "kev" ? await writeKev(tx, r.data)
          : r.feed === "epss" ? await writeEpss(tx, db, r.data)
          : r.feed === "csaf" ? await writeCsaf(tx, r.data)
          : r.feed === "vex" ? await writeVex(tx, r.data, r.target || null)
          : await writeSbom(tx, r.target, r.sha256, r.data);
        if (summary === "older") {
          outcomes.push({ file: r.file, feed: r.feed, status: "older", summary: { note: "a newer release is already imported; nothing changed" } });
          continue;
        }
        anyCsaf ||= r.feed === "csaf" || r.feed === "vex";
        const importedBy = "email" in options.actor ? options.actor.email : options.actor.system;
        await tx.feedImport.create({ data: { feed: r.feed, ...feedMeta(r), source: r.file.slice(0, 500), sha256: r.sha256, target: r.target, importedBy, summary, content: keptContent(r.feed, r.bytes) } });
        if (ROLLBACK_FEEDS.has(r.feed)) await forgetOldContent(tx, r.feed);
        await audit(tx, { actor: options.actor, action: "feed.import", targetType: r.feed === "cyclonedx" ? "device" : "feed", targetId: r.feed === "cyclonedx" ? r.target : r.feed, after: { file: r.file, sha256: r.sha256, ...summary } });
        outcomes.push({ file: r.file, feed: r.feed, status: "imported", summary });
      }
      // A new or revised advisory may concern any device: every device is rematched.
      if (anyCsaf) await tx.device.updateMany({ where: { riskStale: false }, data: { riskStale: true } });
      options.onProgress?.(read.length, read.length, "");
      return outcomes;
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}
