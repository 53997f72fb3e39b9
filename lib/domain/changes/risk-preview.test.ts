import { describe, expect, it } from "vitest";
import { matchContext } from "../vulns/device-matches";
import { scoreDevice, scoringContext } from "../vulns/device-score";
import type { AdvisoryProduct } from "../vulns/advisory-match";
import type { StatedProduct } from "../vulns/vendor-statements";
import { currentMatches, fixedVersionsFor, previewDevice, suggestFromMatches, summarizePreview, type DevicePreview, type PreviewContext, type PreviewDevice } from "./risk-preview";

const CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const product = (over: Partial<AdvisoryProduct & StatedProduct>): AdvisoryProduct & Partial<StatedProduct> => ({ id: "p1", advisoryId: "ADV-1", vendor: "Acme Medical", product: "Infusa 9", versionRange: "< 3.0", cves: ["CVE-2026-0001", "CVE-2026-0002"], ...over });
// ADV-1: every Infusa 9 before 3.0 has two flaws. ADV-2: a third one up to 3.x, fixed in 3.2 by the
// vendor's note, listed as fixed from 3.1 on another product entry. ADV-3: a fourth with no fix.
const PRODUCTS = [
  product({}),
  product({ id: "p2", advisoryId: "ADV-2", versionRange: "<= 3.x", cves: ["CVE-2026-0003"], remediations: [{ category: "vendor_fix", details: "Update to version 3.2", url: null, cves: ["CVE-2026-0003"], fixes: { version: "3.2", cves: ["CVE-2026-0003"] } }] }),
  product({ id: "p3", advisoryId: "ADV-2", versionRange: ">= 3.1", cves: ["CVE-2026-0003"], status: "fixed" }),
  product({ id: "p4", advisoryId: "ADV-3", versionRange: null, cves: ["CVE-2026-0004"] }),
];

function context(): PreviewContext {
  const ctx = { ...matchContext(PRODUCTS), ...scoringContext({}, new Map()) };
  for (const cve of ["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003", "CVE-2026-0004"]) ctx.vulns.set(cve, { kev: cve === "CVE-2026-0001", cvssVector: CRITICAL, cvssExploitability: 3.9, epss: null });
  return ctx;
}
const pump = (over: Partial<PreviewDevice> = {}): PreviewDevice => ({
  id: "d1", displayName: "Infusa 9 on 4 North", claimedVendor: "Acme Medical", vendor: null, claimedModel: "Infusa 9", model: null, firmwareVersion: "2.9", claimedFirmware: null, components: [], decisions: [],
  category: "infusion_pump", status: "approved", spoofSuspected: false, criticality: "life_sustaining", criticalitySource: "category-default", phi: "none", compensatingControls: 0, internetExposed: false, channel: "ethernet", segmentId: null,
  ...over,
});

describe("one device's preview", () => {
  it("closes what the target version leaves out of the advisories' ranges", () => {
    const ctx = context();
    expect(currentMatches(pump(), ctx).map((m) => m.cve).sort()).toEqual(["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003", "CVE-2026-0004"]);
    expect(previewDevice(pump(), "3.0", ctx)).toMatchObject({ deviceId: "d1", fromVersion: "2.9", cvesClosed: ["CVE-2026-0001", "CVE-2026-0002"], cvesRemaining: 2 });
    // 3.1 is listed as fixed for ADV-2, 3.2 is the vendor's fix: both close CVE-2026-0003 too.
    expect(previewDevice(pump(), "3.1", ctx).cvesClosed).toEqual(["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003"]);
    expect(previewDevice(pump(), "3.2", ctx).cvesClosed).toEqual(["CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003"]);
    expect(previewDevice(pump(), "2.9.5", ctx).cvesClosed).toEqual([]);
  });

  it("scores before and after with the risk model itself, the closed CVEs removed", () => {
    const ctx = context();
    const preview = previewDevice(pump(), "3.0", ctx);
    const now = currentMatches(pump(), ctx);
    expect(preview.riskBefore).toBe(scoreDevice(pump(), now, ctx).result.score);
    expect(preview.riskAfter).toBe(scoreDevice(pump(), now.filter((m) => !preview.cvesClosed.includes(m.cve)), ctx).result.score);
    // The known-exploited flaw goes with 3.0: the score falls.
    expect(preview.riskAfter).toBeLessThan(preview.riskBefore);
  });

  it("keeps a CVE its SBOM still brings, whatever the firmware", () => {
    const withSbom = pump({ components: [{ name: "libtelemetry", version: "1.0", supplier: "Telemetry Project", cpe: null, declared: [{ cve: "CVE-2026-0001", state: "exploitable", vector: null }] }] });
    expect(previewDevice(withSbom, "3.0", context()).cvesClosed).toEqual(["CVE-2026-0002"]);
  });

  it("counts only what people left matched: a dismissed possible match is not closed, it was never there", () => {
    // Unknown firmware: every match is a possible one; the person dismissed CVE-2026-0002.
    const unknown = pump({ firmwareVersion: null, decisions: [{ vulnerabilityId: "CVE-2026-0002", decision: "dismissed", decidedBy: "ann", decidedAt: new Date("2026-12-01T00:00:00Z") }] });
    const preview = previewDevice(unknown, "3.2", context());
    expect(preview.fromVersion).toBeNull();
    expect(preview.cvesClosed).toEqual(["CVE-2026-0001", "CVE-2026-0003"]);
    expect(preview.cvesRemaining).toBe(1);
  });

  it("ignores CVEs the feeds do not know, as the refresh does", () => {
    const ctx = context();
    ctx.vulns.delete("CVE-2026-0002");
    expect(previewDevice(pump(), "3.0", ctx).cvesClosed).toEqual(["CVE-2026-0001"]);
  });
});

