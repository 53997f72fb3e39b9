// Risk model v2 on a real database: what agents report they run is matched (the OS against the
// end-of-life table, components by purl), a known vulnerability with a low EPSS never scores 0,
// and the model upgrade rescores every device once, its history saying "model".
import { storedBreakdown } from "@/lib/db/stored-breakdown";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { explainRisk } from "@/lib/domain/risk/explain-risk";
import { RISK_MODEL_VERSION, reproduceRisk, type RiskBreakdown } from "@/lib/domain/risk/risk-model";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { importFeeds } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";
import { storedReason } from "@/lib/db/stored-reason";

const cli = { system: "test" };
const db = () => getDb();
const ADVISORY = "icsma-23-194-01.json";
const advisoryCves = (JSON.parse(readFileSync(join(BUNDLED_FEEDS_DIR, "csaf", ADVISORY), "utf8")) as { vulnerabilities: { cve: string }[] }).vulnerabilities.map((v) => v.cve);
let token = "";

async function seen(n: number, claimed: Record<string, unknown>, extra: Record<string, unknown>) {
  const base = pump(n);
  const res = await postReport(token, report([{ ...base, claimed: { ...base.claimed, hostname: `V2-${n}`, serialNumber: `V2-SN-${n}`, ...claimed }, ...extra }]));
  expect(res.status).toBe(202);
  await refreshRisk(db(), { trigger: "ingest" });
  return db().device.findFirstOrThrow({ where: { claimedHostname: `V2-${n}` } });
}
const latest = async (deviceId: string) => {
  const row = await db().riskScore.findFirstOrThrow({ where: { deviceId }, orderBy: [{ computedAt: "desc" }, { id: "desc" }], include: { breakdownRow: true } });
  return { ...row, breakdown: storedBreakdown(row) };
};

beforeAll(async () => {
  const epss = `#model_version:v2025.03.14,score_date:2025-08-26T00:00:00+0000\ncve,epss,percentile\n${advisoryCves.map((c) => `${c},0.00043,0.10000`).join("\n")}\n`;
  await importFeeds(db(), [
    { name: ADVISORY, bytes: readFileSync(join(BUNDLED_FEEDS_DIR, "csaf", ADVISORY)) },
    { name: "kev.json", bytes: readFileSync(join(BUNDLED_FEEDS_DIR, "kev", "known_exploited_vulnerabilities.json")) },
    { name: "epss-2025-08-26.csv", bytes: Buffer.from(epss) },
  ], { actor: cli });
  token = (await enrol()).token;
}, 60_000);

describe("an end-of-life operating system is a risk factor of its own", () => {
  it("scores a Windows 7 Embedded PACS workstation with SMB and RDP open on general IT above 0, naming the release and its end date", async () => {
    const d = await seen(1, { mac: "00:1a:2b:00:00:01", vendor: "Acme Imaging", model: "PACS Reading Workstation", firmwareVersion: undefined }, {
      software: { os: "Windows 7 Embedded" },
      network: { segment: "IT-GENERAL-10", openPorts: [445, 3389, 104], protocols: ["SMB", "RDP", "DICOM"] },
    });
    expect(d.os).toBe("Windows 7 Embedded");
    expect(d.riskScore).toBeGreaterThan(0);
    const s = await latest(d.id);
    const b = s.breakdown as RiskBreakdown;
    expect(s.modelVersion).toBe(RISK_MODEL_VERSION);
    expect(b.exposure.value).toBe("general_it");
    expect(b.endOfLife).toMatchObject({ value: { name: "Windows Embedded Standard 7", endOfSupport: "2020-10-13", reported: "Windows 7 Embedded" } });
    expect(explainRisk(b).endOfLife).toMatch(/^End-of-life operating system Windows Embedded Standard 7 \(reported "Windows 7 Embedded"\): vendor support ended 2020-10-13/);
    expect(reproduceRisk(b).matches).toBe(true);
  });
});

