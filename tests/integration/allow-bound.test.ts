// Allow-list entries bound to a physical fingerprint (issue 14): the real keyboard is authorized,
// an injector forging its ids, serial included, is not, and the reason names the field that
// differs. The same through Settings → Policies' "allow exactly this device" (prefilled from the
// device, saved through the real server action), and baselines that name a fingerprint by the
// short id a device page shows.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { exactlyThisDevice } from "@/components/settings/policy-words";
import { createPolicy } from "@/lib/commands/policy-editing";
import { getDb } from "@/lib/db/client";
import { fingerprintAttributes, fingerprintHash } from "@/lib/domain/identity/fingerprint";
import { getExactDevice } from "@/lib/queries/policies";
import { enrol, postReport, pump, report } from "./agent-api";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { allowExactlyAction, createPolicyAction } = await import("@/app/(dashboard)/settings/policies/actions");

const DESCRIPTOR = "9f2c0d5b".repeat(8);
const KEYBOARD_INTERFACES = [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }];
const INJECTOR_INTERFACES = [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }];

function keyboard(serial: string, interfaces = KEYBOARD_INTERFACES, port = "1-4") {
  return {
    observedAt: new Date().toISOString(),
    channel: "usb",
    claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial } },
    physical: { usb: { port, speed: "full", bcdUSB: "2.00", deviceClass: 0, maxPowerMa: 100, interfaces, hidReportDescriptorSha256: DESCRIPTOR } },
  };
}

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) data.append(k, item);
  return data;
};
const deviceBySerial = (serial: string) => getDb().device.findFirstOrThrow({ where: { usbSerial: serial } });
const written = async () => ({ policies: await getDb().policy.count(), audit: await getDb().auditLog.count() });
const INTERFACES_DIFFER = "USB 046d:c31c is allow-listed only with interfaces 03.01.01.01; this one has 03.01.01.01,08.06.50.02";

async function siteWithAgent(name: string) {
  const { token } = await enrol(`host-${name.toLowerCase().replace(/\W+/g, "-")}`, name);
  const site = await getDb().site.findUniqueOrThrow({ where: { name } });
  return { token, siteId: site.id };
}

/** The prefilled "allow exactly" form of a device page's link, as the policies page builds it. */
async function prefilled(deviceId: string) {
  const device = await getExactDevice(deviceId);
  const values = device && exactlyThisDevice(device);
  if (!values) throw new Error("nothing to prefill");
  return values;
}

beforeAll(async () => {
  const analyst = await makeUser("analyst");
  session.current = { user: { id: analyst.id, email: analyst.email, role: "analyst" } };
});

describe("an allow-list entry bound to the real keyboard's physical fingerprint", () => {
  it("authorizes the keyboard, and not an injector with the same VID:PID and serial but a hidden mass-storage interface", async () => {
    const { token, siteId } = await siteWithAgent("Bound Campus");
    const fingerprint = fingerprintHash(fingerprintAttributes(keyboard("K-1").physical));
    const entry = { vendorId: "046d", productId: "c31c", serial: "K-1", interfaces: "03.01.01.01", hidReportDescriptorSha256: DESCRIPTOR, fingerprint };
    await createPolicy(getDb(), { kind: "usb_allow", name: "Kiosk keyboards", siteId, rules: { entries: [entry] } }, { system: "test" });

    await postReport(token, report([keyboard("K-1")]));
    expect(await deviceBySerial("K-1")).toMatchObject({ status: "authorized", statusRule: "usb.allow_list", statusReason: "USB 046d:c31c with this physical fingerprint is on the allow-list" });

    // The same claimed identity, serial included: only the measurements tell them apart.
    await postReport(token, report([keyboard("K-1", INJECTOR_INTERFACES, "1-6")]));
    const forged = await deviceBySerial("K-1");
    expect(forged).toMatchObject({ status: "unauthorized", statusRule: "usb.allow_list", statusReason: `Kiosk keyboards: ${INTERFACES_DIFFER}` });
    expect(await getDb().alert.count({ where: { deviceId: forged.id, kind: "unauthorized", status: "open" } })).toBe(1);
  });

  it("an unbound entry for the same ids would have let the injector's ids through: the binding is what refuses it", async () => {
    const { token, siteId } = await siteWithAgent("Unbound Campus");
    await createPolicy(getDb(), { kind: "usb_allow", name: "Loose keyboards", siteId, rules: { entries: [{ vendorId: "046d", productId: "c31c", serial: "K-3" }] } }, { system: "test" });
    await postReport(token, report([keyboard("K-3", INJECTOR_INTERFACES)]));
    // Still unauthorized, but by the spoof rule, not by the allow-list.
    expect(await deviceBySerial("K-3")).toMatchObject({ status: "unauthorized", statusRule: "spoof.suspected" });
  });
});

