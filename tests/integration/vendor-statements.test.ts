// What the vendor says ends matches: ICSMA-21-187-01's remediations fix Vue PACS CVEs in 12.2.8.0
// and 12.2.8.100, so a Vue PACS at 12.2.8.410 is clear of them while an older one matches with the
// fix to apply shown; a manufacturer's CSAF VEX and CycloneDX VEX "not_affected" close a match
// with its justification. Re-importing changes nothing.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { getDeviceVendorView } from "@/lib/queries/manufacturer-closures";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { importFeeds } from "@/lib/vulns/import";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();
const actor = { system: "test" } as const;
const csafDir = join(BUNDLED_FEEDS_DIR, "csaf");
const bundled = () => readdirSync(csafDir).filter((f) => f.endsWith(".json")).map((name) => ({ name, bytes: readFileSync(join(csafDir, name)) }));
const json = (name: string, value: unknown) => ({ name, bytes: new TextEncoder().encode(JSON.stringify(value)) });
// The PACS CVEs whose CWE a versioned Philips fix for PACS names (12.2.8.0: CWE-20/119/287; 12.2.8.100: eight more; 12.2.1.6: CWE-23).
const FIXED_FOR_PACS = ["CVE-2012-1708", "CVE-2015-9251", "CVE-2018-10115", "CVE-2018-11218", "CVE-2018-12326", "CVE-2020-1938", "CVE-2020-4670", "CVE-2021-27493", "CVE-2021-27501", "CVE-2021-33018", "CVE-2021-33020", "CVE-2021-33022"];
const ids: Record<string, string> = {};

const cvesOf = async (deviceId: string, advisoryId = "ICSMA-21-187-01") => (await db().deviceVulnerability.findMany({ where: { deviceId, advisoryId }, select: { vulnerabilityId: true } })).map((m) => m.vulnerabilityId).sort();

const csafVex = {
  document: { category: "csaf_vex", csaf_version: "2.0", title: "Vue PACS VEX", publisher: { name: "Philips", category: "vendor", namespace: "https://www.philips.com" }, tracking: { id: "PHILIPS-VEX-2023-1", version: "1", status: "final", initial_release_date: "2023-01-10T00:00:00Z", current_release_date: "2023-01-10T00:00:00Z", revision_history: [] } },
  product_tree: { branches: [{ category: "vendor", name: "Philips", branches: [{ category: "product_name", name: "Vue PACS", branches: [{ category: "product_version", name: "12.1.5", product: { product_id: "PACS-12.1.5", name: "Philips Vue PACS 12.1.5" } }] }] }] },
  vulnerabilities: [{ cve: "CVE-2020-1938", product_status: { known_not_affected: ["PACS-12.1.5"] }, flags: [{ label: "vulnerable_code_not_in_execute_path", product_ids: ["PACS-12.1.5"] }], threats: [{ category: "impact", details: "The AJP connector is disabled in this build.", product_ids: ["PACS-12.1.5"] }] }],
};
const cyclonedxVex = {
  bomFormat: "CycloneDX", specVersion: "1.5", serialNumber: "urn:uuid:6f2a6c1e-2d8c-4a62-9d55-2a3f0c9b0e11", version: 1,
  metadata: { timestamp: "2023-02-01T00:00:00Z", component: { type: "application", name: "Vue PACS", version: "12.1.5", manufacturer: { name: "Philips" } } },
  vulnerabilities: [{ id: "CVE-2018-12326", affects: [{ ref: "urn:cdx:6f2a6c1e-2d8c-4a62-9d55-2a3f0c9b0e11/1#vue-pacs" }], analysis: { state: "not_affected", justification: "code_not_reachable", detail: "Redis is not shipped with this release." } }],
};

async function pacs(n: number, firmwareVersion: string) {
  const agent = await enrol();
  const o = pump(n);
  const claimed = { ...o.claimed, mac: `00:1f:a0:00:00:0${n}`, vendor: "Philips", model: "Vue PACS", firmwareVersion, hostname: `VUEPACS-${n}` };
  expect((await postReport(agent.token, report([{ ...o, claimed }]))).status).toBe(202);
  return (await db().device.findFirstOrThrow({ where: { claimedHostname: `VUEPACS-${n}` } })).id;
}

beforeAll(async () => {
  await importFeeds(db(), bundled(), { actor });
  ids.current = await pacs(1, "12.2.8.410");
  ids.older = await pacs(2, "12.2.1.0");
  ids.vexed = await pacs(3, "12.1.5");
  await refreshRisk(db(), { trigger: "ingest" });
}, 300_000);

