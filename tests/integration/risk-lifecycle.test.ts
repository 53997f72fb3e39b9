// How scores follow changes: EPSS and SBOM imports, ingestion changing a device, an engineer's
// criticality edit, an analyst's risk acceptance and its expiry; each audited, each incremental.
import { storedBreakdown } from "@/lib/db/stored-breakdown";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { RiskBreakdown } from "@/lib/domain/risk/risk-model";
import { ApiError } from "@/lib/web/errors";
import { acceptRisk, editClinicalContext, revokeAcceptance } from "@/lib/commands/risk-edits";
import { expireAcceptances } from "@/lib/jobs/acceptance-expiry";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { importFeeds } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { storedReason } from "@/lib/db/stored-reason";

const DATA = BUNDLED_FEEDS_DIR;
const cli = { system: "test" };
const db = () => getDb();
const bytes = (text: string) => Buffer.from(text);
const epss = (date: string, rows: string[]) => ({ name: `epss-${date}.csv`, bytes: bytes(`#model_version:v2025.03.14,score_date:${date}T00:00:00+0000\ncve,epss,percentile\n${rows.join("\n")}\n`) });
let agentToken = "";

async function report1(n: number, claimed: Record<string, unknown>, segment = "ICU-VLAN-20") {
  const base = pump(n);
  const res = await postReport(agentToken, report([{ ...base, claimed: { ...base.claimed, ...claimed, hostname: `LIFE-${n}`, serialNumber: `LIFE-SN-${n}` }, network: { ...base.network, segment } }]));
  expect(res.status).toBe(202);
  await refreshRisk(db(), { trigger: "ingest" });
  return db().device.findFirstOrThrow({ where: { claimedHostname: `LIFE-${n}` } });
}
const latestBreakdown = async (deviceId: string) => storedBreakdown(await db().riskScore.findFirstOrThrow({ where: { deviceId }, orderBy: [{ computedAt: "desc" }, { id: "desc" }], include: { breakdownRow: true } })) as RiskBreakdown;
const BD = { mac: "00:d0:75:10:00:01", vendor: "BD", model: "Alaris PCU Model 8015" };

beforeAll(async () => {
  await importFeeds(db(), [
    { name: "icsma-23-194-01.json", bytes: readFileSync(join(DATA, "csaf", "icsma-23-194-01.json")) },
    { name: "icsma-20-170-01.json", bytes: readFileSync(join(DATA, "csaf", "icsma-20-170-01.json")) },
    { name: "icsma-23-248-01.json", bytes: readFileSync(join(DATA, "csaf", "icsma-23-248-01.json")) },
    { name: "kev.json", bytes: readFileSync(join(DATA, "kev", "known_exploited_vulnerabilities.json")) },
  ], { actor: cli });
  agentToken = (await enrol()).token;
}, 60_000);

describe("EPSS", () => {
  it("sets likelihood from the newest EPSS file, records its model and date, and ignores an older file", async () => {
    const d = await report1(1, { ...BD, firmwareVersion: "12.1.3" });
    expect((await latestBreakdown(d.id)).vulnerabilities.find((v) => v.id === "CVE-2023-30559")!.likelihood.basis).toBe("cvss");
    const [first] = await importFeeds(db(), [epss("2025-08-20", ["CVE-2023-30559,0.42000,0.97000", "CVE-2023-30560,0.01000,0.50000"])], { actor: cli });
    expect(first).toMatchObject({ status: "imported", summary: { modelVersion: "v2025.03.14", cves: 2 } });
    await refreshRisk(db(), { trigger: "feed" });
    const v = (await latestBreakdown(d.id)).vulnerabilities.find((x) => x.id === "CVE-2023-30559")!;
    expect(v.likelihood).toMatchObject({ value: 0.42, basis: "epss", source: "EPSS model v2025.03.14", date: "2025-08-20T00:00:00.000Z" });
    const [older] = await importFeeds(db(), [epss("2025-08-01", ["CVE-2023-30559,0.99000,0.99000"])], { actor: cli });
    expect(older.status).toBe("older");
    expect(await db().epssScore.findUnique({ where: { cve: "CVE-2023-30559" } })).toMatchObject({ epss: 0.42 });
  });

  it("refuses a file with a bad line, naming the line, and keeps the previous scores", async () => {
    const error = await importFeeds(db(), [epss("2025-08-30", ["CVE-2023-30559,0.5,0.5", "CVE-2023-30560,1.7,0.5"])], { actor: cli }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.issues[0]).toEqual({ path: "epss-2025-08-30.csv: line 4", message: "CVE-2023-30560: epss and percentile must be numbers from 0 to 1" });
    expect(await db().epssScore.count()).toBe(2);
  });
});

