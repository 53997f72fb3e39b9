// Issue 20, item 7, on a phone (390 × 844): the navigation is one bar under 60 px with a Menu
// button (keyboard operable, Escape closes), each page's content starts near the top, nothing is
// wider than the screen, and the inventory shows each device's name and risk without scrolling
// sideways; the firmware change views fit too. On a desktop, "Skip to content" is the first stop of Tab.
// Run: E2E_PORT=3492 NEXT_DIST_DIR=.next-phone … npx playwright test e2e/phone.spec.ts
import { expect, test, type Page } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const PHONE = { width: 390, height: 844 };
const stamp = Date.now();
const deviceName = `PHONE-MONITOR-${stamp}`;

/** Nothing on the page is wider than the phone: no sideways scrolling of the document. */
async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** The page's own heading starts within the first ~80 px: the navigation does not push it down. */
async function expectContentAtTop(page: Page) {
  const box = await page.getByRole("heading", { level: 1 }).boundingBox();
  expect(box?.y).toBeLessThanOrEqual(80);
}

/** Fully on screen horizontally, without scrolling. */
async function expectWithinWidth(page: Page, locator: ReturnType<Page["locator"]>) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("overview: a navigation bar under 60 px, a Menu button that opens and closes by keyboard", async ({ page }) => {
    await signInOk(page, "admin");
    const nav = page.getByRole("navigation", { name: "Main" });
    expect((await nav.boundingBox())!.height).toBeLessThan(60);
    const menu = nav.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Inventory" })).toBeHidden();
    await expectContentAtTop(page);
    await expectNoSidewaysScroll(page);

    // Keyboard: Enter opens, Escape closes and gives focus back to the button.
    await menu.focus();
    await page.keyboard.press("Enter");
    const close = nav.getByRole("button", { name: "Close menu" });
    await expect(close).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Inventory" })).toBeVisible();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(nav.getByRole("link", { name: "Inventory" })).toBeHidden();

    // Space opens it too; following a link closes it on the next page.
    await page.keyboard.press("Space");
    await nav.getByRole("link", { name: "Inventory" }).click();
    await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
  });

  test("inventory and device: filters inside their card, each device's name and risk on screen", async ({ page }) => {
    await signInOk(page, "admin");
    await enrolAndReport(page, { name: `sensor-phone-${stamp}` }, {
      reportId: `phone-${stamp}`,
      hostname: "PHONE-SENSOR",
      observations: [{ channel: "ethernet", claimed: { mac: "00:09:fb:90:00:01", hostname: deviceName, vendor: "Philips", model: "IntelliVue MX450" }, network: { segment: "ICU-VLAN-20", openPorts: [24105] } }],
    });

    // Found by its name: the estate other specs reported ranks riskier devices first.
    await page.goto(`/inventory?q=${encodeURIComponent(deviceName)}`);
    await expectContentAtTop(page);
    await expectNoSidewaysScroll(page);
    const filters = page.getByRole("search", { name: "Filter the inventory" });
    const card = (await filters.boundingBox())!;
    for (const field of await filters.locator("input, select, button").all()) {
      const box = (await field.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(card.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width + 1);
    }

    const row = page.getByTestId("inventory-table").locator("tbody tr", { hasText: deviceName });
    await expectWithinWidth(page, row.getByRole("link", { name: deviceName }));
    // The Risk column (its header names it, maybe with a sort arrow) and Status: on screen, in the same row.
    const headers = await page.getByTestId("inventory-table").locator("thead th").allTextContents();
    for (const column of ["Risk", "Status"]) {
      const index = headers.findIndex((h) => h.trim().toLowerCase().startsWith(column.toLowerCase()));
      expect(index, `${column} column`).toBeGreaterThanOrEqual(0);
      await expectWithinWidth(page, row.locator("td").nth(index));
    }

    await row.getByRole("link", { name: deviceName }).click();
    await expect(page.getByRole("heading", { name: deviceName, level: 1 })).toBeVisible();
    await expectContentAtTop(page);
    await expectNoSidewaysScroll(page);
  });

  test("firmware changes: the tabs wrap on screen, and the lists, the calendar and the plan form fit the phone", async ({ page }) => {
    await signInOk(page, "admin");
    for (const path of ["/changes", "/changes?tab=unplanned", "/changes?tab=contingency", "/changes?tab=calendar", "/changes/new"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectContentAtTop(page);
      await expectNoSidewaysScroll(page);
      const tabs = page.getByRole("navigation", { name: "Changes" }).getByRole("link");
      for (const tab of path === "/changes/new" ? [] : await tabs.all()) await expectWithinWidth(page, tab);
    }
  });
});

test("desktop: Skip to content is the first stop of Tab, visible, and moves focus to the page's content", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "admin");
  await page.goto("/inventory");
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  const box = (await skip.boundingBox())!;
  expect(box.width).toBeGreaterThan(40);
  expect(box.height).toBeGreaterThan(16);
  await page.keyboard.press("Enter");
  await expect(page.locator("main#content")).toBeFocused();
  // The next Tab goes on into the content, not back through the navigation.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});
