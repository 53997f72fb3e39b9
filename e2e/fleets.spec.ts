// Issue 20, item 4: the Fleets view (a fleet's devices one click away, filtered in the inventory),
// a multi-word search, result counts, sortable headers, page sizes and an unknown filter said
// aloud. Run: E2E_PORT=3491.
import { expect, test } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

const stamp = Date.now();
const model = `Alaris 8015 F${stamp}`;
const pump = (i: number, firmwareVersion: string) => ({
  channel: "ethernet",
  claimed: { mac: `02:fe:${String(stamp % 100).padStart(2, "0")}:00:00:${String(i).padStart(2, "0")}`, hostname: `PUMP-FLEET-${stamp}-${i}`, vendor: "BD", model, firmwareVersion },
  network: { segment: "ONC-VLAN-30" },
});

test("fleets: three pumps on two firmware versions are two fleets, each one click from its devices", async ({ page }) => {
  test.setTimeout(60_000); // the count that follows the report may take a tally tick or two
  await signInOk(page, "admin");
  await enrolAndReport(page, { name: `sensor-fleet-${stamp}` }, { reportId: `fleet-${stamp}`, hostname: "sensor", observations: [pump(1, "12.1.3"), pump(2, "12.1.3"), pump(3, "12.3.0")] });

  const reported = Date.now();
  await page.goto("/fleets");
  await expect(page.getByRole("link", { name: "Fleets" }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Fleets" })).toBeVisible();
  // Fleets are counted ahead by the server's tally pass, within seconds after a report: reload
  // until a count taken after this report is shown, and say when it was taken.
  const freshness = page.getByTestId("fleet-freshness");
  await expect(async () => {
    await page.goto("/fleets?size=200");
    expect(Date.parse((await freshness.getAttribute("data-counted-at", { timeout: 1_000 })) ?? "")).toBeGreaterThan(reported);
  }).toPass({ timeout: 30_000, intervals: [1_000] });
  await expect(freshness).toHaveText(/^Counted at \d\d:\d\d:\d\d UTC \(\d{4}-\d\d-\d\d\); fleets are recounted every minute, and within seconds after agents report\.$/);
  await expect(page.getByTestId("result-count")).toHaveText(/^\d[\d,]* fleets?$/);
  const row = page.getByTestId("fleet-table").locator("tr", { hasText: model }).filter({ hasText: "12.1.3" });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: /^2 devices/ }).click();

  await expect(page).toHaveURL(/\/inventory\?.*firmware=12.1.3/);
  await expect(page.getByTestId("result-count")).toHaveText("2 devices");
  await expect(page.getByTestId("inventory-table").getByRole("link", { name: /PUMP-FLEET/ })).toHaveCount(2);
});

test("lists: a multi-word search, a count, a sortable header with its direction, a page size and an unknown value said", async ({ page }) => {
  await signInOk(page, "viewer");
  await page.goto(`/inventory?q=${encodeURIComponent(`f${stamp} alaris`)}`);
  await expect(page.getByTestId("result-count")).toHaveText("3 devices");

  const header = page.getByRole("columnheader", { name: /Device/ });
  await header.getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=asc|dir=asc.*sort=name/);
  await expect(page.getByRole("columnheader", { name: /Device/ })).toHaveAttribute("aria-sort", "ascending");
  const names = await page.getByTestId("inventory-table").getByRole("link", { name: /PUMP-FLEET/ }).allTextContents();
  expect(names).toEqual([...names].sort());
  await page.getByRole("columnheader", { name: /Device/ }).getByRole("link").click();
  await expect(page.getByRole("columnheader", { name: /Device/ })).toHaveAttribute("aria-sort", "descending");

  await page.getByRole("link", { name: "Show 25 per page" }).click();
  await expect(page).toHaveURL(/size=25/);
  await expect(page.getByRole("navigation", { name: "Pages" }).locator("[aria-current]")).toHaveText("25");

  await page.goto("/risk?ssvc=act");
  await expect(page.getByRole("alert").filter({ hasText: "Unknown value" })).toHaveText("Unknown value ‘act’ for SSVC was ignored.");
});