describe("ingestion changes a device", () => {
  it("a firmware update drops the advisory, rescores, and keeps the history", async () => {
    const d = await report1(2, { ...BD, mac: "00:d0:75:10:00:02", firmwareVersion: "12.1.3" });
    expect(await db().deviceVulnerability.count({ where: { deviceId: d.id, status: "affected" } })).toBe(8);
    const updated = await report1(2, { ...BD, mac: "00:d0:75:10:00:02", firmwareVersion: "12.1.4" });
    expect(await db().deviceVulnerability.count({ where: { deviceId: d.id } })).toBe(0);
    expect(updated.riskScore).toBe(0);
    expect((await db().riskScore.findMany({ where: { deviceId: d.id }, orderBy: { computedAt: "asc" } })).map((s) => s.score)).toEqual([d.riskScore, 0]);
  });

  it("a known-exploited flaw on the device sets likelihood 1 from the KEV catalog with its version", async () => {
    // Baxter ExactaMix EM1200 1.4: CVE-2017-0143 (EternalBlue) is in CISA's KEV catalog.
    const d = await report1(3, { mac: "58:42:e4:10:00:03", vendor: "Baxter", model: "ExactaMix EM1200", firmwareVersion: "1.4" });
    const kev = (await latestBreakdown(d.id)).vulnerabilities.find((v) => v.id === "CVE-2017-0143")!;
    expect(kev).toMatchObject({ kev: true, likelihood: { value: 1, basis: "kev", source: "CISA KEV 2025.08.25" } });
  });
});

describe("clinical context", () => {
  it("an engineer's criticality edit is audited, rescored at once, and kept by later ingestion", async () => {
    const engineer = await makeUser("engineer");
    const d = await report1(4, { ...BD, mac: "00:d0:75:10:00:04", firmwareVersion: "12.1.3" });
    await editClinicalContext(db(), d.id, { criticality: "life_sustaining", phi: "transmits", compensatingControls: "0.2", note: "runs dopamine in ICU" }, engineer);
    const edited = await db().device.findUniqueOrThrow({ where: { id: d.id } });
    expect(edited).toMatchObject({ criticality: "life_sustaining", criticalitySource: "user", compensatingControls: 0.2, riskStale: false });
    const b = await latestBreakdown(d.id);
    expect(b.criticality).toMatchObject({ value: "life_sustaining", impact: 5, source: "set by a clinical engineer" });
    expect(b.controls).toMatchObject({ value: 0.2, applied: 0.2 });
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "device.clinical_context", targetId: d.id } });
    expect(entry).toMatchObject({ actorLabel: engineer.email, before: { criticality: "therapy_delivery", criticalitySource: "category-default" }, after: { criticality: "life_sustaining", note: "runs dopamine in ICU" } });
    await report1(4, { ...BD, mac: "00:d0:75:10:00:04", firmwareVersion: "12.1.3", ip: "10.20.4.99" });
    expect((await db().device.findUniqueOrThrow({ where: { id: d.id } })).criticality).toBe("life_sustaining");
  });

  it("refuses values out of range and changes nothing", async () => {
    const engineer = await makeUser("engineer");
    const d = await report1(5, { ...BD, mac: "00:d0:75:10:00:05", firmwareVersion: "12.1.3" });
    const error = await editClinicalContext(db(), d.id, { criticality: "vital", phi: "stores", compensatingControls: 0.9 }, engineer).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["compensatingControls", "criticality"]);
    expect(await db().auditLog.count({ where: { targetId: d.id, action: "device.clinical_context" } })).toBe(0);
  });
});