describe("EPSS refines likelihood, it does not erase CVSS", () => {
  it.each([[2, "IT-GENERAL-10", "general_it"], [3, "ICU-VLAN-20", "clinical_segmented"], [4, "PUMP-ISOLATED", "isolated"]])(
    "the BD Alaris 8015 at 12.1.3 with low EPSS scores above 0 (pump %i on %s)",
    async (n, segment, exposure) => {
      const d = await seen(n as number, { mac: `00:d0:75:10:00:0${n}`, vendor: "BD", model: "Alaris PCU Model 8015", firmwareVersion: "12.1.3" }, { network: { segment, openPorts: [80], protocols: ["HL7"] } });
      const b = (await latest(d.id)).breakdown as RiskBreakdown;
      expect(b.exposure.value).toBe(exposure);
      expect(b.vulnerabilities.length).toBeGreaterThanOrEqual(5);
      expect(b.vulnerabilities.every((v) => v.likelihood.basis === "cvss_floor" && v.likelihood.epss === 0.0004)).toBe(true);
      expect(d.riskScore).toBeGreaterThan(0);
      expect(explainRisk(b).steps[0]).toMatch(/EPSS model v2025\.03\.14 gives 0\.0004, raised to the CVSS floor 0\.1 × CVSS/);
    },
  );
});

describe("components agents report are matched by purl", () => {
  it("stores them as the device's components and matches the advisory through the purl", async () => {
    const d = await seen(5, { mac: "00:1a:2b:00:00:05", vendor: "Acme", model: "Pharmacy Gateway", firmwareVersion: "2.0" }, {
      software: { os: "Windows Server 2019", components: [{ name: "Pump fleet manager", purl: "pkg:generic/bd/alaris-systems-manager@12.3" }, { name: "zlib", version: "1.2.13", purl: "pkg:generic/zlib@1.2.13" }] },
      network: { segment: "IT-GENERAL-10", openPorts: [443], protocols: ["HTTPS"] },
    });
    expect(await db().sbomComponent.findMany({ where: { deviceId: d.id }, select: { source: true, name: true, purl: true }, orderBy: { name: "asc" } })).toEqual([
      { source: "agent", name: "Pump fleet manager", purl: "pkg:generic/bd/alaris-systems-manager@12.3" },
      { source: "agent", name: "zlib", purl: "pkg:generic/zlib@1.2.13" },
    ]);
    const matches = (await db().deviceVulnerability.findMany({ where: { deviceId: d.id }, include: { reasonRow: true } })).map((m) => ({ ...m, reason: storedReason(m) }));
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m.source === "sbom" && m.advisoryId === "ICSMA-23-194-01")).toBe(true);
    expect(JSON.stringify(matches[0].reason)).toContain("component reported by the agent Pump fleet manager");
    expect(d.riskScore).toBeGreaterThan(0);
  });

  it("a later report with another list replaces it, and an unchanged one writes nothing", async () => {
    const again = () => seen(5, { mac: "00:1a:2b:00:00:05", vendor: "Acme", model: "Pharmacy Gateway", firmwareVersion: "2.0" }, {
      software: { os: "Windows Server 2019", components: [{ name: "zlib", version: "1.2.13", purl: "pkg:generic/zlib@1.2.13" }] },
      network: { segment: "IT-GENERAL-10", openPorts: [443], protocols: ["HTTPS"] },
    });
    const d = await again();
    const rows = await db().sbomComponent.findMany({ where: { deviceId: d.id }, select: { id: true, name: true } });
    expect(rows.map((r) => r.name)).toEqual(["zlib"]);
    expect(await db().deviceVulnerability.count({ where: { deviceId: d.id } })).toBe(0);
    expect(((await latest(d.id)).breakdown as RiskBreakdown).vulnerabilities).toEqual([]);
    await again();
    expect(await db().sbomComponent.findMany({ where: { deviceId: d.id }, select: { id: true, name: true } })).toEqual(rows);
  });

  it("a manufacturer's CycloneDX VEX naming the component by purl closes that CVE, shown on the device page", async () => {
    const components = [{ name: "Pump fleet manager", purl: "pkg:generic/bd/alaris-systems-manager@12.3" }];
    const d = await seen(6, { mac: "00:1a:2b:00:00:06", vendor: "Acme", model: "Pharmacy Gateway", firmwareVersion: "2.0" }, {
      software: { os: "Windows Server 2019", components }, network: { segment: "IT-GENERAL-10", openPorts: [443], protocols: ["HTTPS"] },
    });
    const before = (await db().deviceVulnerability.findMany({ where: { deviceId: d.id } })).map((m) => m.vulnerabilityId).sort();
    expect(before.length).toBeGreaterThan(1);
    const [closedCve, ...kept] = before;
    const vex = {
      bomFormat: "CycloneDX", specVersion: "1.5", serialNumber: "urn:uuid:6f2a6c1e-2d8c-4a62-9d55-2a3f0c9b0e77", version: 1,
      metadata: { timestamp: "2023-02-01T00:00:00Z", component: { type: "application", name: "Alaris Systems Manager", manufacturer: { name: "BD" } } },
      vulnerabilities: [{ id: closedCve, affects: [{ ref: "pkg:generic/bd/alaris-systems-manager@12.3" }], analysis: { state: "not_affected", justification: "code_not_reachable", detail: "The web console is not shipped in 12.3." } }],
    };
    await importFeeds(db(), [{ name: "asm-vex.cdx.json", bytes: Buffer.from(JSON.stringify(vex)) }], { actor: cli });
    await refreshRisk(db(), { trigger: "feed" });
    expect((await db().deviceVulnerability.findMany({ where: { deviceId: d.id } })).map((m) => m.vulnerabilityId).sort()).toEqual(kept);
    const { getDeviceVendorView } = await import("@/lib/queries/manufacturer-closures");
    const view = await getDeviceVendorView(d.id);
    expect(view.closed.find((c) => c.cve === closedCve)?.why).toMatch(/^Pump fleet manager: not affected: code not reachable \(The web console is not shipped in 12\.3\.\) \(VEX from cyclonedx-vex:/);
  });
});

