import { mkdirSync } from "node:fs";
import { expect, test, type Page, type Request } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

// The acknowledge action as the engineer's browser sent it, replayed later with a viewer's session.
let captured: { id: string; contentType: string; body: Buffer } | undefined;
const tag = `ALRT${Date.now() % 1_000_000}`;
// A busy shared machine makes each page slow: the default 30 s is not enough for these walks.
test.describe.configure({ timeout: 180_000 });
const names = [1, 2, 3].map((n) => `${tag}-PUMP-${n}`);

async function reportDevices(page: Page) {
  await enrolAndReport(page, { name: `sensor-alerts-${Date.now()}` }, {
    reportId: `alerts-${Date.now()}`,
    hostname: "sensor-icu",
    observations: names.map((hostname, i) => ({ channel: "ethernet", claimed: { mac: `58:42:e4:a1:00:0${i + 1}`, hostname, vendor: "Baxter", model: "Sigma Spectrum" }, network: { segment: "ICU-VLAN-20" } })),
  });
}

test("an agent report raises alerts; an engineer filters, acknowledges and resolves them, and repeats show as a count", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "admin");
  await reportDevices(page);
  // Blocking the third pump twice raises one "unauthorized" alert, seen twice.
  await page.goto(`/inventory?q=${encodeURIComponent(names[2])}`);
  await page.getByTestId("inventory-table").getByRole("link", { name: names[2] }).click();
  await expect(page.getByRole("heading", { name: names[2] })).toBeVisible();
  const deviceId = new URL(page.url()).pathname.split("/").pop()!;
  const origin = new URL(page.url()).origin;
  for (const reason of ["unknown to biomed", "still unknown to biomed"]) {
    const blocked = await page.request.post(`/api/devices/${deviceId}/decision`, { data: { decision: "block", reason }, headers: { origin } });
    expect(blocked.status()).toBe(200);
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const engineer = await context.newPage();
  await signInOk(engineer, "engineer");
  await engineer.getByRole("link", { name: "Alerts" }).first().click();
  await expect(engineer.getByRole("heading", { name: "Alerts" })).toBeVisible();

  // Filter by kind: a GET form, so the filter is in the URL.
  const filters = engineer.getByRole("search", { name: "Filter the alerts" });
  await filters.getByLabel("Kind").selectOption("new_device");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(engineer).toHaveURL(/kind=new_device/);
  await expect(engineer.getByRole("list", { name: "Active filters" })).toContainText("Kind: New device");
  const table = engineer.getByTestId("alerts-table");
  const row = (name: string) => table.locator("tbody tr", { hasText: name });
  for (const name of names) await expect(row(name)).toContainText("New device");
  await expect(table.locator("tbody tr", { hasText: "Unauthorized device" })).toHaveCount(0);

  engineer.on("request", (r: Request) => {
    const id = r.headers()["next-action"];
    if (r.method() === "POST" && id && !captured) captured = { id, contentType: r.headers()["content-type"], body: r.postDataBuffer()! };
  });

  // Acknowledge one: who and when are shown.
  await row(names[0]).getByRole("checkbox").check();
  await engineer.getByRole("button", { name: "Acknowledge selected" }).click();
  await expect(engineer.getByTestId("alert-action-message")).toHaveText("1 alert acknowledged.");
  await expect(row(names[0])).toContainText(/acknowledged\s*Acknowledged by engineer@e2e\.local, \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

  // Resolve another, with a note: it leaves the active list and is found among the resolved.
  await row(names[1]).getByRole("checkbox").check();
  await engineer.getByLabel("Note when resolving (optional, kept in the audit log)").fill("known pump, moved from ward 3");
  await engineer.getByRole("button", { name: "Resolve selected" }).click();
  await expect(engineer.getByTestId("alert-action-message")).toHaveText("1 alert resolved.");
  await expect(row(names[1])).toHaveCount(0);
  await filters.getByLabel("Status").selectOption("resolved");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(engineer).toHaveURL(/status=resolved/);
  await expect(row(names[1])).toContainText(/Resolved by engineer@e2e\.local, \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(row(names[1]).getByRole("checkbox")).toHaveCount(0);

  // The repeated alert: one row, ×2, first and last time; and a device's alerts by link.
  await engineer.goto(`/alerts?device=${deviceId}`);
  await expect(engineer.getByRole("list", { name: "Active filters" })).toContainText(`Device: ${names[2]}`);
  const repeated = table.locator("tbody tr", { hasText: "Unauthorized device" });
  await expect(repeated).toHaveCount(1);
  await expect(repeated).toContainText("×2");
  await expect(repeated).toContainText(/First \d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*Last \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(repeated.getByRole("link", { name: names[2] })).toHaveAttribute("href", `/devices/${deviceId}`);

  await engineer.goto("/alerts");
  await expect(table).toBeVisible();
  mkdirSync("docs/screenshots", { recursive: true });
  await engineer.screenshot({ path: "docs/screenshots/alerts.png", fullPage: false });
  await context.close();
});

test("a viewer sees the alerts without any button, and the server refuses an acknowledge sent directly", async ({ page }) => {
  await signInOk(page, "viewer");
  await page.goto("/alerts");
  await expect(page.getByTestId("alerts-table").locator("tbody tr", { hasText: names[2] }).first()).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Acknowledge|Resolve/ })).toHaveCount(0);

  expect(captured, "the first test captured the acknowledge action's request").toBeDefined();
  const replay = await page.request.post("/alerts", {
    headers: { "next-action": captured!.id, "content-type": captured!.contentType, accept: "text/x-component", origin: new URL(page.url()).origin },
    data: captured!.body,
  });
  expect(await replay.text()).toContain("Your role does not allow this.");
});
