// Issue 16: the asset register end to end. Devices report; a register CSV comes in (Settings →
// Asset register, with a column mapping); the Assets view shows the shadow and missing tabs; a
// person links a missing entry to a device by hand; the shadow list is exported in the register's
// own columns; the device page shows its entry beside what the network says; /assets fits a phone.
// Run: E2E_PORT=3495 NEXT_DIST_DIR=.next-h5 E2E_OUTPUT_DIR=test-results-h5 npx playwright test e2e/assets.spec.ts
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";
import { loadRegister } from "./register-upload";

const stamp = Date.now();
const hex = (n: number) => (n & 255).toString(16).padStart(2, "0");
const mac = (i: number) => `02:a5:${hex(stamp >> 16)}:${hex(stamp >> 8)}:${hex(stamp)}:${hex(i)}`;
const name = (what: string) => `${what}-${stamp}`;
const device = (i: number, what: string) => ({ channel: "ethernet", claimed: { mac: mac(i), hostname: name(what), vendor: "Baxter", model: "Sigma Spectrum" }, network: { segment: "ICU-VLAN-20" } });

const SOURCE = `E2E CMMS ${stamp}`;
const HEADERS = ["Equipment ID", "MAC Addr", "Maker", "Model No", "Dept", "Cost center"];
// Tag A is the pump on the network (linked by its MAC); B is registered but never seen; C is the
// second pump's entry, written with a MAC the network never saw (a typo): missing until linked by hand.
const CSV = [
  HEADERS.join(","),
  `A-${stamp},${mac(1)},Baxter,Sigma Spectrum,ICU,CC-1`,
  `B-${stamp},,Baxter,Sigma Spectrum,ICU,CC-1`,
  `C-${stamp},02:00:00:00:00:01,Baxter,Sigma Spectrum,ICU,CC-1`,
].join("\n");

async function missingRow(page: Page, tag: string) {
  await page.goto("/assets?tab=missing&size=200");
  return page.getByTestId("entry-table").locator("tr", { hasText: tag });
}

test("asset register: shadow and missing tabs, a link by hand, the shadow list for the register", async ({ page }) => {
  test.setTimeout(120_000);
  await signInOk(page, "admin");
  await enrolAndReport(page, { name: name("sensor-assets") }, { reportId: name("assets"), hostname: "sensor", observations: [device(1, "PUMP-REG"), device(2, "PUMP-TYPO"), device(3, "ROGUE-CAM")] });
  await loadRegister(page, { source: SOURCE, csv: CSV, mapping: { assetTag: "Equipment ID", mac: "MAC Addr", manufacturer: "Maker", model: "Model No", department: "Dept" } });

  // Shadow: the two devices no entry names; the registered pump is not among them.
  await page.goto("/assets?tab=shadow&size=200");
  const shadow = page.getByTestId("shadow-table");
  await expect(shadow.getByRole("link", { name: name("ROGUE-CAM") })).toBeVisible();
  await expect(shadow.getByRole("link", { name: name("PUMP-TYPO") })).toBeVisible();
  await expect(shadow.getByRole("link", { name: name("PUMP-REG") })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Asset states" }).getByRole("link", { name: /^Shadow [\d,]+\+? devices?$/ })).toHaveAttribute("aria-current", "page");

  // Missing: B and C, with their actions (axe finds nothing serious on the rows and forms); link C to the pump by hand.
  await expect(await missingRow(page, `B-${stamp}`)).toHaveCount(1);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => ["critical", "serious", "moderate"].includes(v.impact ?? "")).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
  const c = await missingRow(page, `C-${stamp}`);
  await c.getByRole("link", { name: `Link C-${stamp} to a device` }).click();
  const search = page.getByRole("search", { name: "Find a device to link" });
  await search.getByLabel("Device").fill(name("PUMP-TYPO"));
  await search.getByRole("button", { name: "Search" }).click();
  await page.getByRole("form", { name: `Link to ${name("PUMP-TYPO")}` }).getByRole("button", { name: "Link" }).click();
  await expect(page.getByText("Linked: the register entry and the device are one asset.")).toBeVisible();
  await expect(await missingRow(page, `C-${stamp}`)).toHaveCount(0);
  await page.goto(`/assets?tab=reconciled&size=200`);
  await expect(page.getByTestId("entry-table").locator("tr", { hasText: `C-${stamp}` })).toContainText(name("PUMP-TYPO"));

  // The device page: its entry beside what the network says, linked by a person.
  await page.getByTestId("entry-table").getByRole("link", { name: name("PUMP-TYPO") }).click();
  await expect(page.getByTestId("register-panel")).toContainText(`C-${stamp}`);
  await expect(page.getByTestId("register-panel")).toContainText("linked by a person");

  // The shadow list for the register: the source's own columns, the asset tag left empty.
  await page.goto("/assets?tab=shadow");
  const exportLink = page.getByRole("link", { name: `Export for ${SOURCE}` });
  const href = await exportLink.getAttribute("href");
  expect(href).toContain("format=register");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines[0]).toBe(HEADERS.join(","));
  const rogue = lines.find((l) => l.includes(mac(3)));
  expect(rogue?.startsWith(",")).toBe(true); // no asset tag yet
  expect(lines.some((l) => l.includes(mac(1)))).toBe(false);
  expect(lines.some((l) => l.includes(mac(2)))).toBe(false); // linked by hand above
});

test("assets on a phone: tabs and rows fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInOk(page, "viewer");
  await page.goto("/assets?tab=shadow");
  await expect(page.getByRole("heading", { name: "Assets" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // A viewer sees the register, never the actions on it.
  await page.goto("/assets?tab=missing");
  await expect(page.getByRole("link", { name: /to a device$/ })).toHaveCount(0);
});