describe("the model upgrade", () => {
  it("rescores every device scored by an older model once, recording trigger \"model\"", async () => {
    const d = await db().device.findFirstOrThrow({ where: { claimedHostname: "V2-1" } });
    // As an install scored by v1.1.0 looks: its scores, hashes and the version it last ran.
    await db().riskScore.create({ data: { deviceId: d.id, score: 0, tier: "low", modelVersion: "1.1.0", breakdown: {}, trigger: "ingest", computedAt: new Date(Date.now() - 60_000) } });
    await db().device.updateMany({ data: { riskHash: "scored-by-1.1.0", riskStale: false } });
    await db().setting.upsert({ where: { key: "riskModelVersion" }, create: { key: "riskModelVersion", value: "1.1.0" }, update: { value: "1.1.0" } });
    const scored = await db().device.count({ where: { riskComputedAt: { not: null } } });

    await refreshRisk(db(), { trigger: "ingest" });
    const model = await db().riskScore.findMany({ where: { trigger: "model" }, select: { deviceId: true, modelVersion: true } });
    expect(model).toHaveLength(scored);
    expect(new Set(model.map((m) => m.modelVersion))).toEqual(new Set([RISK_MODEL_VERSION]));
    expect(await db().setting.findUnique({ where: { key: "riskModelVersion" } })).toMatchObject({ value: RISK_MODEL_VERSION });

    // Restarts and later passes do not rescore for the model again.
    await refreshRisk(db(), { trigger: "ingest" });
    await refreshRisk(db(), { trigger: "full", all: true });
    expect(await db().riskScore.count({ where: { trigger: "model" } })).toBe(scored);
    expect(await db().device.count({ where: { riskStale: true } })).toBe(0);
  });
});