describe("allow exactly this device, through the policy form's server action", () => {
  it("prefills a bound entry on the device's site; saving creates the policy (audited); the keyboard is authorized, the injector not", async () => {
    const { token, siteId } = await siteWithAgent("Exact Campus");
    await postReport(token, report([keyboard("K-7")]));
    const device = await deviceBySerial("K-7");
    expect(device.status).toBe("pending");
    const current = await getDb().fingerprint.findUniqueOrThrow({ where: { id: device.currentFingerprintId! } });

    const values = await prefilled(device.id);
    expect(values).toMatchObject({ kind: "usb_allow", scope: `site:${siteId}`, entries: `046d:c31c:K-7 interfaces=03.01.01.01 hid=${DESCRIPTOR} fingerprint=${current.hash.slice(0, 16)}` });
    const result = await allowExactlyAction(null, form({ addTo: "", kind: values.kind, name: values.name, scope: values.scope, entries: values.entries }));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("created") });
    const policy = await getDb().policy.findFirstOrThrow({ where: { siteId } });
    expect(policy.rules).toEqual({ entries: [{ vendorId: "046d", productId: "c31c", serial: "K-7", interfaces: "03.01.01.01", hidReportDescriptorSha256: DESCRIPTOR, fingerprint: current.hash }] });
    expect(await getDb().auditLog.count({ where: { targetId: policy.id, action: "policy.create" } })).toBe(1);

    await postReport(token, report([keyboard("K-7")]));
    expect(await deviceBySerial("K-7")).toMatchObject({ status: "authorized", statusReason: "USB 046d:c31c with this physical fingerprint is on the allow-list" });
    await postReport(token, report([keyboard("K-7", INJECTOR_INTERFACES)]));
    expect(await deviceBySerial("K-7")).toMatchObject({ status: "unauthorized", statusReason: `${policy.name}: ${INTERFACES_DIFFER}` });
  });

  it("adds the entry to the policy the person chose, keeping its name, scope and other entries; audited as an update", async () => {
    const { token, siteId } = await siteWithAgent("Ward Campus");
    const ward = await createPolicy(getDb(), { kind: "usb_allow", name: "Ward devices", siteId, rules: { entries: [{ vendorId: "0781", productId: "5581" }] } }, { system: "test" });
    await postReport(token, report([keyboard("K-8")]));
    const values = await prefilled((await deviceBySerial("K-8")).id);
    const result = await allowExactlyAction(null, form({ addTo: ward.id, kind: values.kind, entries: values.entries }));
    expect(result).toMatchObject({ ok: true, message: 'Added to policy "Ward devices". Its devices are being re-evaluated now: see the progress above the list.' });
    const after = await getDb().policy.findUniqueOrThrow({ where: { id: ward.id } });
    expect(after).toMatchObject({ name: "Ward devices", siteId });
    expect((after.rules as { entries: { vendorId: string; serial?: string }[] }).entries.map((e) => `${e.vendorId}:${e.serial ?? ""}`)).toEqual(["0781:", "046d:K-8"]);
    expect(await getDb().auditLog.count({ where: { targetId: ward.id, action: "policy.update" } })).toBe(1);
    // Saved twice, the entry is not listed twice.
    await allowExactlyAction(null, form({ addTo: ward.id, kind: values.kind, entries: values.entries }));
    expect(((await getDb().policy.findUniqueOrThrow({ where: { id: ward.id } })).rules as { entries: unknown[] }).entries).toHaveLength(2);
    await postReport(token, report([keyboard("K-8")]));
    expect(await deviceBySerial("K-8")).toMatchObject({ status: "authorized" });
  });

  it("refuses a policy of another kind, a short fingerprint id that names nothing, and anyone who may not manage policies; writes nothing", async () => {
    const baseline = await createPolicy(getDb(), { kind: "baseline", name: "Some baseline", rules: { categories: ["infusion_pump"] } }, { system: "test" });
    const engineer = await makeUser("engineer");
    const before = await written();
    expect(await allowExactlyAction(null, form({ addTo: baseline.id, kind: "usb_allow", entries: "046d:c31c" }))).toMatchObject({ ok: false, fieldErrors: { addTo: "A policy of another kind." } });
    expect(await allowExactlyAction(null, form({ addTo: "", kind: "usb_allow", name: "Nope", entries: "0781:5581\n046d:c31c fingerprint=00000000deadbeef" }))).toMatchObject({
      ok: false, fieldErrors: { entries: "Line 2: fingerprint id 00000000deadbeef is no device's physical fingerprint" },
    });
    const saved = session.current;
    session.current = { user: { id: engineer.id, email: engineer.email, role: "engineer" } };
    expect(await allowExactlyAction(null, form({ addTo: "", kind: "usb_allow", name: "Sneaky", entries: "046d:c31c" }))).toEqual({ ok: false, message: "Your role does not allow this.", fieldErrors: {} });
    session.current = saved;
    expect(await written()).toEqual(before);
  });
});

