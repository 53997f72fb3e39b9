// A resolved alert opens again only when its condition recurs after the resolve, never from the
// same evidence (issue 20: "a resolved spoof alert reopened within a minute"). Through the real
// agent report route: the same finding on the same fingerprint stays resolved; the finding
// clearing and coming back, or a new finding, opens a new alert.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { handleMatchingAlerts, resolveAlerts } from "@/lib/commands/alert-handling";
import { enrol, postReport, report } from "./agent-api";

const db = () => getDb();
const analyst = { system: "test-analyst" };
/** A "keyboard": one HID interface, typing `rate` characters a second (over 20 is no person). */
const keyboard = (serial: string, rate: number, extraInterfaces: object[] = []) => ({
  observedAt: new Date().toISOString(),
  channel: "usb",
  claimed: { usb: { vendorId: "046d", productId: "c31c", serial, manufacturer: "Logitech", product: "USB Keyboard" } },
  physical: { usb: { port: "2-1", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, ...extraInterfaces], keystrokeRateCps: rate } },
});
const spoofs = (deviceId: string) => db().alert.findMany({ where: { deviceId, kind: "spoof" }, orderBy: { firstAt: "asc" } });
const deviceId = async (serial: string) => (await db().device.findFirstOrThrow({ where: { usbSerial: serial } })).id;

describe("a resolved alert and the evidence that raised it", () => {
  it("stays resolved while the same evidence is reported, and opens anew when the condition clears and recurs", async () => {
    const { token } = await enrol("host-reopen", "Reopen Campus");
    expect((await postReport(token, report([keyboard("KB-1", 950)]))).status).toBe(202);
    const id = await deviceId("KB-1");
    const [first] = await spoofs(id);
    expect(first).toMatchObject({ status: "open", evidenceKey: expect.stringMatching(/^rules=superhumanKeystrokeRate;fp=/) });

    await resolveAlerts(db(), [first.id], analyst, "the reader types fast: checked at the desk");
    const resolved = (await spoofs(id))[0];
    expect(resolved).toMatchObject({ status: "resolved", openKey: null, heldEvidence: `spoof:${id}|${first.evidenceKey}` });

    // The same report again, twice: no new alert, the resolved one left as it was.
    for (let i = 0; i < 2; i++) await postReport(token, report([keyboard("KB-1", 950)]));
    expect(await spoofs(id)).toEqual([resolved]);

    // The condition clears (a person's typing speed): nothing raised, the held evidence forgotten.
    await postReport(token, report([keyboard("KB-1", 8)]));
    expect(await spoofs(id)).toEqual([{ ...resolved, heldEvidence: null }]);

    // ...and recurs: that is a new alert.
    await postReport(token, report([keyboard("KB-1", 950)]));
    const after = await spoofs(id);
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ status: "open", evidenceKey: first.evidenceKey });
  });

  it("opens a new alert for a new finding, even right after a resolve", async () => {
    const { token } = await enrol("host-reopen-2", "Reopen Campus 2");
    await postReport(token, report([keyboard("KB-2", 950)]));
    const id = await deviceId("KB-2");
    await resolveAlerts(db(), (await spoofs(id)).map((a) => a.id), analyst);
    // Now it also hides a mass-storage interface: another rule (and another fingerprint).
    await postReport(token, report([keyboard("KB-2", 950, [{ class: 8, subclass: 6, protocol: 80, endpoints: 2 }])]));
    const after = await spoofs(id);
    expect(after).toHaveLength(2);
    expect(after[1].status).toBe("open");
    expect(after[1].evidenceKey).not.toBe(after[0].evidenceKey);
  });

  it("holds the evidence when resolved through 'all matching this filter' too", async () => {
    const { token } = await enrol("host-reopen-3", "Reopen Campus 3");
    await postReport(token, report([keyboard("KB-3", 950)]));
    const id = await deviceId("KB-3");
    const { changed } = await handleMatchingAlerts(db(), "resolve", { filter: { kind: "spoof", device: id }, expected: 1 }, analyst);
    expect(changed).toBe(1);
    await postReport(token, report([keyboard("KB-3", 950)]));
    expect((await spoofs(id)).map((a) => a.status)).toEqual(["resolved"]);
  });

  it("an alert that closed itself holds nothing: the condition coming back is a new alert", async () => {
    const { token } = await enrol("host-reopen-4", "Reopen Campus 4");
    await postReport(token, report([keyboard("KB-4", 950)]));
    const id = await deviceId("KB-4");
    // Closed by the system (no person), as resolveCleared does.
    await db().alert.updateMany({ where: { deviceId: id, kind: "spoof" }, data: { status: "resolved", resolvedAt: new Date(), resolvedReason: "condition cleared: test", openKey: null } });
    await postReport(token, report([keyboard("KB-4", 950)]));
    expect((await spoofs(id)).map((a) => a.status)).toEqual(["resolved", "open"]);
  });
});
