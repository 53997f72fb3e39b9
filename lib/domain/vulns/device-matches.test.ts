import { describe, expect, it } from "vitest";
import type { AdvisoryProduct } from "./advisory-match";
import { canonicalJson, desiredMatches, matchChanges, matchContext, reasonHash, type MatchFacts, type SbomComponent } from "./device-matches";

const products: AdvisoryProduct[] = [
  { id: "p1", advisoryId: "ICSMA-23-194-01", vendor: "Becton, Dickinson and Company (BD)", product: "BD Alaris Point-of-Care Unit (PCU) Model 8015", versionRange: "<=12.1.3", cves: ["CVE-2023-30559", "CVE-2023-30560"] },
  { id: "p2", advisoryId: "ICSMA-OPENSSL", vendor: "OpenSSL", product: "OpenSSL", versionRange: "<1.1.1l", cves: ["CVE-2021-3711"] },
];
const pump = (firmware: string | null, components: SbomComponent[] = []): MatchFacts => ({
  claimedVendor: "BD", vendor: null, claimedModel: "Alaris PCU Model 8015", model: null, firmwareVersion: firmware, claimedFirmware: null, components,
});
const summary = (ms: ReturnType<typeof desiredMatches>) => ms.map((m) => `${m.source}:${m.cve}:${m.status}`).sort();

describe("desiredMatches", () => {
  it("matches the device against the advisories, by vendor alias, model and firmware", () => {
    expect(summary(desiredMatches(pump("12.1.3"), matchContext(products)))).toEqual(["csaf:CVE-2023-30559:affected", "csaf:CVE-2023-30560:affected"]);
    expect(desiredMatches(pump("12.1.4"), matchContext(products))).toEqual([]);
  });

  it("matches SBOM components and takes the SBOM's own findings unless their analysis drops them", () => {
    const components: SbomComponent[] = [
      { name: "openssl", version: "1.1.1k", supplier: "OpenSSL", cpe: null, declared: null },
      { name: "busybox", version: "1.31", supplier: null, cpe: null, declared: [{ cve: "CVE-2022-0001", state: "exploitable", vector: null }, { cve: "CVE-2022-0002", state: "in_triage", vector: null }, { cve: "CVE-2022-0003", state: "not_affected", vector: null }] },
    ];
    expect(summary(desiredMatches(pump("12.1.4", components), matchContext(products)))).toEqual([
      "sbom:CVE-2021-3711:affected", "sbom:CVE-2022-0001:affected", "sbom:CVE-2022-0002:needs_review",
    ]);
  });

  it("matches a component an agent reports by its purl alone, and says the agent reported it", () => {
    const components: SbomComponent[] = [
      { name: "libssl", version: null, supplier: null, cpe: null, purl: "pkg:generic/openssl/openssl@1.1.1k?arch=x86", source: "agent", declared: null },
      { name: "libz", version: null, supplier: null, cpe: null, purl: "pkg:generic/zlib@1.2.13", source: "agent", declared: null },
    ];
    const [m, ...rest] = desiredMatches(pump("12.1.4", components), matchContext(products));
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ cve: "CVE-2021-3711", source: "sbom", status: "affected", advisoryId: "ICSMA-OPENSSL" });
    expect(JSON.parse(m.reason).matches[0].why).toMatch(/^component reported by the agent libssl: /);
    expect(desiredMatches(pump("12.1.4", [{ ...components[0], purl: "pkg:generic/openssl/openssl@1.1.1l" }]), matchContext(products))).toEqual([]);
  });

  it("drops what a manufacturer's VEX closes by purl or CPE, only when it names every component that brought the CVE", () => {
    const vex = (over: Record<string, string | null>) => ({
      source: "cyclonedx-vex:acme", vulnerabilityId: "CVE-2021-3711", vendor: null, product: null, versionRange: null, cpe: null, purl: null,
      deviceId: null, status: "not_affected", justification: "code_not_reachable", detail: null, ...over,
    });
    const libssl = { name: "libssl", version: null, supplier: null, cpe: null, purl: "pkg:generic/openssl/openssl@1.1.1k", source: "agent", declared: null };
    const fromCpe = { name: "openssl", version: "1.1.1k", supplier: null, cpe: "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*", declared: null };
    const open = (components: SbomComponent[], statements: ReturnType<typeof vex>[]) => summary(desiredMatches(pump("12.1.4", components), matchContext(products, statements)));

    expect(open([libssl], [vex({ purl: "pkg:generic/openssl/openssl@1.1.1k" })])).toEqual([]);
    expect(open([libssl], [vex({ purl: "pkg:generic/openssl/openssl" })])).toEqual([]); // every version
    expect(open([libssl], [vex({ purl: "pkg:generic/openssl/openssl@1.1.1j" })])).toEqual(["sbom:CVE-2021-3711:affected"]);
    expect(open([libssl], [vex({ purl: "pkg:generic/openssl/openssl@1.1.1k", status: "affected" })])).toEqual(["sbom:CVE-2021-3711:affected"]);
    expect(open([fromCpe], [vex({ cpe: "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*" })])).toEqual([]);
    expect(open([fromCpe], [vex({ cpe: "cpe:2.3:a:openssl:openssl:1.0.2:*:*:*:*:*:*:*" })])).toEqual(["sbom:CVE-2021-3711:affected"]);
    // Two components bring the CVE; the statement names one: it stays.
    expect(open([libssl, fromCpe], [vex({ purl: "pkg:generic/openssl/openssl@1.1.1k" })])).toEqual(["sbom:CVE-2021-3711:affected"]);
    expect(open([libssl, fromCpe], [vex({ purl: "pkg:generic/openssl/openssl@1.1.1k" }), vex({ cpe: "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*" })])).toEqual([]);
  });

  it("stores why with sorted keys, so the text compares equal to what the database gives back", () => {
    const [m] = desiredMatches(pump("12.1.3"), matchContext(products));
    expect(m.reason).toBe(canonicalJson(JSON.parse(m.reason)));
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 0 }] } })).toBe('{"a":{"c":[{"e":0,"f":1}],"d":2},"b":1}');
  });
});

