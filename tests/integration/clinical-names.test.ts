// Devices named as they name themselves, matched by the real importer and risk refresh against
// the bundled CISA advisories and KEV: a Hamilton ventilator that reports "HAMILTON-T1", a
// Spacelabs receiver whose vendor says "Spacelabs Healthcare", a build number written as a
// fourth version number, and version ranges written as dates.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { importFeeds, type ImportFile } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";
import { storedReason } from "@/lib/db/stored-reason";

const CSAF_DIR = join(BUNDLED_FEEDS_DIR, "csaf");
const cli = { system: "test" };
const db = () => getDb();
const file = (path: string): ImportFile => ({ name: path.split("/").pop()!, bytes: readFileSync(path) });
const csafFiles = () => readdirSync(CSAF_DIR).filter((f) => f.endsWith(".json")).sort().map((f) => file(join(CSAF_DIR, f)));
const kevFile = () => file(join(BUNDLED_FEEDS_DIR, "kev", "known_exploited_vulnerabilities.json"));

/** A manufacturer's advisory written with a date for a range, as some are: Hamilton's T1 advisory, re-dated. */
function datedAdvisory(): ImportFile {
  const a = JSON.parse(readFileSync(join(CSAF_DIR, "icsma-21-047-01.json"), "utf8"));
  a.document.tracking.id = "TEST-DATED-01";
  const product = a.product_tree.branches[0].branches[0];
  product.name = "IntelliVent Module";
  product.branches[0].name = "<8/30/2024";
  product.branches[0].product.name = "IntelliVent Module: before 8/30/2024";
  return { name: "test-dated-01.json", bytes: Buffer.from(JSON.stringify(a)) };
}

// Each maker's own IEEE block, so the network evidence agrees with the claimed vendor.
const OUI: Record<string, string> = { hamilton: "00:1e:9a", spacelabs: "00:a0:aa", bd: "00:d0:75", luna: "58:42:e4" };

function device(n: number, oui: string, vendor: string, model: string, firmwareVersion: string) {
  const base = pump(n);
  const mac = `${OUI[oui]}:00:00:${n.toString(16).padStart(2, "0")}`;
  return { ...base, claimed: { ...base.claimed, mac, vendor, model, firmwareVersion, hostname: `NAMES-${n}`, serialNumber: `NM-${n}` } };
}

async function matchesOf(hostname: string) {
  const found = await db().device.findFirstOrThrow({ where: { claimedHostname: hostname }, include: { vulnerabilities: { include: { vulnerability: true, reasonRow: true } } } });
  const d = { ...found, vulnerabilities: found.vulnerabilities.map((v) => ({ ...v, reason: storedReason(v) })) };
  const of = (status: string) => [...new Set(d.vulnerabilities.filter((v) => v.status === status).map((v) => `${v.advisoryId}/${v.vulnerabilityId}`))].sort();
  return { device: d, affected: of("affected"), possible: of("needs_review") };
}

describe("names, builds and dates as devices report them", () => {
  beforeAll(async () => {
    const outcomes = await importFeeds(db(), [...csafFiles(), kevFile(), datedAdvisory()], { actor: cli });
    expect(outcomes.filter((o) => o.status === "imported")).toHaveLength(136);
    const agent = await enrol();
    const res = await postReport(agent.token, report([
      device(1, "hamilton", "Hamilton Medical", "HAMILTON-T1", "2.2.3"),
      device(2, "hamilton", "Hamilton Medical", "HAMILTON-T1", "2.2.4"),
      device(3, "hamilton", "Hamilton Medical", "HAMILTON-C6", "2.2.3"),
      device(4, "spacelabs", "Spacelabs Healthcare", "XTR 96280", "1.0.2"),
      device(5, "spacelabs", "Spacelabs Healthcare", "XTR 96280", "1.0.3"),
      device(6, "bd", "BD", "Alaris PCU 8015", "12.1.3.4411"),
      device(7, "bd", "BD", "Alaris PCU 8015", "12.1.4.4411"),
      device(8, "luna", "3B Medical", "Luna CPAP", "2017-03-15"),
      device(9, "luna", "3B Medical", "Luna CPAP", "2017-09-01"),
      device(10, "hamilton", "Hamilton Medical", "IntelliVent Module", "2024-07-15"),
      device(11, "hamilton", "Hamilton Medical", "IntelliVent Module", "2024-09-02"),
      device(12, "spacelabs", "Spacelabs Healthcare", "Xhibit Telemetry Receiver", "1.0.2"),
    ]));
    expect(res.status).toBe(202);
    await refreshRisk(db(), { trigger: "ingest" });
  }, 180_000);

  it("a ventilator reporting HAMILTON-T1 has ICSMA-21-047-01's CVEs at 2.2.3, none at 2.2.4; a HAMILTON-C6 none", async () => {
    expect((await matchesOf("NAMES-1")).affected).toEqual(["CVE-2020-27278", "CVE-2020-27282", "CVE-2020-27290"].map((c) => `ICSMA-21-047-01/${c}`));
    expect((await matchesOf("NAMES-2")).affected).toEqual([]);
    const c6 = await matchesOf("NAMES-3");
    expect([...c6.affected, ...c6.possible]).toEqual([]);
  });

  it("Spacelabs Healthcare's XTR 96280 at 1.0.2 has ICSMA-20-049-01's KEV-listed CVE, and is scored for it", async () => {
    const { device: d, affected } = await matchesOf("NAMES-4");
    expect(affected).toEqual(["ICSMA-20-049-01/CVE-2019-0708"]);
    expect(d.vulnerabilities.find((v) => v.vulnerabilityId === "CVE-2019-0708")?.vulnerability.kev).toBe(true);
    expect(d.riskScore).toBeGreaterThan(0);
    expect((await matchesOf("NAMES-5")).affected).toEqual([]);
  });

  it("a model close but not certain is a possible match with its reason, not silence", async () => {
    const { device: d, affected, possible } = await matchesOf("NAMES-12");
    expect(affected).toEqual([]);
    expect(possible).toEqual(["ICSMA-20-049-01/CVE-2019-0708"]);
    const reason = d.vulnerabilities[0].reason as { matches: { why: string }[] };
    expect(reason.matches[0].why).toMatch(/names model 96280; the device model names none: check the model/);
  });

  it("a build written as a fourth number is a build of that release: 12.1.3.4411 is within <=12.1.3, 12.1.4.4411 is not", async () => {
    const at1213 = await matchesOf("NAMES-6");
    expect(at1213.affected).toEqual(["CVE-2018-1285", "CVE-2023-30559", "CVE-2023-30560", "CVE-2023-30561", "CVE-2023-30562", "CVE-2023-30563", "CVE-2023-30564", "CVE-2023-30565"].map((c) => `ICSMA-23-194-01/${c}`));
    expect((await matchesOf("NAMES-7")).affected).toEqual([]);
  });

  it("ranges written as dates compare with dates: the Luna CPAP before July 1 2017, the re-dated module before 8/30/2024", async () => {
    expect((await matchesOf("NAMES-8")).affected).toEqual(["ICSMA-17-227-01/CVE-2017-12701"]);
    const luna = await matchesOf("NAMES-9");
    expect([...luna.affected, ...luna.possible]).toEqual([]);
    expect((await matchesOf("NAMES-10")).affected).toEqual(["CVE-2020-27278", "CVE-2020-27282", "CVE-2020-27290"].map((c) => `TEST-DATED-01/${c}`));
    const after = await matchesOf("NAMES-11");
    expect([...after.affected, ...after.possible]).toEqual([]);
  });
});
