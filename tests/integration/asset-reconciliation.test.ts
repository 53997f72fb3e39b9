// Issue 16, reconciliation: register entries linked with devices by the strongest shared key,
// each state (reconciled, mismatched with each field named, missing by never-linked and by N
// days, not_network, retired) and shadow devices, a person's link, unlink and "not a network
// device" (audited), and the incremental pass after an agent report, on both databases.
import { beforeEach, describe, expect, it } from "vitest";
import { clearNotNetworkDevice, linkAsset, markNotNetworkDevice, setMissingAfterDays, unlinkAsset } from "@/lib/commands/asset-links";
import { getDb } from "@/lib/db/client";
import { assetKeysOf } from "@/lib/domain/assets/asset-keys";
import { reconcileChangedDevices, reconcileRegister } from "@/lib/jobs/asset-reconciliation";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const db = () => getDb();
let PERSON = { id: "", email: "" };
const DAY = 86_400_000;
let n = 0;

type EntryInput = { assetTag: string; serial?: string; mac?: string; hostname?: string; ip?: string; manufacturer?: string; model?: string; location?: string; department?: string; extra?: object; retired?: boolean };

async function source(name = `CMMS ${++n}`) {
  return db().assetSource.create({ data: { name } });
}

async function entry(sourceId: string, e: EntryInput) {
  return db().asset.create({
    data: { sourceId, assetTag: e.assetTag, ...assetKeysOf(e), serial: e.serial, hostname: e.hostname, ip: e.ip, manufacturer: e.manufacturer, model: e.model, location: e.location, department: e.department, extra: e.extra, retiredAt: e.retired ? new Date() : null },
  });
}

async function device(d: { name: string; mac?: string; serial?: string; vendor?: string; hostname?: string; ip?: string; model?: string; firmware?: string; location?: string; department?: string; seenDaysAgo?: number; status?: string }) {
  return db().device.create({
    data: {
      displayName: d.name, claimedMac: d.mac, claimedSerial: d.serial, vendor: d.vendor, claimedHostname: d.hostname, claimedIp: d.ip, model: d.model, firmwareVersion: d.firmware,
      location: d.location, department: d.department, lastSeenAt: new Date(Date.now() - (d.seenDaysAgo ?? 0) * DAY), status: d.status ?? "pending",
    },
  });
}

const stored = (id: string) => db().asset.findUniqueOrThrow({ where: { id } });
const assetIdOf = async (id: string) => (await db().deviceRegisterLink.findUnique({ where: { deviceId: id } }))?.assetId ?? null;

beforeEach(async () => {
  if (!PERSON.id) {
    const user = await makeUser("engineer");
    PERSON = { id: user.id, email: user.email };
  }
  await db().assetLinkRefusal.deleteMany();
  await db().asset.deleteMany();
  await db().assetSource.deleteMany();
  await db().setting.deleteMany({ where: { key: { startsWith: "assets." } } });
});

describe("each key links, with its confidence", () => {
  it("serial with manufacturer, MAC, asset tag in a hostname, hostname and IP", async () => {
    const s = await source();
    const dSerial = await device({ name: "pump-a", serial: "SN-0001", vendor: "Baxter Healthcare" });
    const dMac = await device({ name: "pump-b", mac: "00:09:fb:00:10:01" });
    const dTag = await device({ name: "pump-c", hostname: "icu-pump-AT004512.hosp.local" });
    const dHost = await device({ name: "pacs", hostname: "PACS01.hosp.local" });
    const dIp = await device({ name: "printer", ip: "10.9.9.9" });
    const eSerial = await entry(s.id, { assetTag: "A-1", serial: "s/n sn0001", manufacturer: "Baxter" });
    const eMac = await entry(s.id, { assetTag: "A-2", mac: "0009.FB00.1001" });
    const eTag = await entry(s.id, { assetTag: "AT004512" });
    const eHost = await entry(s.id, { assetTag: "A-4", hostname: "pacs01" });
    const eIp = await entry(s.id, { assetTag: "A-5", ip: "10.9.9.9" });
    const summary = await reconcileRegister(db());
    expect(summary).toMatchObject({ entries: 5, linked: 5, reconciled: 5, missing: 0 });
    const expected: [string, string, string, string][] = [[eSerial.id, dSerial.id, "serial", "high"], [eMac.id, dMac.id, "mac", "high"], [eTag.id, dTag.id, "asset_tag", "medium"], [eHost.id, dHost.id, "hostname", "medium"], [eIp.id, dIp.id, "ip", "low"]];
    for (const [assetId, deviceId, key, confidence] of expected) {
      expect(await stored(assetId)).toMatchObject({ deviceId, linkKey: key, linkConfidence: confidence, state: "reconciled" });
      expect(await assetIdOf(deviceId)).toBe(assetId);
    }
  });

  it("the stronger key wins a device two entries of one source claim; the other stays missing", async () => {
    const s = await source();
    const d = await device({ name: "mon", mac: "00:09:fb:00:20:01", ip: "10.1.1.1" });
    const byMac = await entry(s.id, { assetTag: "M-1", mac: "00:09:fb:00:20:01" });
    const byIp = await entry(s.id, { assetTag: "M-2", ip: "10.1.1.1" });
    await reconcileRegister(db());
    expect((await stored(byMac.id)).deviceId).toBe(d.id);
    expect(await stored(byIp.id)).toMatchObject({ deviceId: null, state: "missing" });
  });
});

