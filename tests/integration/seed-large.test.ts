// npm run seed:large, small: 2,000 devices in the test database, then what the views need of it.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { gatherEvidence } from "@/lib/ingest/ingest-report";
import type { Observation } from "@/lib/domain/protocol/agent-report";
import { listDevices, parseInventoryParams } from "@/lib/queries/devices";
import { seedLarge, SeedRefused, type SeedSummary } from "@/lib/tools/seed/large-estate";

const DEVICES = 2000;
const now = new Date();
let summary: SeedSummary;

beforeAll(async () => {
  summary = await seedLarge(getDb(), { devices: DEVICES, seed: 11, now, historyDays: 90 });
}, 240_000);

describe("seed:large", () => {
  it("writes the asked number of devices with realistic proportions", async () => {
    const db = getDb();
    expect(summary.devices).toBe(DEVICES);
    expect(await db.device.count()).toBe(DEVICES);
    const share = async (where: object) => (await db.device.count({ where })) / DEVICES;
    expect(await share({ status: "unauthorized" })).toBeGreaterThan(0.008);
    expect(await share({ status: "unauthorized" })).toBeLessThan(0.035);
    expect(await share({ spoofSuspected: true })).toBeLessThan(0.012);
    expect(await share({ category: "infusion_pump" })).toBeGreaterThan(0.15);
    expect(await share({ category: "workstation" })).toBeGreaterThan(0.1);
    const alerts = (await db.alert.count()) / DEVICES;
    expect(alerts).toBeGreaterThan(0.03);
    expect(alerts).toBeLessThan(0.09);
    expect(await db.alert.count({ where: { status: "resolved", openKey: { not: null } } })).toBe(0);
    expect(await db.alert.count({ where: { count: { gt: 1 } } })).toBeGreaterThan(0);
    expect(await db.riskAcceptance.count()).toBeGreaterThan(0);
    expect(await db.riskAcceptance.count()).toBeLessThanOrEqual(200);
    expect(await db.site.count()).toBe(8);
    expect(await db.agent.count()).toBe(60);
    expect(await db.deviceVulnerability.count({ where: { status: "affected" } })).toBeGreaterThan(0);
    const observations = (await db.observation.count()) / DEVICES;
    expect(observations).toBeGreaterThan(2);
    expect(observations).toBeLessThan(4);
  });

  it("gives every device its identifiers, current fingerprint and a risk score (nothing left for the server to rescore)", async () => {
    const db = getDb();
    expect(await db.device.count({ where: { identifiers: { none: {} } } })).toBe(0);
    expect(await db.device.count({ where: { riskScores: { none: {} } } })).toBe(0);
    expect(await db.device.count({ where: { riskStale: true } })).toBe(0);
    expect(await db.device.count({ where: { currentFingerprintId: null } })).toBe(0);
    const sample = await db.device.findMany({ take: 50, select: { id: true, currentFingerprintId: true } });
    const fingerprints = await db.fingerprint.findMany({ where: { id: { in: sample.map((d) => d.currentFingerprintId!) } }, select: { deviceId: true, id: true } });
    expect(fingerprints.length).toBe(50);
    const changed = await db.fingerprint.count({ where: { verdict: "changed" } });
    expect(changed / DEVICES).toBeGreaterThan(0.01);
    expect(changed / DEVICES).toBeLessThan(0.06);
  });

  it("fills searchText exactly as ingestion does for the device's newest observation", async () => {
    const db = getDb();
    const devices = await db.device.findMany({ take: 40, orderBy: { id: "asc" }, select: { id: true, searchText: true, displayName: true, category: true } });
    for (const d of devices) {
      const o = await db.observation.findFirstOrThrow({ where: { deviceId: d.id }, orderBy: { observedAt: "desc" } });
      const observation = { observedAt: o.observedAt.toISOString(), channel: o.channel, claimed: o.claimed, physical: o.physical, network: o.network, software: o.software ?? undefined } as unknown as Observation;
      const evidence = gatherEvidence(observation, o.agentId);
      expect(d.searchText).toBe(evidence.searchText);
      expect(d.displayName).toBe(evidence.displayName);
      expect(d.category).toBe(evidence.category);
    }
  });

  it("writes 90 days of history with the tally's metric names", async () => {
    const db = getDb();
    const days = await db.dailyMetric.groupBy({ by: ["day"], where: { metric: "devices.total", dimension: "" } });
    expect(days.length).toBe(90);
    const names = new Set((await db.dailyMetric.findMany({ distinct: ["metric"], select: { metric: true } })).map((m) => m.metric));
    for (const m of ["devices.total", "devices.unauthorized", "devices.spoofed", "devices.tier.critical", "devices.kev", "devices.new", "devices.category", "devices.coverage", "alerts.open", "alerts.opened", "tally.refreshedAt"]) expect(names).toContain(m);
  });

  it("is found by the inventory and its search", async () => {
    const db = getDb();
    const first = await listDevices(parseInventoryParams({}));
    expect(first.devices.length).toBe(50);
    expect(first.nextCursor).toBeDefined();
    const d = await db.device.findFirstOrThrow({ where: { claimedHostname: { not: null }, claimedMac: { not: null } }, select: { id: true, claimedHostname: true, claimedMac: true } });
    const byName = await listDevices(parseInventoryParams({ q: d.claimedHostname!.toUpperCase() }));
    expect(byName.devices.map((x) => x.id)).toContain(d.id);
    const byMac = await listDevices(parseInventoryParams({ q: d.claimedMac!.replace(/:/g, "-").toUpperCase() }));
    expect(byMac.devices.map((x) => x.id)).toEqual([d.id]);
  });

  it("pages through the whole estate in every order, each device once, in order", async () => {
    for (const sort of ["risk", "lastSeen", "name", "firstSeen"]) {
      const seen: { id: string; riskScore: number; displayName: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDevices(parseInventoryParams({ sort, ...(cursor ? { cursor } : {}) }), 250);
        seen.push(...page.devices);
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen.map((d) => d.id)).size).toBe(DEVICES);
      expect(seen.length).toBe(DEVICES);
      if (sort === "risk") for (let i = 1; i < seen.length; i++) expect(seen[i].riskScore <= seen[i - 1].riskScore).toBe(true);
    }
  });

  it("refuses a second run without --append and writes nothing; with --append adds to the estate", async () => {
    const db = getDb();
    await expect(seedLarge(db, { devices: 10, now })).rejects.toBeInstanceOf(SeedRefused);
    expect(await db.device.count()).toBe(DEVICES);
    const more = await seedLarge(db, { devices: 100, append: true, seed: 12, now });
    expect(more.devices).toBeGreaterThan(0);
    expect(await db.device.count()).toBe(DEVICES + more.devices);
    expect(await db.device.count({ where: { riskStale: true } })).toBe(0);
    expect(await db.site.count()).toBe(8);
  });
});
