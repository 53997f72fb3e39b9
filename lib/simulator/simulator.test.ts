import { describe, expect, it } from "vitest";
import { lookupOuiVendor } from "../reference/oui";
import { lookupUsbIds } from "../reference/usb-ids";
import { reportSchema } from "../ingest/schema";
import { NETWORK_MODELS, USB_MODELS } from "./catalog";
import { buildHospital, SCENARIOS } from "./hospital";
import { reportIssues } from "./protocol";
import { agentObservations, buildReports } from "./reports";

const now = new Date("2026-11-28T15:00:00Z");

describe("the simulated hospital", () => {
  it("is the same for the same seed, and another for another seed", () => {
    const a = buildHospital({ devices: 500, agents: 4, rogues: 4, seed: 7 });
    const b = buildHospital({ devices: 500, agents: 4, rogues: 4, seed: 7 });
    const c = buildHospital({ devices: 500, agents: 4, rogues: 4, seed: 8 });
    expect(JSON.stringify(buildReports(a, { agent: 1, round: 0, now }))).toBe(JSON.stringify(buildReports(b, { agent: 1, round: 0, now })));
    expect(JSON.stringify(buildReports(a, { agent: 1, round: 0, now }))).not.toBe(JSON.stringify(buildReports(c, { agent: 1, round: 0, now })));
  });

  it("has the asked number of devices, with unique MACs, mostly clinical", () => {
    const h = buildHospital({ devices: 5000, agents: 4 });
    expect(h.devices).toHaveLength(5000);
    const macs = h.devices.flatMap((d) => (d.kind === "network" ? [d.mac] : []));
    expect(new Set(macs).size).toBe(macs.length);
    const pumps = h.devices.filter((d) => d.kind === "network" && d.model.category === "infusion_pump").length;
    const imaging = h.devices.filter((d) => d.kind === "network" && d.model.category === "imaging").length;
    expect(pumps).toBeGreaterThan(imaging * 10);
  });

  it("uses real vendor prefixes and USB ids", () => {
    for (const model of NETWORK_MODELS) for (const oui of model.ouis) {
      const mac = `${oui.prefix.slice(0, 2)}:${oui.prefix.slice(2, 4)}:${oui.prefix.slice(4, 6)}:00:00:01`.toLowerCase();
      expect(lookupOuiVendor(mac)?.vendor, `${model.key} ${oui.prefix}`).toMatch(new RegExp(`^${oui.org}`, "i"));
    }
    for (const model of USB_MODELS) expect(lookupUsbIds(model.vendorId, model.productId), model.key).toEqual({ vendorName: model.usbIds.vendor, productName: model.usbIds.product });
  });

  it("posts reports that follow the protocol, checked by the agent's rules and by the server's own schema", () => {
    const h = buildHospital({ devices: 3000, agents: 3, rogues: 8 });
    for (const agent of h.agents) {
      for (const report of buildReports(h, { agent: agent.index, round: 2, now })) {
        expect(reportIssues(report)).toEqual([]);
        const parsed = reportSchema.safeParse(report);
        expect(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues.slice(0, 3))).toBe(true);
      }
    }
  });

  it("splits an agent's view into reports of at most 5000 observations, as deltas", () => {
    const h = buildHospital({ devices: 12000, agents: 1 });
    const reports = buildReports(h, { agent: 0, round: 0, now });
    expect(reports.map((r) => r.observations.length)).toEqual([5000, 5000, 2000]);
    expect(new Set(reports.map((r) => r.mode))).toEqual(new Set(["delta"]));
    expect(new Set(reports.map((r) => r.reportId)).size).toBe(3);
    const small = buildReports(buildHospital({ devices: 100, agents: 1 }), { agent: 0, round: 0, now });
    expect(small.map((r) => r.mode)).toEqual(["snapshot"]);
  });

  it("includes every attack scenario when asked, and none otherwise", () => {
    const withRogues = buildHospital({ devices: 400, agents: 2, rogues: 4 });
    expect(withRogues.rogues.map((r) => r.scenario).sort()).toEqual(Object.keys(SCENARIOS).sort());
    const observations = withRogues.agents.flatMap((a) => agentObservations(withRogues, a.index, now.toISOString(), 0));
    expect(observations.some((o) => (o.physical?.usb?.keystrokeRateCps ?? 0) > 500)).toBe(true);
    expect(observations.some((o) => o.claimed?.mac?.startsWith("b8:27:eb"))).toBe(true);
    const clone = withRogues.rogues.find((r) => r.scenario === "printer-clone")!;
    const sameMac = observations.filter((o) => o.claimed?.mac === clone.cloneOf!.mac);
    expect(new Set(sameMac.map((o) => o.physical?.ethernet?.switchPort)).size).toBe(2);
    const none = buildHospital({ devices: 400, agents: 2, rogues: 0 });
    expect(none.rogues).toEqual([]);
  });
});