describe("states", () => {
  it("mismatched names each field; missing by never linked and by N days; not_network; retired; shadow", async () => {
    const s = await source();
    const dMis = await device({ name: "alaris", mac: "00:09:fb:00:30:01", model: "Alaris 8015", firmware: "12.1", location: "ICU Bed 4", department: "ICU" });
    const dOld = await device({ name: "old", mac: "00:09:fb:00:30:02", seenDaysAgo: 40 });
    const shadow = await device({ name: "shadow", mac: "00:09:fb:00:30:03" });
    const mis = await entry(s.id, { assetTag: "S-1", mac: "00:09:fb:00:30:01", model: "alaris 8100", location: "ED Bay 2", department: "icu", extra: { Firmware: "12.0" } });
    const never = await entry(s.id, { assetTag: "S-2", mac: "00:09:fb:99:99:99" });
    const silent = await entry(s.id, { assetTag: "S-3", mac: "00:09:fb:00:30:02" });
    const retired = await entry(s.id, { assetTag: "S-4", mac: "00:09:fb:00:30:03", retired: true });
    const notNet = await entry(s.id, { assetTag: "S-5" });
    await markNotNetworkDevice(db(), { assetId: notNet.id, reason: "a bed" }, PERSON);
    const summary = await reconcileRegister(db());
    expect(summary).toMatchObject({ entries: 5, mismatched: 1, missing: 2, retired: 1, notNetwork: 1, reconciled: 0 });
    const m = await stored(mis.id);
    expect(m).toMatchObject({ state: "mismatched", deviceId: dMis.id });
    expect(m.mismatches).toEqual([
      { field: "model", register: "alaris 8100", network: "Alaris 8015" },
      { field: "firmware", register: "12.0", network: "12.1" },
      { field: "location", register: "ED Bay 2", network: "ICU Bed 4" },
    ]);
    expect(await stored(never.id)).toMatchObject({ state: "missing", deviceId: null });
    expect(await stored(silent.id)).toMatchObject({ state: "missing", deviceId: dOld.id });
    expect(await stored(retired.id)).toMatchObject({ state: "retired", deviceId: null });
    expect((await stored(notNet.id)).state).toBe("not_network");
    expect(await assetIdOf(shadow.id)).toBeNull();
    expect(summary.shadow).toBe(await db().device.count({ where: { registerLink: { is: null }, status: { not: "retired" } } }));

    // N days is a setting: at 60 days the silent device's entry is reconciled again.
    await setMissingAfterDays(db(), 60, PERSON);
    expect((await stored(silent.id)).state).toBe("reconciled");
    await expect(setMissingAfterDays(db(), 0, PERSON)).rejects.toMatchObject({ status: 400 });
    await expect(setMissingAfterDays(db(), "x", PERSON)).rejects.toMatchObject({ status: 400 });
    expect(await db().setting.findUnique({ where: { key: "assets.missingAfterDays" } })).toMatchObject({ value: "60" });

    await clearNotNetworkDevice(db(), { assetId: notNet.id }, PERSON);
    expect((await stored(notNet.id)).state).toBe("missing");
  });
});