describe("matchChanges", () => {
  const desired = desiredMatches(pump("12.1.3"), matchContext(products));
  const stored = (cve: string, reason: unknown, id = `id-${cve}`) => ({ id, vulnerabilityId: cve, source: "csaf", status: "affected", advisoryId: "ICSMA-23-194-01", reason });

  it("leaves an unchanged match alone, whatever the key order of its stored reason", () => {
    const same = desired.map((m) => stored(m.cve, JSON.parse(m.reason)));
    expect(matchChanges(desired, same)).toEqual({ create: [], remove: [] });
  });

  it("replaces a changed match and removes one that no longer applies", () => {
    const changes = matchChanges(desired, [stored("CVE-2023-30559", { rule: "old" }), stored("CVE-1999-0001", {})]);
    expect(changes.create.map((m) => m.cve)).toEqual(["CVE-2023-30559", "CVE-2023-30560"]);
    expect(changes.remove).toEqual(["id-CVE-2023-30559", "id-CVE-1999-0001"]);
  });

  it("compares a shared reason by its hash, and an older inline one by its JSON", () => {
    const shared = desired.map((m) => ({ ...stored(m.cve, null), reasonHash: reasonHash(m.reason) }));
    expect(matchChanges(desired, shared)).toEqual({ create: [], remove: [] });
    const [first, ...rest] = shared;
    const changed = matchChanges(desired, [{ ...first, reasonHash: reasonHash('{"rule":"old"}') }, ...rest]);
    expect(changed).toEqual({ create: [desired[0]], remove: [first.id] });
    expect(reasonHash(desired[0].reason)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
