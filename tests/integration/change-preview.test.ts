// A firmware change plan's risk preview (issue 17), on real advisories: what the target version
// closes on each device and the score after, which must be the very score the risk refresh gives
// once the device really reports that version; and the advisories suggested with their fixed
// versions and the target that closes the most.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { refreshRisk } from "@/lib/jobs/risk-refresh";
import { importFeeds } from "@/lib/vulns/import";
import { previewChange, suggestAdvisories } from "@/lib/vulns/change-preview";
import { BUNDLED_FEEDS_DIR } from "@/lib/reference/bundled-feeds";
import { enrol, postReport, pump, report } from "./agent-api";

const db = () => getDb();
const csaf = (id: string) => ({ name: `${id}.json`, bytes: readFileSync(join(BUNDLED_FEEDS_DIR, "csaf", `${id}.json`)) });
const BD = { vendor: "BD", model: "Alaris PCU Model 8015" };
const ids: Record<string, string> = {};
let token = "";

/** One device reported by the agent, rescored; its id. */
async function device(n: number, claimed: Record<string, unknown>) {
  const base = pump(n);
  const hostname = `CHANGE-${n}`;
  const res = await postReport(token, report([{ ...base, claimed: { ...base.claimed, ...claimed, hostname, serialNumber: `CHANGE-SN-${n}` } }]));
  expect(res.status).toBe(202);
  await refreshRisk(db(), { trigger: "ingest" });
  return (await db().device.findFirstOrThrow({ where: { claimedHostname: hostname }, select: { id: true } })).id;
}
const stored = (id: string) => db().device.findUniqueOrThrow({ where: { id }, select: { riskScore: true } });
const cvesOf = async (id: string) => [...new Set((await db().deviceVulnerability.findMany({ where: { deviceId: id }, select: { vulnerabilityId: true } })).map((v) => v.vulnerabilityId))].sort();

beforeAll(async () => {
  await importFeeds(db(), [csaf("icsma-23-194-01"), csaf("icsma-21-187-01"), { name: "kev.json", bytes: readFileSync(join(BUNDLED_FEEDS_DIR, "kev", "known_exploited_vulnerabilities.json")) }], { actor: { system: "test" } });
  token = (await enrol()).token;
  ids.pumpA = await device(1, { ...BD, mac: "00:d0:75:20:00:01", firmwareVersion: "12.1.3" });
  ids.pumpB = await device(2, { ...BD, mac: "00:d0:75:20:00:02", firmwareVersion: "12.1.3" });
  ids.pumpDone = await device(3, { ...BD, mac: "00:d0:75:20:00:03", firmwareVersion: "12.1.4" });
  ids.pacs = await device(4, { mac: "00:1f:a0:20:00:04", vendor: "Philips", model: "Vue PACS", firmwareVersion: "12.2.1.0" });
}, 300_000);

