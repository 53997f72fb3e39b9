// Vulnerability intelligence end to end: the real CISA data imported, devices reported through the
// agent API, matched and scored by the risk refresh.
import { storedBreakdown } from "@/lib/db/stored-breakdown";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { reproduceRisk, type RiskBreakdown } from "@/lib/domain/risk/risk-model";
import { ApiError } from "@/lib/web/errors";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { importFeeds, type ImportFile } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { storedReason } from "@/lib/db/stored-reason";

const DATA = BUNDLED_FEEDS_DIR;
const CSAF_DIR = join(DATA, "csaf");
const cli = { system: "test" };
const db = () => getDb();
const file = (path: string): ImportFile => ({ name: path.split("/").pop()!, bytes: readFileSync(path) });
const csafFiles = () => readdirSync(CSAF_DIR).filter((f) => f.endsWith(".json")).sort().map((f) => file(join(CSAF_DIR, f)));
const kevFile = () => file(join(DATA, "kev", "known_exploited_vulnerabilities.json"));

async function tableCounts() {
  const d = db();
  const [advisories, products, vulnerabilities, links, imports, audit, kev] = await Promise.all([
    d.advisory.count(), d.affectedProduct.count(), d.vulnerability.count(), d.advisoryVulnerability.count(), d.feedImport.count(), d.auditLog.count(), d.vulnerability.count({ where: { kev: true } }),
  ]);
  return { advisories, products, vulnerabilities, links, imports, audit, kev };
}

// MACs from each maker's own IEEE block (Alaris Medical Systems; Dell, whose servers run MedDream).
const OUI: Record<string, string> = { BD: "00:d0:75", Softneta: "f8:bc:12", Baxter: "58:42:e4" };

function device(n: number, vendor: string, model: string, firmwareVersion: string, segment = "ICU-VLAN-20") {
  const base = pump(n);
  const mac = `${OUI[vendor]}:00:00:${n.toString(16).padStart(2, "0")}`;
  return { ...base, claimed: { ...base.claimed, mac, vendor, model, firmwareVersion, hostname: `DEV-${n}`, serialNumber: `SN-${n}` }, network: { ...base.network, segment } };
}

async function matchesOf(hostname: string) {
  const found = await db().device.findFirstOrThrow({ where: { claimedHostname: hostname }, include: { vulnerabilities: { include: { reasonRow: true } } } });
  const d = { ...found, vulnerabilities: found.vulnerabilities.map((v) => ({ ...v, reason: storedReason(v) })) };
  const byStatus = (status: string) => [...new Set(d.vulnerabilities.filter((v) => v.status === status).map((v) => `${v.advisoryId}/${v.vulnerabilityId}`))].sort();
  return { device: d, affected: byStatus("affected"), review: byStatus("needs_review") };
}

