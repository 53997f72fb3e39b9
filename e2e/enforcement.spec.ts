// Issue 14, "Decisions reach hosts", end to end as people and the agent do it: the reference agent
// (npm run agent -- --once) reports a private copy of the sysfs fixture, a person blocks the
// keystroke injector on its device page and sets the site to block-listed in Settings →
// Integrations, the agent's next run fetches the policy and writes 0 into the copy's
// `authorized` file, and the device page says where and when it was enforced.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { copySysfsFixture } from "../tests/support/usb-fixture-copy";
import { enrolAgentInUi, signInOk } from "./helpers";

const root = fileURLToPath(new URL("..", import.meta.url));

test("a USB device blocked in the dashboard is cut on the host, and its page says where and when", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const copy = await copySysfsFixture();
  try {
    // This run's own injector: a serial no other test reports.
    const serial = `INJ${Date.now()}`;
    writeFileSync(path.join(copy.root, "bus/usb/devices/1-2/serial"), `${serial}\n`);
    const segment = `ENFORCE-${Date.now()}`;
    const site = `Enforce Campus ${Date.now()}`;
    await signInOk(page, "admin");
    const token = await enrolAgentInUi(page, `kiosk-enforce-${Date.now()}`, site);

    const config = path.join(copy.dir, "agent.json");
    writeFileSync(config, JSON.stringify({
      url: baseURL,
      hostname: "ward-7-kiosk",
      segment,
      spool: { dir: path.join(copy.dir, "spool") },
      collectors: { usb: { sysfsRoot: copy.root }, neighbours: { enabled: false }, snmp: { enabled: false } },
      enforce: { enabled: true, method: "sysfs", pollSeconds: 5 },
    }));
    const runAgent = () => {
      const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["agent/main.ts", "--once", "--config", config], {
        cwd: root, env: { ...process.env, IOMT_AGENT_TOKEN: token }, encoding: "utf8", timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(0);
    };
    // First run: the devices are reported; the site is in monitor mode, nothing is cut.
    runAgent();
    expect(await copy.authorized("1-2")).toBe("1");

    // A person blocks the injector on its device page.
    await page.goto(`/inventory?q=${encodeURIComponent("Logitech")}`);
    const links = page.getByRole("row").filter({ hasText: segment }).getByRole("link", { name: "USB Keyboard" });
    await expect(links).toHaveCount(2);
    let devicePage = "";
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
      await page.goto(href);
      if (await page.getByText(serial).count()) devicePage = href;
    }
    expect(devicePage).not.toBe("");
    await page.goto(devicePage);
    const decide = page.getByRole("form", { name: "Decide about this device" });
    await decide.getByLabel("Reason (kept in the audit log)").fill("keystroke injector posing as a keyboard");
    await decide.getByRole("button", { name: "Block", exact: true }).click();
    // A spoof suspect's decision is confirmed first (issue 20).
    const confirm = page.getByRole("dialog", { name: "Block 1 device?" });
    await expect(decide.getByRole("status").or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.getByRole("button", { name: "Block 1 device" }).click();
    await expect(decide.getByRole("status")).toBeVisible();

    // An administrator turns enforcement on for the site.
    await page.goto("/settings/integrations");
    const mode = page.getByRole("form", { name: `Enforcement mode of site ${site}` });
    await mode.getByLabel(`Enforcement mode of site ${site}`).selectOption("block_listed");
    await mode.getByRole("button", { name: "Set" }).click();
    await expect(mode.getByText(/now in/)).toBeVisible();

    // The agent's next run: the policy arrives, the injector is de-authorized, the real keyboard is not.
    runAgent();
    expect(await copy.authorized("1-2")).toBe("0");
    expect(await copy.authorized("1-1.1")).toBe("1");

    await page.goto(devicePage);
    const card = page.getByTestId("enforcement-card");
    await expect(card).toContainText(/Blocked on host ward-7-kiosk at \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(card).toContainText("whole device");
  } finally {
    await copy.remove();
  }
});
