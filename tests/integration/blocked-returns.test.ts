// A blocked device returning under a new claimed identity, inside a fleet that shares its physical
// fingerprint (lib/ingest/blocked-devices.ts): the check is driven from the blocked devices'
// partial index, and still finds the right one.
import { describe, expect, it } from "vitest";
import { getDb, providerOf } from "@/lib/db/client";
import { decideDevices } from "@/lib/commands/device-decisions";
import { BLOCKED_BY_FINGERPRINT } from "@/lib/ingest/blocked-devices";
import { enrol, postReport, report } from "./agent-api";

const soc = { system: "test-soc" };

/** One model of keyboard: every unit has the same physical fingerprint, only its serial differs. */
const keyboard = (serial: string) => ({
  observedAt: new Date().toISOString(),
  channel: "usb",
  claimed: { usb: { vendorId: "413c", productId: "2113", serial, manufacturer: "Dell", product: "KB216 Wired Keyboard" } },
  physical: { usb: { port: "1-5", speed: "full", bcdUSB: "2.00", bcdDevice: "1.08", deviceClass: 0, maxPowerMa: 100, interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }], hidReportDescriptorSha256: "4e1d77a0".repeat(8) } },
});

const bySerial = (usbSerial: string) => getDb().device.findFirstOrThrow({ where: { usbSerial } });

describe("a blocked device returning inside a fleet of its model", () => {
  it("names the blocked unit seen last, and forgets a unit once a person unblocks it", async () => {
    const { token } = await enrol("host-ward-kiosks", "Fleet Return Campus");
    await postReport(token, report(Array.from({ length: 30 }, (_, i) => keyboard(`KB-${i}`))));
    const fleet = await getDb().fingerprint.findMany({ where: { device: { usbSerial: { startsWith: "KB-" } } }, select: { deviceId: true, hash: true } });
    expect(new Set(fleet.map((f) => f.deviceId)).size).toBe(30);
    expect(new Set(fleet.map((f) => f.hash)).size).toBe(1);

    const [older, newer] = [await bySerial("KB-3"), await bySerial("KB-7")];
    await decideDevices(getDb(), [older.id, newer.id], { decision: "block", reason: "found with a keystroke injector inside" }, soc);
    // KB-7 is seen again after KB-3: it is the blocked unit a returning one is most likely to be.
    await postReport(token, report([keyboard("KB-7")]));

    await postReport(token, report([keyboard("KB-NEW-1")]));
    const back = await bySerial("KB-NEW-1");
    expect(back).toMatchObject({ status: "unauthorized", statusRule: "blocked.fingerprint" });
    expect(back.statusReason).toBe(`same physical fingerprint as ${newer.displayName}, which a person blocked: it came back under another claimed identity`);

    await decideDevices(getDb(), [older.id, newer.id], { decision: "approve", reason: "the injector was another unit; these are clean" }, soc);
    await postReport(token, report([keyboard("KB-NEW-2")]));
    expect((await bySerial("KB-NEW-2")).statusRule).not.toBe("blocked.fingerprint");
    expect(await getDb().alert.count({ where: { device: { usbSerial: "KB-NEW-2" }, kind: "blocked_returned" } })).toBe(0);
  });

  it("reads the blocked devices through their partial index, not the fleet through the fingerprint hash", async () => {
    const db = getDb();
    const hash = "0".repeat(64);
    let plan: string;
    if (providerOf(db) === "sqlite") {
      const rows = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${BLOCKED_BY_FINGERPRINT.sqlite}`, JSON.stringify([hash]));
      plan = rows.map((r) => r.detail).join("\n");
    } else {
      // The test's tables are small enough that PostgreSQL would read them whole; without that
      // option it chooses among the indexes, as it does at a hospital's size.
      plan = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${BLOCKED_BY_FINGERPRINT.postgresql}`, [hash]);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    }
    expect(plan).toContain("Device_blocked_idx");
    expect(plan).not.toContain("Fingerprint_hash_idx");
  });
});