describe("importing the 134 CISA medical advisories and the KEV catalog", () => {
  beforeAll(async () => {
    const outcomes = await importFeeds(db(), [...csafFiles(), kevFile()], { actor: cli });
    expect(outcomes.filter((o) => o.status === "imported")).toHaveLength(135);
    const agent = await enrol();
    const res = await postReport(agent.token, report([
      device(1, "BD", "Alaris PCU Model 8015", "12.1.3"),
      device(2, "BD", "Alaris PCU Model 8015", "12.1.4"),
      device(3, "Softneta", "MedDream PACS", "7.2.8.810", "RADIOLOGY-SERVERS"),
      device(4, "Softneta", "MedDream PACS", "7.2.9", "RADIOLOGY-SERVERS"),
      device(5, "Baxter", "Sigma Spectrum", "8.00.01"),
    ]));
    expect(res.status).toBe(202);
    await refreshRisk(db(), { trigger: "ingest" });
  }, 120_000);

  it("stores every advisory, product and CVE, keeping unreadable ranges for review", async () => {
    const c = await tableCounts();
    expect(c.advisories).toBe(134);
    expect(c.products).toBe(596);
    expect(c.kev).toBe(1404);
    const unparsed = await db().affectedProduct.count({ where: { parseStatus: "unparsed" } });
    expect(unparsed).toBeGreaterThan(0);
    expect(await db().feedImport.findFirst({ where: { feed: "kev" } })).toMatchObject({ feedVersion: "2025.08.25" });
  });

  it("an Alaris PCU 8015 at 12.1.3 has exactly ICSMA-23-194-01's eight CVEs; at 12.1.4 none", async () => {
    const at1213 = await matchesOf("DEV-1");
    expect(at1213.affected).toEqual(["CVE-2018-1285", "CVE-2023-30559", "CVE-2023-30560", "CVE-2023-30561", "CVE-2023-30562", "CVE-2023-30563", "CVE-2023-30564", "CVE-2023-30565"].map((c) => `ICSMA-23-194-01/${c}`));
    const at1214 = await matchesOf("DEV-2");
    expect(at1214.affected).toEqual([]);
    // Whatever is left for review comes from a range nobody can read, never from a readable one.
    for (const m of [...at1213.device.vulnerabilities, ...at1214.device.vulnerabilities].filter((v) => v.status === "needs_review")) {
      const reasons = (m.reason as { matches: { range: string; why: string }[] }).matches;
      expect(reasons.every((r) => /cannot be read|cannot be compared/.test(r.why))).toBe(true);
    }
  });

  it("MedDream PACS 7.2.8.810 has ICSMA-23-248-01's two CVEs; 7.2.9 none", async () => {
    expect((await matchesOf("DEV-3")).affected).toEqual(["ICSMA-23-248-01/CVE-2023-39227", "ICSMA-23-248-01/CVE-2023-40150"]);
    expect((await matchesOf("DEV-4")).affected).toEqual([]);
  });

  it("records why a device matched", async () => {
    const { device: d } = await matchesOf("DEV-1");
    const reason = d.vulnerabilities.find((v) => v.vulnerabilityId === "CVE-2023-30559")!.reason as { matches: { why: string; range: string; version: string }[] };
    expect(reason.matches[0]).toMatchObject({ range: "<=12.1.3", version: "12.1.3" });
    expect(reason.matches[0].why).toMatch(/version 12\.1\.3 is within <=12\.1\.3/);
    // Stored once by content: every match with the same reason points at one MatchReason row.
    const rows = await db().deviceVulnerability.findMany({ select: { reason: true, reasonHash: true } });
    expect(rows.every((r) => r.reason === null && r.reasonHash)).toBe(true);
    expect(await db().matchReason.count()).toBe(new Set(rows.map((r) => r.reasonHash)).size);
  });

  it("scores each device with a stored breakdown that reproduces the score", async () => {
    const { device: d } = await matchesOf("DEV-1");
    expect(d.riskScore).toBeGreaterThan(0);
    expect(d.riskStale).toBe(false);
    const stored = await db().riskScore.findFirstOrThrow({ where: { deviceId: d.id }, orderBy: { computedAt: "desc" }, include: { breakdownRow: true } });
    expect(stored.score).toBe(d.riskScore);
    expect(stored.breakdown).toBeNull(); // kept once, in the shared RiskBreakdown row
    const again = reproduceRisk(storedBreakdown(stored) as RiskBreakdown);
    expect(again.matches).toBe(true);
    const clean = (await matchesOf("DEV-2")).device;
    expect(clean.spoofSuspected).toBe(false);
    expect(clean.riskScore).toBe(0);
  });

  it("importing the same files again changes nothing", async () => {
    const before = await tableCounts();
    const scoresBefore = await db().riskScore.count();
    const outcomes = await importFeeds(db(), [...csafFiles(), kevFile()], { actor: cli });
    expect(outcomes.every((o) => o.status === "unchanged")).toBe(true);
    await refreshRisk(db(), { trigger: "feed" });
    expect(await tableCounts()).toEqual(before);
    expect(await db().riskScore.count()).toBe(scoresBefore);
  }, 120_000);

  it("a malformed file is refused by name with what is wrong, and nothing of the batch is imported", async () => {
    const before = await tableCounts();
    const good = file(join(CSAF_DIR, "icsma-23-194-01.json"));
    const changed = JSON.parse(Buffer.from(good.bytes).toString());
    changed.document.tracking.current_release_date = "2030-01-01T00:00:00Z"; // would be a new revision
    const broken = JSON.parse(Buffer.from(good.bytes).toString());
    delete broken.document.tracking.id;
    const error = await importFeeds(db(), [
      { name: "revised.json", bytes: Buffer.from(JSON.stringify(changed)) },
      { name: "broken.json", bytes: Buffer.from(JSON.stringify(broken)) },
      { name: "junk.json", bytes: Buffer.from("{ not json") },
    ], { actor: cli }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toMatch(/2 of 3 files cannot be imported; nothing was imported/);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(["broken.json: document.tracking.id", "junk.json"]);
    expect(await tableCounts()).toEqual(before);
  });
});
