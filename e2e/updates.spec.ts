// Issue 17, end to end: two BD Alaris pumps at 12.1.3 (affected by ICSMA-23-194-01) on a site of
// their own; an engineer plans their update to 12.3.1 from the Fleets row, previews what it clears
// and submits it; an analyst approves it; the agent then reports the pumps at 12.3.1; the firmware
// watch (every 10 s) verifies each one, and the risk priority of the pumps drops. Each view is
// axe-clean; Enter in the form's text boxes submits nothing.
// Named to run after e2e/risk.spec.ts (files run in name order): that spec checks the Feeds page's
// first import of the same advisory and KEV files; here a second import changes nothing.
import { resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { BUNDLED_FEEDS_DIR } from "../lib/reference/bundled-feeds";
import { enrolAndReport, importFeedFiles, postAgentReport, signInOk } from "./helpers";

const stamp = Date.now();
const SITE = `Changes ward ${stamp}`;
const MODEL = "Alaris PCU Model 8015";
const TITLE = `Alaris pumps to 12.3.1 ${stamp}`;
const hex = (n: number) => (n & 255).toString(16).padStart(2, "0");
const pumps = [1, 2].map((i) => ({ mac: `00:d0:75:${hex(stamp >> 8)}:${hex(stamp)}:${hex(i)}`, hostname: `PUMP-CHG-${stamp}-${i}` }));
const observation = (p: (typeof pumps)[number], firmwareVersion: string) => ({ channel: "ethernet", claimed: { ...p, vendor: "BD", model: MODEL, firmwareVersion }, network: { segment: "ICU-VLAN-20" } });
const FEEDS = [resolve(BUNDLED_FEEDS_DIR, "csaf", "icsma-23-194-01.json"), resolve(BUNDLED_FEEDS_DIR, "kev", "known_exploited_vulnerabilities.json")];

/** Serious, critical or moderate axe findings on the page as it stands. */
async function axe(page: Page) {
  // A page a server action has just refreshed can be without its <title> for a moment (Next.js
  // streams metadata): axe once ran then and reported "document-title" (CI, PostgreSQL suite).
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => ["critical", "serious", "moderate"].includes(v.impact ?? "")).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** The pumps' scores on the Risk priority view of their site: a pump it leaves out scores 0 (the view ranks only scores above 0). */
async function pumpScores(page: Page, siteId: string): Promise<number[]> {
  await page.goto(`/risk?site=${siteId}`);
  await expect(page.getByTestId("result-count").first()).toBeVisible();
  const scores: number[] = [];
  for (const p of pumps) {
    const row = page.getByTestId("risk-table").locator("tr", { has: page.getByRole("link", { name: p.hostname }) });
    scores.push((await row.count()) ? Number((await row.locator("td").nth(1).textContent())?.match(/\d+/)?.[0]) : 0);
  }
  return scores;
}

/** "2026-12-05T13:20" in UTC, as a datetime-local input takes it. */
const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);