describe("risk acceptance", () => {
  it("accepts with reason, owner and expiry; refuses a second; revokes; expires; all audited", async () => {
    const analyst = await makeUser("analyst");
    const d = await report1(6, { ...BD, mac: "00:d0:75:10:00:06", firmwareVersion: "12.1.3" });
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 30 * 86_400_000);
    await acceptRisk(db(), d.id, { reason: "Vendor patch 12.3 scheduled; pump on isolated VLAN", owner: "Head of Biomed", expiresAt: expiresAt.toISOString() }, analyst);
    const accepted = await db().device.findUniqueOrThrow({ where: { id: d.id } });
    expect(accepted.riskAcceptedUntil?.toISOString()).toBe(expiresAt.toISOString());
    expect(accepted.riskScore).toBe(d.riskScore); // accepting never makes a device look safer
    await expect(acceptRisk(db(), d.id, { reason: "a second acceptance here", owner: "Someone", expiresAt }, analyst)).rejects.toMatchObject({ status: 409 });
    await expect(acceptRisk(db(), d.id, { reason: "x", owner: "", expiresAt: "2001-01-01" }, analyst)).rejects.toMatchObject({ status: 400 });
    await revokeAcceptance(db(), d.id, analyst);
    expect((await db().device.findUniqueOrThrow({ where: { id: d.id } })).riskAcceptedUntil).toBeNull();

    await acceptRisk(db(), d.id, { reason: "Accepted again for one day", owner: "CISO", expiresAt: new Date(now.getTime() + 86_400_000) }, analyst);
    expect(await expireAcceptances(db(), new Date(now.getTime() + 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect((await db().device.findUniqueOrThrow({ where: { id: d.id } })).riskAcceptedUntil).toBeNull();
    const actions = (await db().auditLog.findMany({ where: { targetId: d.id, action: { startsWith: "risk." } }, orderBy: { at: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["risk.accept", "risk.accept_revoke", "risk.accept", "risk.accept_expired"]);
  });
});

describe("CycloneDX SBOM", () => {
  const sbom = (components: unknown[], vulnerabilities: unknown[] = []) => bytes(JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.5", serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", version: 1, components, vulnerabilities }));

  it("matches components against advisories by CPE and takes the SBOM's own findings by their analysis state", async () => {
    const d = await report1(7, { mac: "f8:bc:12:10:00:07", vendor: "Dell", model: "PowerEdge R740", firmwareVersion: "2.1" }, "RADIOLOGY-SERVERS");
    const file = { name: "pacs-server.cdx.json", bytes: sbom([
      { "bom-ref": "meddream", type: "application", name: "MedDream PACS", version: "7.2.8.810", supplier: { name: "Softneta" }, cpe: "cpe:2.3:a:softneta:meddream_pacs:7.2.8.810:*:*:*:*:*:*:*" },
      { "bom-ref": "openssl", type: "library", name: "openssl", version: "1.1.1k", purl: "pkg:generic/openssl@1.1.1k" },
      { "bom-ref": "log4j", type: "library", group: "org.apache.logging.log4j", name: "log4j-core", version: "2.14.1", purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1" },
    ], [
      { id: "CVE-2021-44228", ratings: [{ method: "CVSSv31", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H" }], affects: [{ ref: "log4j" }], analysis: { state: "exploitable" } },
      { id: "CVE-2022-0778", affects: [{ ref: "openssl" }], analysis: { state: "not_affected" } },
    ]) };
    const [outcome] = await importFeeds(db(), [file], { actor: cli, deviceId: d.id });
    expect(outcome).toMatchObject({ feed: "cyclonedx", status: "imported", summary: { components: 3, declaredVulnerabilities: 2 } });
    await refreshRisk(db(), { trigger: "feed" });
    const matches = (await db().deviceVulnerability.findMany({ where: { deviceId: d.id }, orderBy: { vulnerabilityId: "asc" }, include: { reasonRow: true } })).map((m) => ({ ...m, reason: storedReason(m) }));
    expect(matches.map((m) => `${m.source}:${m.vulnerabilityId}:${m.status}`)).toEqual(["sbom:CVE-2021-44228:affected", "sbom:CVE-2023-39227:affected", "sbom:CVE-2023-40150:affected"]);
    expect(JSON.stringify(matches[1].reason)).toMatch(/component MedDream PACS 7\.2\.8\.810/);
    // Log4Shell is in KEV: the SBOM's finding scores with likelihood 1.
    expect((await latestBreakdown(d.id)).vulnerabilities.find((v) => v.id === "CVE-2021-44228")!.likelihood.basis).toBe("kev");

    // The same file again changes nothing; the same SBOM for a second identical server is its own import.
    expect((await importFeeds(db(), [file], { actor: cli, deviceId: d.id }))[0].status).toBe("unchanged");
    const twin = await report1(8, { mac: "f8:bc:12:10:00:08", vendor: "Dell", model: "PowerEdge R740", firmwareVersion: "2.1" }, "RADIOLOGY-SERVERS");
    expect((await importFeeds(db(), [file], { actor: cli, deviceId: twin.id }))[0].status).toBe("imported");
  });

  it("an SBOM without a device, or for a device that does not exist, is refused", async () => {
    const file = { name: "x.cdx.json", bytes: sbom([{ type: "library", name: "zlib", version: "1.2.11" }]) };
    await expect(importFeeds(db(), [file], { actor: cli })).rejects.toMatchObject({ status: 400, issues: [{ path: "x.cdx.json" }] });
    await expect(importFeeds(db(), [file], { actor: cli, deviceId: "no-such-device" })).rejects.toMatchObject({ status: 404 });
  });
});