describe("fixed versions and remediations from the advisory", () => {
  it("clears a Vue PACS at 12.2.8.410 of the CVEs the vendor's fixes name, keeping those with no shipped fix", async () => {
    const left = await cvesOf(ids.current);
    for (const cve of FIXED_FOR_PACS) expect(left).not.toContain(cve);
    // CWE-324/354/319 have no PACS fix in the advisory; CWE-522's fix is promised for Q3 2023.
    expect(left).toEqual(["CVE-2018-8014", "CVE-2019-9636", "CVE-2021-27497", "CVE-2021-33024"]);
    const view = await getDeviceVendorView(ids.current);
    expect(view.closed.map((c) => c.cve).sort()).toEqual(FIXED_FOR_PACS);
    expect(view.closed.find((c) => c.cve === "CVE-2020-1938")?.why).toMatch(/fixed in 12\.2\.8\.0/);
  });

  it("matches an older Vue PACS and says what to do", async () => {
    expect(await cvesOf(ids.older)).toHaveLength(16);
    const view = await getDeviceVendorView(ids.older);
    expect(view.advice.get("CVE-2020-1938")?.map((a) => a.text)).toContain("Update to 12.2.8.0 or later (vendor fix)");
    // The advisory's other vendor_fix notes for PACS, with their links, follow the update.
    expect(view.advice.get("CVE-2020-1938")?.find((a) => a.text.includes("Ports_Protocols_Services_Guide"))).toMatchObject({ kind: "vendor_fix", url: "https://incenter.medical.philips.com/" });
    // The MyVue-only fix does not concern PACS.
    expect(view.advice.get("CVE-2020-1938")?.some((a) => a.text.includes("MyVue"))).toBe(false);
    expect(view.closed).toEqual([]);
  });
});

describe("manufacturer VEX", () => {
  it("a CSAF VEX and a CycloneDX VEX 'not_affected' close a match with the justification", async () => {
    expect(await cvesOf(ids.vexed)).toEqual(expect.arrayContaining(["CVE-2018-12326", "CVE-2020-1938"]));
    const outcomes = await importFeeds(db(), [json("pacs-vex.json", csafVex), json("pacs-vex.cdx.json", cyclonedxVex)], { actor });
    expect(outcomes.map((o) => [o.feed, o.status])).toEqual([["vex", "imported"], ["vex", "imported"]]);
    await refreshRisk(db(), { trigger: "feed" });
    const left = await cvesOf(ids.vexed);
    expect(left).not.toContain("CVE-2020-1938");
    expect(left).not.toContain("CVE-2018-12326");
    const closed = new Map((await getDeviceVendorView(ids.vexed)).closed.map((c) => [c.cve, c.why]));
    expect(closed.get("CVE-2020-1938")).toMatch(/not affected: vulnerable code not in execute path .*VEX from csaf-vex:PHILIPS-VEX-2023-1/);
    expect(closed.get("CVE-2018-12326")).toMatch(/not affected: code not reachable .*VEX from cyclonedx-vex:/);
    // The older PACS is another version: the VEX says nothing of it.
    expect(await cvesOf(ids.older)).toHaveLength(16);
  });

  it("a CycloneDX VEX attached to a device closes its match", async () => {
    const deviceVex = { ...cyclonedxVex, serialNumber: "urn:uuid:0b7f0000-0000-4000-8000-000000000001", metadata: { timestamp: "2023-03-01T00:00:00Z" }, vulnerabilities: [{ ...cyclonedxVex.vulnerabilities[0], id: "CVE-2021-33024", analysis: { state: "not_affected", justification: "requires_environment" } }] };
    await expect(importFeeds(db(), [json("no-device.cdx.json", deviceVex)], { actor })).rejects.toMatchObject({ status: 400 });
    await importFeeds(db(), [json("device.cdx.json", deviceVex)], { actor, deviceId: ids.current });
    await refreshRisk(db(), { trigger: "feed" });
    expect(await cvesOf(ids.current)).not.toContain("CVE-2021-33024");
    expect((await getDeviceVendorView(ids.current)).closed.find((c) => c.cve === "CVE-2021-33024")?.why).toMatch(/requires environment/);
  });

  it("re-importing the advisories and the VEX changes nothing", async () => {
    const before = await db().vexStatement.count();
    const products = await db().affectedProduct.count();
    const outcomes = await importFeeds(db(), [...bundled(), json("pacs-vex.json", csafVex), json("pacs-vex.cdx.json", cyclonedxVex)], { actor });
    expect(outcomes.every((o) => o.status === "unchanged")).toBe(true);
    expect(await db().vexStatement.count()).toBe(before);
    expect(await db().affectedProduct.count()).toBe(products);
    await refreshRisk(db(), { trigger: "full", all: true });
    expect(await cvesOf(ids.current)).toEqual(["CVE-2018-8014", "CVE-2019-9636", "CVE-2021-27497"]);
  });
});