test("plan the pumps' update, approve it as another person, and watch it verify and the risk drop", async ({ page, browser }) => {
  // A production build's first requests, two rescoring passes and the watch's ticks on a busy machine.
  test.setTimeout(300_000);
  await signInOk(page, "admin");
  await importFeedFiles(page, FEEDS);
  const token = await enrolAndReport(page, { name: `sensor-changes-${stamp}`, site: SITE }, { reportId: `changes-${stamp}-1`, hostname: "sensor-changes", observations: pumps.map((p) => observation(p, "12.1.3")) });

  // The engineer finds the fleet on the pumps' site (counted within seconds of the report) and plans its update.
  const engineer = await (await browser.newContext()).newPage();
  await signInOk(engineer, "engineer");
  let siteId = "";
  await expect(async () => {
    await engineer.goto("/fleets");
    await engineer.getByLabel("Site").selectOption({ label: SITE });
    await engineer.getByRole("button", { name: "Apply" }).click();
    await expect(engineer.getByTestId("fleet-table").locator("tr", { hasText: MODEL })).toContainText("12.1.3", { timeout: 1_000 });
    siteId = new URL(engineer.url()).searchParams.get("site") ?? "";
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  // Scored and matched first (the risk refresh runs every few seconds).
  let before: number[] = [];
  await expect(async () => {
    before = await pumpScores(engineer, siteId);
    expect(before.every((s) => s > 0)).toBe(true);
  }).toPass({ timeout: 60_000, intervals: [2_000] });

  await engineer.goto(`/fleets?site=${siteId}`);
  expect(await axe(engineer)).toEqual([]);
  await engineer.getByTestId("fleet-table").locator("tr", { hasText: MODEL }).getByRole("link", { name: /^Plan update for .*12\.1\.3$/ }).click();
  await expect(engineer.getByRole("heading", { name: "Plan a firmware change" })).toBeVisible();
  await expect(engineer.getByTestId("plan-devices")).toContainText("2 devices");
  const form = engineer.getByRole("form", { name: "Plan a firmware change" });
  await expect(form.getByRole("checkbox", { name: /ICSMA-23-194-01/ })).toBeVisible();
  await form.getByRole("checkbox", { name: /ICSMA-23-194-01/ }).check();
  await form.getByLabel("Target version").fill("12.3.1");
  await form.getByLabel("Title (optional)").fill(TITLE);
  // The window is open now: it started a few minutes ago, in UTC.
  await form.getByLabel("Starts").fill(utcLocal(Date.now() - 5 * 60_000));
  await form.getByLabel("Ends").fill(utcLocal(Date.now() + 2 * 3_600_000));
  await form.getByLabel("Time zone").fill("UTC");
  await form.getByLabel("Reason").fill("Closes the advisory's vulnerabilities on the pumps' network module");
  // Enter in a text box submits nothing, and the plan cannot be submitted before its preview.
  await form.getByLabel("Target version").press("Enter");
  await expect(form.getByRole("button", { name: "Submit for approval" })).toBeDisabled();
  await form.getByRole("button", { name: "Preview" }).click();
  const preview = engineer.getByTestId("plan-preview");
  await expect(preview).toContainText("What updating to 12.3.1 clears");
  expect(Number(await preview.getByTestId("preview-cves-closed").textContent())).toBeGreaterThan(0);
  expect(Number(await preview.getByTestId("preview-risk-after").textContent())).toBeLessThan(Math.max(...before));
  for (const p of pumps) await expect(preview.getByTestId("preview-devices")).toContainText(p.hostname);
  expect(await axe(engineer)).toEqual([]);
  await form.getByRole("button", { name: "Submit for approval" }).click();
  await expect(engineer.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(engineer.getByTestId("plan-state")).toContainText("Awaiting approval");
  // The requester cannot approve their own plan: an engineer sees no decision at all.
  await expect(engineer.getByRole("form", { name: "Decide on this plan" })).toHaveCount(0);
  const planUrl = engineer.url();

  // The analyst approves it: Enter in the reason box decides nothing, the dialog asks first.
  const analyst = await (await browser.newContext()).newPage();
  await signInOk(analyst, "analyst");
  await analyst.goto("/changes?tab=submitted");
  expect(await axe(analyst)).toEqual([]);
  await analyst.getByTestId("plan-table").getByRole("link", { name: TITLE }).click();
  const decide = analyst.getByRole("form", { name: "Decide on this plan" });
  await decide.getByLabel(/^Reason/).fill("Release note checked, pumps idle overnight");
  await decide.getByRole("button", { name: "Approve", exact: true }).click();
  await analyst.getByRole("dialog", { name: `Approve "${TITLE}"?` }).getByRole("button", { name: "Approve plan" }).click();
  // The page refreshes with the plan approved (or already in its window: the watch may be quicker than the page).
  await expect(analyst.getByTestId("plan-state")).toContainText(/Approved|In window/);
  await expect(decide).toHaveCount(0);
  expect(await axe(analyst)).toEqual([]);

  // The watch opens the window (its start has passed); the agent reports the pumps at 12.3.1.
  await expect(async () => {
    await analyst.goto(planUrl);
    await expect(analyst.getByTestId("plan-state")).toContainText("In window", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await postAgentReport(page, token, { reportId: `changes-${stamp}-2`, hostname: "sensor-changes", observations: pumps.map((p) => observation(p, "12.3.1")) });
  await expect(async () => {
    await analyst.goto(planUrl);
    await expect(analyst.getByTestId("plan-state")).toContainText("2 verified", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await expect(analyst.getByTestId("plan-devices-table").locator("tr[data-state=verified]")).toHaveCount(2);
  expect(await axe(analyst)).toEqual([]);

  // The pumps' risk priority drops once they are rescored at 12.3.1 (to 0 here: the update closes every CVE they matched).
  await expect(async () => {
    const after = await pumpScores(analyst, siteId);
    after.forEach((s, i) => expect(s).toBeLessThan(before[i]));
  }).toPass({ timeout: 60_000, intervals: [2_000] });

  // The device page's firmware history: the change, planned, under this plan.
  await analyst.goto(`/inventory?q=${encodeURIComponent(pumps[0].mac)}`);
  await analyst.getByTestId("inventory-table").getByRole("link", { name: pumps[0].hostname }).click();
  await expect(analyst).toHaveURL(/\/devices\//);
  const history = analyst.getByTestId("firmware-history");
  await expect(history).toContainText("12.1.3 → 12.3.1");
  await expect(history.getByRole("link", { name: TITLE })).toBeVisible();
  expect(await axe(analyst)).toEqual([]);

  // The calendar shows the window; the overview counts it this week.
  await analyst.goto("/changes?tab=calendar");
  await expect(analyst.getByTestId("plan-calendar").getByRole("link", { name: new RegExp(TITLE) }).first()).toBeVisible();
  expect(await axe(analyst)).toEqual([]);
  for (const tab of ["unplanned", "contingency", "in_window"]) {
    await analyst.goto(`/changes?tab=${tab}`);
    await expect(analyst.getByRole("heading", { level: 1, name: "Changes" })).toBeVisible();
    expect(await axe(analyst), tab).toEqual([]);
  }
  await analyst.goto("/");
  await expect(analyst.getByTestId("stat-changes-this-week")).not.toHaveText("0");
  await analyst.waitForLoadState("networkidle");
  expect(await axe(analyst)).toEqual([]);
});

test("an unplanned downgrade flags the pump until a person reviews it, keyboard only", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const pump = { mac: `00:d0:75:${hex(stamp >> 8)}:${hex(stamp)}:${hex(9)}`, hostname: `PUMP-UNPLANNED-${stamp}` };
  await signInOk(page, "admin");
  const token = await enrolAndReport(page, { name: `sensor-unplanned-${stamp}`, site: `Unplanned ward ${stamp}` }, { reportId: `unplanned-${stamp}-1`, hostname: "sensor-unplanned", observations: [observation(pump, "12.1.3")] });
  await postAgentReport(page, token, { reportId: `unplanned-${stamp}-2`, hostname: "sensor-unplanned", observations: [observation(pump, "12.0.9")] });

  const engineer = await (await browser.newContext()).newPage();
  await signInOk(engineer, "engineer");
  await engineer.goto(`/inventory?q=${encodeURIComponent(pump.mac)}`);
  await engineer.getByTestId("inventory-table").getByRole("link", { name: pump.hostname }).click();
  await expect(engineer).toHaveURL(/\/devices\//);
  const name = (await engineer.getByRole("heading", { level: 1 }).textContent())!.trim();
  // The watch classifies the change within seconds: unplanned, the device flagged.
  const section = engineer.getByTestId("firmware-section");
  await expect(async () => {
    await engineer.reload();
    await expect(section).toContainText("unplanned firmware change since", { timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await expect(engineer.getByTestId("firmware-history")).toContainText("12.1.3 → 12.0.9");
  await expect(engineer.getByRole("link", { name: "Plan a firmware update" })).toBeVisible();

  // Enter in the reason box reviews nothing; the button asks first, then reviews.
  const change = "12.1.3 → 12.0.9";
  const form = engineer.getByRole("form", { name: `Review the change ${change} on ${name}` });
  await form.getByLabel("Why it is acceptable (required)").fill("vendor field service, work order 4711");
  await form.getByLabel("Why it is acceptable (required)").press("Enter");
  await expect(engineer.getByRole("dialog")).toHaveCount(0);
  await form.getByRole("button", { name: "Mark reviewed" }).focus();
  await engineer.keyboard.press("Enter");
  const dialog = engineer.getByRole("dialog", { name: `Mark the change ${change} on ${name} as reviewed?` });
  await expect(dialog).toBeFocused();
  await engineer.keyboard.press("Tab");
  await engineer.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Mark reviewed" })).toBeFocused();
  await engineer.keyboard.press("Enter");
  await expect(engineer.getByTestId("firmware-history")).toContainText("reviewed by engineer@e2e.local");
  await expect(section).not.toContainText("unplanned firmware change since");
  expect(await axe(engineer)).toEqual([]);
});