describe("baselines that name a fingerprint by the id the device page shows", () => {
  it("a network device's prefill is a baseline fingerprint; a 16-character id is saved as the full hash it names", async () => {
    const { token, siteId } = await siteWithAgent("Pump Campus");
    await postReport(token, report([pump(901)]));
    const device = await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-901" } });
    const { hash } = await getDb().fingerprint.findUniqueOrThrow({ where: { id: device.currentFingerprintId! } });
    expect(await prefilled(device.id)).toMatchObject({ kind: "baseline", scope: `site:${siteId}`, fingerprints: hash.slice(0, 16), entries: "" });

    expect(await createPolicyAction(null, form({ kind: "baseline", name: "Pinned pumps", scope: `segment:${device.segmentId}`, fingerprints: hash.slice(0, 16).toUpperCase() }))).toMatchObject({ ok: true });
    expect((await getDb().policy.findFirstOrThrow({ where: { name: "Pinned pumps" } })).rules).toEqual({ fingerprints: [hash] });
    await postReport(token, report([pump(901)]));
    expect((await getDb().device.findUniqueOrThrow({ where: { id: device.id } })).status).toBe("pending");
    // Another pump of the same model, with another network stack: another physical fingerprint.
    await postReport(token, report([pump(902, { physical: { ethernet: { switchPort: "sw-icu-2/Gi1/0/9", linkSpeedMbps: 1000, duplex: "full", dhcpFingerprint: "1,3,6", ttl: 128, tcpSignature: "4:128+0:0:1460:mss*20,8:mss,nop,ws:df,id+:0" } } })]));
    expect(await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-902" } })).toMatchObject({ status: "unauthorized", statusRule: "baseline.fingerprint" });
  });

  it("refuses a short id that starts more than one fingerprint, or none, naming the line; writes nothing", async () => {
    const device = await getDb().device.findFirstOrThrow({ where: { claimedHostname: "INFUSION-4N-901" } });
    const at = new Date();
    for (const tail of ["aa", "bb"]) {
      await getDb().fingerprint.create({ data: { deviceId: device.id, hash: `feedfacecafebeef${tail.repeat(24)}`, attributes: {}, channel: "ethernet", verdict: "changed", firstSeenAt: at, lastSeenAt: at } });
    }
    const before = await written();
    expect(await createPolicyAction(null, form({ kind: "baseline", name: "Ambiguous", fingerprints: "\nfeedfacecafebeef" }))).toMatchObject({
      ok: false, message: "The policy is not valid.", fieldErrors: { fingerprints: "Line 2: fingerprint id feedfacecafebeef starts more than one physical fingerprint: write the full 64-character hash" },
    });
    expect(await createPolicyAction(null, form({ kind: "baseline", name: "Unknown", fingerprints: "0000000000000000" }))).toMatchObject({ ok: false, fieldErrors: { fingerprints: "Line 1: fingerprint id 0000000000000000 is no device's physical fingerprint" } });
    expect(await written()).toEqual(before);
  });
});
