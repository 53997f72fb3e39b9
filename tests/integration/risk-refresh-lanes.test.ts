// The risk refresh in small batches: on PostgreSQL two run side by side (lib/jobs/risk-refresh.ts),
// both writing the fleet's shared reasons and breakdowns. The outcome must be the one a single
// batch computes: every device scored once, no match twice, nothing left stale. In an operator's
// full recompute on PostgreSQL the shared rows are committed before their batch (so the other lane
// need not wait for it): a batch that fails leaves them, unused, and nothing else. Elsewhere (a
// server's passes, whose pool the agents' reports share) they stay in the batch.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, providerOf } from "@/lib/db/client";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { importFeeds } from "@/lib/vulns/import";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();
const FLEET = Array.from({ length: 40 }, (_, i) => 9000 + i);

beforeAll(async () => {
  const csaf = ["icsma-20-170-04.json", "icsma-22-251-01.json"].map((name) => ({ name, bytes: readFileSync(join(BUNDLED_FEEDS_DIR, "csaf", name)) }));
  await importFeeds(db(), csaf, { actor: { system: "test" } });
  const agent = await enrol();
  // Two firmware versions and two segments: a few distinct breakdowns, each shared by many devices.
  const observations = FLEET.map((n) => {
    const base = pump(n);
    return { ...base, claimed: { ...base.claimed, firmwareVersion: n % 2 ? "8.00.01" : "9.02" }, network: { ...base.network, segment: n % 3 ? "ICU-VLAN-20" : "GUEST-WIFI" } };
  });
  expect((await postReport(agent.token, report(observations))).status).toBe(202);
}, 60_000);

/** Every insert into RiskScore fails: a batch fails after its shared rows, before it commits. */
async function refuseScores(refuse: boolean) {
  const postgres = providerOf(db()) === "postgresql";
  if (!refuse) return void (await db().$executeRawUnsafe(`DROP TRIGGER test_refuse_score${postgres ? ' ON "RiskScore"' : ""}`));
  if (postgres) {
    await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_refuse_score() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse_score BEFORE INSERT ON "RiskScore" FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_score()`);
  } else {
    await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse_score BEFORE INSERT ON "RiskScore" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
  }
}

describe("risk refresh in concurrent batches", () => {
  it("a failed batch writes nothing of its own; in a full recompute on PostgreSQL the shared rows it committed first stay, unused", async () => {
    const failing = async (trigger: "feed" | "full") => {
      await refuseScores(true);
      try {
        await expect(refreshRisk(db(), { trigger, all: true, batchSize: 3 })).rejects.toThrow(/refused by the test/);
      } finally {
        await refuseScores(false);
      }
      expect(await db().riskScore.count()).toBe(0);
      expect(await db().deviceVulnerability.count()).toBe(0);
      expect(await db().device.count({ where: { riskStale: true } })).toBe(FLEET.length);
      return [await db().matchReason.count(), await db().riskBreakdown.count()];
    };
    // A feed's rescoring runs side by side too, but keeps the shared rows in its batches.
    expect(await failing("feed")).toEqual([0, 0]);
    const shared = await failing("full");
    if (providerOf(db()) === "postgresql") expect(shared.every((n) => n > 0)).toBe(true);
    else expect(shared).toEqual([0, 0]);
  });

  it("scores every device once, as one batch would, and leaves none stale", async () => {
    const summary = await refreshRisk(db(), { trigger: "full", all: true, batchSize: 3 });
    expect(summary.devices).toBe(FLEET.length);
    expect(await db().device.count({ where: { riskStale: true } })).toBe(0);
    const scores = await db().riskScore.groupBy({ by: ["deviceId"], _count: { _all: true } });
    expect(scores).toHaveLength(FLEET.length);
    expect(scores.every((s) => s._count._all === 1)).toBe(true);
    expect(await db().deviceVulnerability.count()).toBe(summary.matches);
    expect(summary.matches).toBeGreaterThan(FLEET.length);
    // A fleet shares its rows: far fewer breakdowns than devices.
    expect(await db().riskBreakdown.count()).toBeLessThan(10);

    // One batch over the same devices finds every stored result already right.
    const single = await refreshRisk(db(), { trigger: "full", all: true, batchSize: 1000 });
    expect(single).toMatchObject({ devices: FLEET.length, rescored: 0, matches: summary.matches });
    expect(await db().riskScore.count()).toBe(FLEET.length);
    expect(await db().deviceVulnerability.count()).toBe(summary.matches);
  });
});
