import { readFile, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalInterfaces } from "../../lib/domain/identity/fingerprint";
import type { BlockEntry, EnforcementAction, EnforcementPolicy } from "../../lib/domain/enforcement/enforcement-policy";
import { usbDeviceReader } from "../collectors/usb-sysfs";
import { measure, spellInterfaces } from "./decide";
import { copySysfsFixture, type SysfsCopy } from "../../tests/support/usb-fixture-copy";
import { SysfsEnforcer, type AuthorizedDeps } from "./sysfs-enforcer";

const NOW = new Date("2026-12-05T10:00:00Z");
const V1 = "1111111111111111";
const V2 = "2222222222222222";
const policy = (over: Partial<EnforcementPolicy> = {}): EnforcementPolicy => ({ schema: "iomt.enforcement-policy/v1", version: V1, mode: "block_listed", block: [], allow: [], ...over });
const injector: BlockEntry = {
  ruleId: "device:inj",
  deviceId: "inj",
  policy: "blocked by alice@hospital.org",
  reason: "keystroke injector",
  scope: "device",
  match: { vendorId: "046d", productId: "c31c", serial: "7A3B9C01" },
};

let copy: SysfsCopy;
let recorded: EnforcementAction[];
const open = (deps?: AuthorizedDeps) =>
  SysfsEnforcer.open({ sysfsRoot: copy.root, stateFile: join(copy.dir, "state.json"), deps, now: () => NOW, record: async (a) => void recorded.push(a) });

beforeEach(async () => {
  copy = await copySysfsFixture();
  recorded = [];
});
afterEach(() => copy.remove());