describe("a person's links", () => {
  it("a manual link survives a full pass; an unlink is refused for good; each is audited", async () => {
    const s = await source();
    const byMac = await device({ name: "ventilator", mac: "00:09:fb:00:40:01" });
    const other = await device({ name: "other", hostname: "vent-07" });
    const e = await entry(s.id, { assetTag: "V-7", mac: "00:09:fb:00:40:01" });
    await reconcileRegister(db());
    expect((await stored(e.id)).deviceId).toBe(byMac.id);

    await unlinkAsset(db(), { assetId: e.id, reason: "a loaner with the same MAC" }, PERSON);
    expect(await db().assetLinkRefusal.count({ where: { assetId: e.id, deviceId: byMac.id } })).toBe(1);
    await reconcileRegister(db());
    expect(await stored(e.id)).toMatchObject({ deviceId: null, state: "missing" });
    expect(await assetIdOf(byMac.id)).toBeNull();

    await linkAsset(db(), { assetId: e.id, deviceId: other.id }, PERSON);
    await reconcileRegister(db());
    expect(await stored(e.id)).toMatchObject({ deviceId: other.id, linkKey: "manual", linkedBy: PERSON.email, state: "reconciled" });
    expect(await assetIdOf(other.id)).toBe(e.id);

    await markNotNetworkDevice(db(), { assetId: e.id, reason: "kept in a cupboard" }, PERSON);
    expect(await stored(e.id)).toMatchObject({ state: "not_network", deviceId: other.id, notNetworkReason: "kept in a cupboard" });
    const actions = await db().auditLog.findMany({ where: { targetId: e.id }, orderBy: { at: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["asset.unlink", "asset.link", "asset.not_network"]);
    expect(actions.every((a) => a.actorId === PERSON.id)).toBe(true);
  });

  it("answers 404 for an unknown entry or device and 400 for bad input, changing nothing", async () => {
    const s = await source();
    const e = await entry(s.id, { assetTag: "Q-1" });
    const d = await device({ name: "q" });
    await expect(linkAsset(db(), { assetId: "nope", deviceId: d.id }, PERSON)).rejects.toMatchObject({ status: 404 });
    await expect(linkAsset(db(), { assetId: e.id, deviceId: "nope" }, PERSON)).rejects.toMatchObject({ status: 404 });
    await expect(linkAsset(db(), { assetId: e.id, deviceId: "x".repeat(65) }, PERSON)).rejects.toMatchObject({ status: 400 });
    await expect(unlinkAsset(db(), { assetId: e.id }, PERSON)).rejects.toMatchObject({ status: 400 });
    await expect(markNotNetworkDevice(db(), { assetId: e.id, reason: " " }, PERSON)).rejects.toMatchObject({ status: 400 });
    expect(await stored(e.id)).toMatchObject({ deviceId: null, notNetworkAt: null });
    expect(await db().auditLog.count({ where: { targetId: e.id } })).toBe(0);
  });
});

describe("the incremental pass", () => {
  it("links an entry once an agent reports its device", async () => {
    const s = await source();
    const e = await entry(s.id, { assetTag: "INF-77", mac: "58:42:e4:00:4e:77", manufacturer: "Baxter", model: "Sigma Spectrum" });
    await reconcileRegister(db());
    expect((await stored(e.id)).state).toBe("missing");
    const agent = await enrol();
    const res = await postReport(agent.token, report([pump(0x4e77)]));
    expect(res.status).toBe(202);
    const changed = await reconcileChangedDevices(db());
    expect(changed.devices).toBeGreaterThanOrEqual(1);
    const d = await db().device.findFirstOrThrow({ where: { claimedMac: "58:42:e4:00:4e:77" } });
    expect(await stored(e.id)).toMatchObject({ deviceId: d.id, state: "reconciled" });
    expect(await assetIdOf(d.id)).toBe(e.id);
    // Nothing new: the next pass changes nothing.
    expect((await reconcileChangedDevices(db())).changed).toBe(0);
  });

  it("turns an entry missing once its device's silence passes N days, with no full pass", async () => {
    const s = await source();
    const d = await device({ name: "quiet", mac: "00:09:fb:00:50:01", seenDaysAgo: 29 });
    const e = await entry(s.id, { assetTag: "Q-29", mac: "00:09:fb:00:50:01" });
    await reconcileRegister(db());
    expect((await stored(e.id)).state).toBe("reconciled");
    await reconcileChangedDevices(db(), new Date(Date.now() + 2 * DAY));
    expect(await stored(e.id)).toMatchObject({ state: "missing", deviceId: d.id });
  });
});
