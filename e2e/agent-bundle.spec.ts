// The reference agent as a hospital installs it: bundled into one file, copied to a folder with
// nothing beside it, run with plain `node` against the running dashboard. What it measured on a
// sysfs tree laid out as the kernel lays it out, and the neighbours of an ARP table, must show up
// in the inventory with their physical evidence, and its collectors' health on the Agents page.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { enrolAgentInUi, signInOk } from "./helpers";

const root = fileURLToPath(new URL("..", import.meta.url));
const SYSFS = path.join(root, "agent/collectors/fixtures/sysfs");

test("the bundled agent, run with plain node, reports what it measured and it appears in the inventory", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), "iomt-agent-e2e-"));
  try {
    const bundle = path.join(dir, "iomt-agent.mjs");
    execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/agent-build.ts", "--out", bundle], { cwd: root, stdio: "pipe" });

    await signInOk(page, "admin");
    const name = `sensor-bundle-${Date.now()}`;
    const token = await enrolAgentInUi(page, name, "Agent Campus", "AGENT-E2E-SEG");

    const arp = path.join(dir, "arp");
    writeFileSync(arp, ["IP address       HW type     Flags       HW address            Mask     Device", "10.20.9.17       0x1         0x2         00:09:fb:e2:0a:17     *        eno1", ""].join("\n"));
    const config = path.join(dir, "agent.json");
    writeFileSync(config, JSON.stringify({
      url: baseURL,
      segment: "AGENT-E2E-SEG",
      spool: { dir: path.join(dir, "spool") },
      collectors: { usb: { sysfsRoot: SYSFS }, neighbours: { source: "proc", arpPath: arp, ownInterfaces: false } },
    }));
    // Plain node, in a folder with no node_modules, the token from the environment only.
    const run = spawnSync(process.execPath, [bundle, "--once", "--config", config], { cwd: dir, env: { PATH: process.env.PATH, NODE_ENV: "production", IOMT_AGENT_TOKEN: token }, encoding: "utf8", timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(dir, "spool")).filter((f) => f.endsWith(".json.gz"))).toEqual([]);

    // The neighbour, on its segment, from the ARP table.
    await page.goto(`/inventory?q=${encodeURIComponent("00:09:fb:e2:0a:17")}`);
    await expect(page.getByRole("link", { name: /00:09:fb:e2:0a:17|10\.20\.9\.17/ }).first()).toBeVisible();

    // The USB devices from sysfs, with what was measured of them. Two name themselves "Logitech USB Keyboard" (046d:c31c): the keyboard on port 1-1.1
    // and the injector on 1-2. What was measured tells them apart: the injector's interfaces
    // include mass storage.
    await page.goto(`/inventory?q=${encodeURIComponent("Logitech")}`);
    const links = page.getByRole("row").filter({ hasText: "AGENT-E2E-SEG" }).getByRole("link", { name: "USB Keyboard" });
    await expect(links).toHaveCount(2);
    const byRule = new Map<string, string>();
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
      await page.goto(href);
      byRule.set((await page.getByText(/\(rule usb\.class\./).textContent())!.trim(), href);
    }
    expect([...byRule.keys()].sort()).toEqual(["USB peripheral (rule usb.class.hid)", "USB storage (rule usb.class.mass_storage)"]);
    await page.goto(byRule.get("USB peripheral (rule usb.class.hid)")!);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("USB Keyboard");
    // Plugged into port 1-1.1, with no serial: the port is part of its identity.
    await expect(page.getByText(/usb: 046d:c31c@.*\/1-1\.1/)).toBeVisible();
    // A physical fingerprint made from the sysfs attributes.
    await expect(page.locator("section", { hasText: "Physical fingerprint history" }).getByText("initial")).toBeVisible();

    // The agent's own health: the USB and neighbours collectors and what each produced.
    await page.goto("/agents");
    const row = page.getByTestId(`agent-${name}`);
    await expect(row).toContainText("1.0.0");
    await expect(row.getByTestId("agent-health")).toContainText("usb:");
    await expect(row.getByTestId("agent-health")).toContainText("neighbours: 1 observation");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
