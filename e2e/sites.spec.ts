import { expect, test, type Page } from "@playwright/test";
import { enrolAgentInUi, enrolAndReport, postAgentReport, signInOk } from "./helpers";

// The exposure action's request, captured as the administrator sends it, replayed as a viewer below.
let captured: { id: string; contentType: string; body: Buffer } | undefined;
const stamp = Date.now() % 100000;
const north = `E2E North ${stamp}`;
const south = `E2E South ${stamp}`;
const segment = `PUMPS-${stamp}`;
const hostname = `PUMP-SITES-${stamp}`;
const observation = { channel: "ethernet", claimed: { mac: `58:42:e4:5e:${(stamp % 256).toString(16).padStart(2, "0")}:01`, hostname, vendor: "Baxter", model: "Sigma Spectrum" }, network: { segment } };

const siteCard = (page: Page, name: string) => page.locator("section", { has: page.getByRole("heading", { level: 2, name }) });

test("an administrator corrects a segment's exposure class, renames a site and a segment, and moves the segment", async ({ page }) => {
  test.setTimeout(60_000); // two enrolments, two reports and four changes, each waited for
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInOk(page, "admin");
  const token = await enrolAndReport(page, { name: `sensor-north-${stamp}`, site: north }, { reportId: `sites-${stamp}-1`, hostname: "sensor-north", observations: [observation] });
  await enrolAgentInUi(page, `sensor-south-${stamp}`, south);

  await page.getByRole("link", { name: "Sites and segments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sites and segments" })).toBeVisible();
  const row = siteCard(page, north).getByTestId(`segment-${segment}`);
  await expect(row).toContainText("general IT (0.7)");
  await expect(row).toContainText("guessed from its name");

  page.on("request", (r) => {
    const id = r.headers()["next-action"];
    if (r.method() === "POST" && id && !captured) captured = { id, contentType: r.headers()["content-type"], body: r.postDataBuffer()! };
  });
  await row.getByLabel(`Exposure class of segment ${segment}`).selectOption("isolated");
  await row.getByRole("button", { name: "Set" }).click();
  await expect(row.getByRole("status").filter({ hasText: "isolated" })).toHaveText(`${segment} is now isolated (exposure factor 0.3). 1 device will be rescored within seconds.`);
  await expect(row).toContainText(/set by admin@e2e\.local on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

  const rename = page.getByRole("form", { name: `Rename site ${north}` });
  await rename.getByLabel(`Name of site ${north}`).fill(`${north} campus`);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `${north} campus` })).toBeVisible();

  await row.getByLabel(`Name shown for segment ${segment}`).fill(`Infusion pumps ${stamp}`);
  await row.getByRole("button", { name: "Rename" }).click();
  await expect(row.getByRole("status").filter({ hasText: "shown as" })).toHaveText(`Segment ${segment} is now shown as "Infusion pumps ${stamp}".`);

  await row.getByLabel(`Site of segment ${segment}`).selectOption({ label: south });
  await row.getByRole("button", { name: "Move" }).click();
  const moved = siteCard(page, south).getByTestId(`segment-${segment}`);
  await expect(moved).toContainText(`Infusion pumps ${stamp}`);
  await expect(moved).toContainText(`reported by agents of ${north} campus`);
  await expect(moved).toContainText("isolated (0.3)");

  // The north agent reports the pump again: it stays in the south site, under the new name.
  await postAgentReport(page, token, { reportId: `sites-${stamp}-2`, hostname: "sensor-north", observations: [observation] });
  await page.goto(`/inventory?q=${encodeURIComponent(hostname)}`);
  await expect(page.getByTestId("inventory-table").locator("tbody tr", { hasText: hostname })).toContainText(`${south} / Infusion pumps ${stamp}`);

  await page.goto("/settings/audit");
  for (const action of ["segment.exposure", "site.rename", "segment.rename", "segment.move"]) await expect(page.getByText(action).first()).toBeVisible();
});

test("a viewer cannot open the page (403), and the server refuses the exposure action called directly", async ({ page }) => {
  await signInOk(page, "viewer");
  await expect(page.getByRole("link", { name: "Sites and segments" })).toHaveCount(0);
  const response = await page.goto("/settings/sites");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Your role does not allow this page" })).toBeVisible();

  expect(captured, "the first test captured the exposure action's request").toBeDefined();
  const replay = await page.request.post("/settings/sites", {
    headers: { "next-action": captured!.id, "content-type": captured!.contentType, accept: "text/x-component", origin: new URL(page.url()).origin },
    data: captured!.body,
  });
  expect(await replay.text()).toContain("Your role does not allow this.");
});