describe("the plan's preview", () => {
  const row = (deviceId: string, riskBefore: number, riskAfter: number, cvesClosed: string[]): DevicePreview => ({ deviceId, displayName: deviceId, fromVersion: "2.9", riskBefore, riskAfter, cvesClosed, cvesRemaining: 0 });

  it("takes the highest score before and after, the CVEs closed on any device, riskiest first", () => {
    const summary = summarizePreview([row("b", 40, 10, ["CVE-2"]), row("a", 70, 35, ["CVE-1", "CVE-2"]), row("c", 20, 20, [])]);
    expect(summary).toMatchObject({ riskBefore: 70, riskAfter: 35, cvesClosed: ["CVE-1", "CVE-2"] });
    expect(summary.devices.map((d) => d.deviceId)).toEqual(["a", "b", "c"]);
    expect(summarizePreview([])).toEqual({ devices: [], cvesClosed: [], riskBefore: 0, riskAfter: 0 });
  });
});

describe("fixed versions and the suggested target", () => {
  it("reads the fixed versions the advisory states for the device's product, whatever its version", () => {
    const ctx = context();
    expect(fixedVersionsFor(pump(), "ADV-1", ctx)).toEqual(["3.0"]);
    // The vendor's fix and the start of the fixed entry; not the "3.x" family's end, which nobody wrote.
    expect(fixedVersionsFor(pump(), "ADV-2", ctx)).toEqual(["3.1", "3.2"]);
    expect(fixedVersionsFor(pump({ firmwareVersion: "4.0" }), "ADV-2", ctx)).toEqual(["3.1", "3.2"]);
    expect(fixedVersionsFor(pump(), "ADV-3", ctx)).toEqual([]);
    expect(fixedVersionsFor(pump({ claimedModel: "Other pump" }), "ADV-1", ctx)).toEqual([]);
  });

  it("lists the advisories matched on the devices and suggests the highest version that closes the most", () => {
    const ctx = context();
    const devices = [pump(), pump({ id: "d2", firmwareVersion: "3.0" }), pump({ id: "d3", claimedModel: "Other pump" })];
    const { advisories, suggestedTarget } = suggestFromMatches(devices, ctx, new Map([["ADV-1", "Infusa 9 flaws"]]));
    expect(advisories).toEqual([
      { advisoryId: "ADV-2", title: "ADV-2", cves: ["CVE-2026-0003"], fixedVersions: ["3.1", "3.2"], devices: 2 },
      { advisoryId: "ADV-3", title: "ADV-3", cves: ["CVE-2026-0004"], fixedVersions: [], devices: 2 },
      { advisoryId: "ADV-1", title: "Infusa 9 flaws", cves: ["CVE-2026-0001", "CVE-2026-0002"], fixedVersions: ["3.0"], devices: 1 },
    ]);
    // 3.0 closes 2, 3.1 and 3.2 close 4 each: the higher of the two.
    expect(suggestedTarget).toBe("3.2");
  });

  it("suggests nothing when no stated version closes anything", () => {
    const { advisories, suggestedTarget } = suggestFromMatches([pump({ firmwareVersion: "9.0" })], context(), new Map());
    expect(advisories.map((a) => a.advisoryId)).toEqual(["ADV-3"]);
    expect(suggestedTarget).toBeNull();
    expect(suggestFromMatches([], context(), new Map())).toEqual({ advisories: [], suggestedTarget: null });
  });
});
