import { describe, expect, it } from "vitest";
import { emptyTally, policiesAt, storedFacts, storedStatusChanges, tallyChanges, type PlacedPolicy, type StoredForPolicy } from "./policy-verdict";

const device = (over: Partial<StoredForPolicy> = {}): StoredForPolicy => ({
  id: "d1", displayName: "PUMP-1", status: "pending", statusRule: null, spoofSuspected: false, category: "infusion_pump", vendor: "Baxter",
  siteId: "s1", segmentId: "g1", usbVendorId: null, usbProductId: null, usbSerial: null, fingerprint: null, ...over,
});
const ventilatorsOnly = (over: Partial<PlacedPolicy> = {}) => ({ id: "p1", name: "Ventilators only", kind: "baseline", rules: { categories: ["ventilator"] }, siteId: "s1", segmentId: null, ...over }) as PlacedPolicy;

describe("a stored device under changed policies", () => {
  it("applies a site's policies to its devices, a segment's to that segment's only, and every-site policies everywhere", () => {
    const policies = [ventilatorsOnly(), ventilatorsOnly({ id: "p2", siteId: null }), ventilatorsOnly({ id: "p3", siteId: "s1", segmentId: "g2" })];
    expect(policiesAt(policies, "s1", "g1").map((p) => p.id)).toEqual(["p1", "p2"]);
    expect(policiesAt(policies, "s2", "g2").map((p) => p.id)).toEqual(["p2", "p3"]);
  });

  it("reads the measured USB facts from the stored fingerprint", () => {
    const facts = storedFacts(device({ usbVendorId: "046d", usbProductId: "c31c", usbSerial: "K-1", fingerprint: { hash: "ab", attributes: { "usb.interfaces": "03.01.01.01" } } }));
    expect(facts).toEqual({ category: "infusion_pump", vendor: "Baxter", fingerprintHash: "ab", usb: { vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "03.01.01.01", hidReportDescriptorSha256: null } });
  });

  it("keeps only real status changes, and never overrides a person's decision", () => {
    const changes = storedStatusChanges([device(), device({ id: "d2", status: "authorized", statusRule: "user:approve" }), device({ id: "d3", status: "unauthorized", statusRule: "baseline.vendor" })], [ventilatorsOnly()]);
    expect(changes.map((c) => [c.device.id, c.status, c.rule])).toEqual([["d1", "unauthorized", "baseline.category"]]);
    const cleared = storedStatusChanges([device({ status: "unauthorized", statusRule: "baseline.category" })], []);
    expect(cleared).toMatchObject([{ status: "pending", rule: "policy.cleared" }]);
  });

  it("counts changes by outcome and keeps the first five names", () => {
    const many = Array.from({ length: 7 }, (_, i) => device({ id: `d${i}`, displayName: `PUMP-${i}` }));
    const tally = tallyChanges(emptyTally(), storedStatusChanges(many, [ventilatorsOnly()]));
    expect(tally).toMatchObject({ unauthorized: 7, pending: 0, authorized: 0 });
    expect(tally.names.unauthorized).toEqual(["PUMP-0", "PUMP-1", "PUMP-2", "PUMP-3", "PUMP-4"]);
  });
});