describe("the preview of a firmware change", () => {
  it("closes every CVE of ICSMA-23-194-01 on the pumps at 12.1.3 and scores them as the refresh would", async () => {
    const matched = await cvesOf(ids.pumpA);
    expect(matched).toHaveLength(8);
    const preview = await previewChange(db(), [ids.pumpA, ids.pumpB, ids.pumpDone], "12.1.4");
    expect(preview.cvesClosed).toEqual(matched);
    const byId = new Map(preview.devices.map((d) => [d.deviceId, d]));
    for (const id of [ids.pumpA, ids.pumpB]) {
      // "Before" is the stored score: the preview runs the refresh's own matcher and model.
      expect(byId.get(id)).toMatchObject({ fromVersion: "12.1.3", riskBefore: (await stored(id)).riskScore, cvesClosed: matched, cvesRemaining: 0 });
      expect(byId.get(id)!.riskAfter).toBeLessThan(byId.get(id)!.riskBefore);
    }
    // Already on the target: nothing to close, nothing moves.
    const done = byId.get(ids.pumpDone)!;
    expect(done).toMatchObject({ fromVersion: "12.1.4", cvesClosed: [], cvesRemaining: 0, riskAfter: done.riskBefore });
    expect(preview.riskBefore).toBe(Math.max(...preview.devices.map((d) => d.riskBefore)));
    expect(preview.riskAfter).toBe(Math.max(...preview.devices.map((d) => d.riskAfter)));
    expect(preview.devices[0].riskBefore).toBe(preview.riskBefore);
  });

  it("gives as the score after exactly what the refresh computes once the device reports the target", async () => {
    const [before] = (await previewChange(db(), [ids.pumpB], "12.1.4")).devices;
    await device(2, { ...BD, mac: "00:d0:75:20:00:02", firmwareVersion: "12.1.4" });
    expect(await cvesOf(ids.pumpB)).toEqual([]);
    expect((await stored(ids.pumpB)).riskScore).toBe(before.riskAfter);
  });

  it("closes nothing with a target the advisory still covers, and leaves unknown devices out", async () => {
    const preview = await previewChange(db(), [ids.pumpA, "no-such-device"], "12.1.2");
    expect(preview.devices).toHaveLength(1);
    expect(preview.cvesClosed).toEqual([]);
    expect(preview.devices[0]).toMatchObject({ cvesRemaining: 8, riskAfter: preview.devices[0].riskBefore });
    expect(await previewChange(db(), [], "12.1.4")).toEqual({ devices: [], cvesClosed: [], riskBefore: 0, riskAfter: 0 });
  });

  it("closes on a Vue PACS only the CVEs the vendor's fixes name, keeping those with no shipped fix", async () => {
    expect(await cvesOf(ids.pacs)).toHaveLength(16);
    const [pacs] = (await previewChange(db(), [ids.pacs], "12.2.8.410")).devices;
    expect(pacs.cvesClosed).toHaveLength(12);
    expect(pacs.cvesClosed).toContain("CVE-2020-1938");
    expect(pacs.cvesClosed).not.toContain("CVE-2018-8014");
    expect(pacs.cvesRemaining).toBe(4);
  });
});

describe("suggested advisories and target", () => {
  it("lists the Vue PACS advisory with the versions its fixes give, and suggests the one that closes the most", async () => {
    const { advisories, suggestedTarget } = await suggestAdvisories(db(), [ids.pacs]);
    expect(advisories).toHaveLength(1);
    expect(advisories[0]).toMatchObject({ advisoryId: "ICSMA-21-187-01", devices: 1 });
    expect(advisories[0].title).toMatch(/Vue PACS/);
    expect(advisories[0].cves).toHaveLength(16);
    expect(advisories[0].fixedVersions).toEqual(["12.2.1.6", "12.2.8.0", "12.2.8.100"]);
    expect(suggestedTarget).toBe("12.2.8.100");
    const closed = (await previewChange(db(), [ids.pacs], suggestedTarget!)).cvesClosed;
    for (const lower of ["12.2.1.6", "12.2.8.0"]) expect((await previewChange(db(), [ids.pacs], lower)).cvesClosed.length).toBeLessThan(closed.length);
  });

  it("lists the pumps' advisory with no fixed version when none is stated, and suggests no target", async () => {
    const { advisories, suggestedTarget } = await suggestAdvisories(db(), [ids.pumpA, ids.pumpDone]);
    expect(advisories.map((a) => [a.advisoryId, a.devices, a.cves.length, a.fixedVersions])).toEqual([["ICSMA-23-194-01", 1, 8, []]]);
    expect(suggestedTarget).toBeNull();
  });

  it("counts the devices an advisory was matched on across a selection", async () => {
    const { advisories } = await suggestAdvisories(db(), [ids.pumpA, ids.pacs]);
    expect(advisories.map((a) => a.advisoryId).sort()).toEqual(["ICSMA-21-187-01", "ICSMA-23-194-01"]);
    expect(advisories.every((a) => a.devices === 1)).toBe(true);
  });
});