describe("the sysfs enforcer", () => {
  it("measures a device as the server's fingerprint spells it", async () => {
    const { devices } = await usbDeviceReader({ sysfsRoot: copy.root }).read(NOW);
    for (const read of devices) expect(measure(read).usb.interfaces ?? undefined).toBe(canonicalInterfaces(read.observation.physical?.usb?.interfaces));
    expect(spellInterfaces([{ class: 8, subclass: 6, protocol: 0x50, endpoints: 2 }, { class: 3, subclass: 1, protocol: 1, endpoints: 1 }])).toBe("03.01.01.01,08.06.50.02");
  });

  it("blocks a device: its authorized file holds 0, the look-alike keyboard is untouched, reported once", async () => {
    const enforcer = await open();
    const first = await enforcer.enforce(policy({ block: [injector] }));
    expect(await copy.authorized("1-2")).toBe("0");
    expect(await copy.authorized("1-1.1")).toBe("1");
    expect(first.actions).toEqual([
      expect.objectContaining({ actionId: `1-2:blocked:${V1}`, action: "blocked", scope: "device", target: "1-2", method: "sysfs", mode: "block_listed", ruleId: "device:inj", deviceId: "inj", usb: { vendorId: "046d", productId: "c31c", serial: "7A3B9C01" } }),
    ]);
    expect(recorded).toEqual(first.actions);
    expect((await enforcer.enforce(policy({ block: [injector] }))).actions).toEqual([]);
    expect((await enforcer.enforce(policy({ version: V2, block: [injector] }))).actions).toEqual([]);
  });

  it("interface scope: only the named interface's file", async () => {
    const enforcer = await open();
    const { actions } = await enforcer.enforce(policy({ block: [{ ...injector, scope: "interface", interfaceClasses: [8] }] }));
    expect(await copy.authorized("1-2:1.1")).toBe("0");
    expect(await copy.authorized("1-2:1.0")).toBe("1");
    expect(await copy.authorized("1-2")).toBe("1");
    expect(actions.map((a) => [a.target, a.scope, a.usb?.interfaceClass])).toEqual([["1-2:1.1", "interface", 8]]);
  });

  it("allow_listed: an unknown device is cut, an allowed one untouched, a hub untouched, a spoof of an allowed identity cut", async () => {
    const enforcer = await open();
    const allow = [{ ruleId: "policy:p:0", policy: "ICU kiosks", match: { vendorId: "046d", productId: "c31c" } }];
    await enforcer.enforce(policy({ mode: "allow_listed", block: [injector], allow }));
    expect(await copy.authorized("1-1.1")).toBe("1"); // the allowed keyboard
    expect(await copy.authorized("1-1")).toBe("1"); // the hub
    expect(await copy.authorized("1-2")).toBe("0"); // claims the allowed ids, blocked first
    expect(await copy.authorized("1-1.2")).toBe("0"); // the mouse: on no allow-list
    expect(await copy.authorized("2-1")).toBe("0");
  });

  it("allow_listed with interface classes: the other interfaces are cut", async () => {
    const enforcer = await open();
    const allow = [{ ruleId: "policy:p:0", policy: "ICU kiosks", interfaceClasses: [3], match: { vendorId: "046d", productId: "c31c" } }];
    await enforcer.enforce(policy({ mode: "allow_listed", allow }));
    expect([await copy.authorized("1-2"), await copy.authorized("1-2:1.0"), await copy.authorized("1-2:1.1")]).toEqual(["1", "1", "0"]);
    expect([await copy.authorized("1-1.1:1.0"), await copy.authorized("1-1.1:1.1")]).toEqual(["1", "1"]);
  });

  it("un-blocks what it cut itself (1 again, reported allowed), even after a restart, and never what someone else cut", async () => {
    await writeFile(join(copy.root, "bus/usb/devices/1-3/authorized"), "0\n"); // cut by someone else
    const scanner = { ...injector, ruleId: "device:scan", deviceId: "scan", match: { vendorId: "05e0", productId: "1200" } };
    await (await open()).enforce(policy({ block: [injector, scanner] }));
    expect(await copy.authorized("1-2")).toBe("0");
    const restarted = await open();
    const { actions } = await restarted.enforce(policy({ version: V2, mode: "monitor" }));
    expect(await copy.authorized("1-2")).toBe("1");
    expect(await copy.authorized("1-3")).toBe("0");
    expect(actions).toEqual([expect.objectContaining({ actionId: `1-2:allowed:${V2}`, action: "allowed", target: "1-2", ruleId: "device:inj", deviceId: "inj", mode: "monitor" })]);
  });

  it("keeps a cut device cut although, de-authorized, it shows no interfaces", async () => {
    const exact = { ...injector, match: { ...injector.match, interfaces: "03.01.01.01,08.06.50.02" } };
    const enforcer = await open();
    await enforcer.enforce(policy({ block: [exact] }));
    expect(await copy.authorized("1-2")).toBe("0");
    for (const i of ["1-2:1.0", "1-2:1.1"]) await unlink(join(copy.root, "bus/usb/devices", i)); // the kernel unconfigured it
    expect((await enforcer.enforce(policy({ block: [exact] }))).actions).toEqual([]);
    expect(await copy.authorized("1-2")).toBe("0");
  });

  it("a write error is a failed action with the error, reported once, never a crash", async () => {
    const deps: AuthorizedDeps = {
      read: async (path) => (await readFile(path, "utf8")).trim(),
      write: async (path) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: "EACCES" });
      },
    };
    const enforcer = await open(deps);
    const first = await enforcer.enforce(policy({ block: [injector] }));
    expect(first.actions).toEqual([expect.objectContaining({ action: "failed", target: "1-2", actionId: `1-2:failed:${V1}`, error: expect.stringMatching(/^EACCES: permission denied/) })]);
    expect(first.problems).toEqual([expect.objectContaining({ where: expect.stringMatching(/1-2\/authorized$/), message: expect.stringMatching(/EACCES/) })]);
    expect(await copy.authorized("1-2")).toBe("1");
    expect((await enforcer.enforce(policy({ block: [injector] }))).actions).toEqual([]);
  });

  it("a device unplugged before the write: failed, not thrown", async () => {
    const deps: AuthorizedDeps = {
      read: async () => "1",
      write: async (path) => {
        await rm(path);
        await writeFile(path, "0", { flag: "r+" });
      },
    };
    const { actions } = await (await open(deps)).enforce(policy({ block: [injector] }));
    expect(actions[0]).toMatchObject({ action: "failed", error: expect.stringMatching(/ENOENT/) });
  });

  it("a crash between the write and the outbox: the next run reports the cut, under the same actionId", async () => {
    const crashing = await SysfsEnforcer.open({
      sysfsRoot: copy.root, stateFile: join(copy.dir, "state.json"), now: () => NOW,
      record: async () => {
        throw new Error("killed");
      },
    });
    await expect(crashing.enforce(policy({ block: [injector] }))).rejects.toThrow("killed");
    expect(await copy.authorized("1-2")).toBe("0");
    const { actions } = await (await open()).enforce(policy({ block: [injector] }));
    expect(actions.map((a) => a.actionId)).toEqual([`1-2:blocked:${V1}`]);
  });
});
