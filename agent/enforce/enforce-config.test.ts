import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAgentConfig } from "../config-collectors";
import { ConfigError } from "../config";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "enforce-config-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const load = async (enforce: unknown) => {
  const path = join(dir, `c-${Math.random()}.json`);
  await writeFile(path, JSON.stringify({ url: "https://iomt.example.org", enforce }));
  return loadAgentConfig(path);
};
const problem = (enforce: unknown) => load(enforce).then(() => "", (e: unknown) => (e instanceof ConfigError ? e.message : `not a ConfigError: ${String(e)}`));

describe("the enforce section of the config", () => {
  it("is off by default, sysfs, every 30 s", async () => {
    expect((await load(undefined)).enforce).toEqual({ enabled: false, method: "sysfs", pollSeconds: 30 });
  });

  it("takes the USBGuard method with a rules file and a reload argv", async () => {
    const usbguard = { rulesFile: "/etc/usbguard/rules.d/70-iomt.conf", reloadCommand: ["systemctl", "restart", "usbguard"] };
    expect((await load({ enabled: true, method: "usbguard", usbguard })).enforce).toEqual({ enabled: true, method: "usbguard", pollSeconds: 30, usbguard });
  });

  it("is strict, and names the field", async () => {
    expect(await problem({ enabled: true, polSeconds: 10 })).toMatch(/enforce: Unrecognized key: "polSeconds"/);
    expect(await problem({ pollSeconds: 2 })).toMatch(/enforce\.pollSeconds/);
    expect(await problem({ enabled: true, method: "usbguard" })).toMatch(/enforce\.usbguard: method usbguard needs usbguard\.rulesFile/);
    expect(await problem({ enabled: true, method: "usbguard", usbguard: { rulesFile: "rules.conf" } })).toMatch(/enforce\.usbguard\.rulesFile: must be an absolute path/);
    expect(await problem({ enabled: true, method: "usbguard", usbguard: { rulesFile: "/r.conf", reloadCommand: "systemctl restart usbguard" } })).toMatch(/enforce\.usbguard\.reloadCommand/);
  });
});
