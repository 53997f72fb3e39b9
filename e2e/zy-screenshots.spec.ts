// The README's pictures, taken by the e2e run itself (so they show what the code does today):
// a small simulated hospital is reported by two agents, then each main view is captured at a
// laptop's size, and three at a phone's, into docs/screenshots/. Runs after the other specs (file order), before the
// secrets check.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { buildHospital } from "../lib/tools/simulator/hospital";
import { buildReports } from "../lib/tools/simulator/reports";
import { enrolAgentInUi, signInOk } from "./helpers";

const DIR = "docs/screenshots";
const VIEWS: [file: string, url: string, heading: RegExp][] = [
  ["overview", "/", /^Overview$/],
  ["inventory", "/inventory", /^Inventory$/],
  ["fleets", "/fleets", /^Fleets$/],
  ["risk", "/risk", /^Risk priority$/],
  ["unauthorized", "/unauthorized", /Unauthorized/],
  ["alerts", "/alerts", /^Alerts$/],
  ["agents", "/agents", /^Agents$/],
  ["ciso-report", "/reports", /report/i],
  ["policies", "/settings/policies", /Policies/],
];

async function reportHospital(page: Page) {
  const hospital = buildHospital({ devices: 160, agents: 2, rogues: 4, seed: 11 });
  const runTag = `shots-${Date.now()}`;
  for (let agent = 0; agent < hospital.agents.length; agent++) {
    const token = await enrolAgentInUi(page, `sensor-${hospital.agents[agent].hostname.toLowerCase()}-${runTag}`, "Main Campus");
    for (const body of buildReports(hospital, { agent, round: 0, runTag })) {
      const res = await page.request.post("/api/v1/reports", { data: body, headers: { authorization: `Bearer ${token}` } });
      expect(res.status(), await res.text()).toBe(202);
    }
  }
}

test("screenshots of the main views for the README", async ({ page }) => {
  test.setTimeout(240_000);
  mkdirSync(DIR, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "admin");
  await reportHospital(page);
  // Risk scores and the overview's counts are refreshed by background passes every few seconds.
  await page.waitForTimeout(12_000);

  for (const [file, url, heading] of VIEWS) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${DIR}/${file}.png` });
  }

  // One device, the riskiest: its evidence, fingerprint and risk chain.
  await page.goto("/risk");
  await page.locator("main table a[href^='/devices/']").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${DIR}/device.png` });

  // The same device, the overview and the inventory at a phone's width (390 px): the navigation
  // folds into its menu button and tables stack, so the device and its risk stay in view.
  const device = page.url();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [file, url] of [["phone-overview", "/"], ["phone-inventory", "/inventory"], ["phone-device", device]] as const) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${DIR}/${file}.png` });
  }
});
