import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { enrolAndReport, signInOk } from "./helpers";

// The edit action's request, captured as the engineer sends it, replayed as a viewer below.
let captured: { id: string; contentType: string; body: Buffer } | undefined;
const hostname = `VENT-ICU-${Date.now() % 100000}`;
let deviceUrl = "";

test("an engineer records a device's location and owner and takes it on; the audit trail shows both", async ({ page, browser }) => {
  await signInOk(page, "admin");
  const mac = `00:09:fb:ed:${(Date.now() % 256).toString(16).padStart(2, "0")}:07`;
  await enrolAndReport(page, { name: `sensor-edit-${Date.now()}` }, {
    reportId: `edit-${Date.now()}`,
    hostname: "sensor-icu",
    observations: [{ channel: "ethernet", claimed: { mac, hostname, vendor: "Dräger", model: "Evita V500" }, network: { segment: "ICU-VLAN-20" } }],
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const engineer = await context.newPage();
  await signInOk(engineer, "engineer");
  await engineer.goto(`/inventory?q=${encodeURIComponent(hostname)}`);
  await engineer.getByTestId("inventory-table").getByRole("link", { name: hostname }).click();
  await expect(engineer.getByRole("heading", { level: 1, name: hostname })).toBeVisible();
  deviceUrl = new URL(engineer.url()).pathname;

  engineer.on("request", (r) => {
    const id = r.headers()["next-action"];
    if (r.method() === "POST" && id && !captured) captured = { id, contentType: r.headers()["content-type"], body: r.postDataBuffer()! };
  });
  const place = engineer.getByRole("form", { name: "Location and owner" });
  await place.getByLabel("Location").fill("ICU bed 12");
  await place.getByLabel("Department").fill("Intensive care");
  await place.getByLabel("Owner").fill("Biomed team");
  await place.getByRole("button", { name: "Save location and owner" }).click();
  await expect(place.getByRole("status")).toHaveText("Location and owner saved.");

  const assign = engineer.getByRole("form", { name: "Assign this device" });
  await assign.getByLabel("Assign to").selectOption("me");
  await assign.getByRole("button", { name: "Assign" }).click();
  await expect(assign.getByRole("status")).toHaveText("1 device assigned to you.");

  await engineer.reload();
  const facts = engineer.getByRole("definition");
  await expect(facts.filter({ hasText: "ICU bed 12" })).toHaveCount(1);
  await expect(facts.filter({ hasText: "Biomed team" })).toHaveCount(1);
  await expect(facts.filter({ hasText: "you (engineer@e2e.local)" })).toHaveCount(1);
  await expect(engineer.getByText("device.edit")).toBeVisible();
  await expect(engineer.getByText("device.assign")).toBeVisible();
  await engineer.evaluate(() => window.scrollTo(0, 0));
  mkdirSync("docs/screenshots", { recursive: true });
  await engineer.screenshot({ path: "docs/screenshots/device.png", fullPage: false });

  // Too long is refused beside the field; the saved values stay.
  await place.getByLabel("Location").fill("x".repeat(120));
  await place.getByLabel("Location").evaluate((el: HTMLInputElement) => { el.removeAttribute("maxlength"); el.value = "y".repeat(121); });
  await place.getByRole("button", { name: "Save location and owner" }).click();
  await expect(place.getByRole("alert")).toHaveText("The location has at most 120 characters.");
  await expect(place.getByLabel("Location")).toHaveValue("y".repeat(121));
  await context.close();
});

test("a viewer sees the location and owner without forms, and the server refuses an edit sent directly", async ({ page }) => {
  await signInOk(page, "viewer");
  await page.goto(deviceUrl);
  await expect(page.getByRole("definition").filter({ hasText: "ICU bed 12" })).toHaveCount(1);
  await expect(page.getByRole("form", { name: "Location and owner" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Assign this device" })).toHaveCount(0);
  expect(captured, "the previous test captured the edit action's request").toBeDefined();
  const replay = await page.request.post(deviceUrl, {
    headers: { "next-action": captured!.id, "content-type": captured!.contentType, accept: "text/x-component", origin: new URL(page.url()).origin },
    data: captured!.body,
  });
  expect(await replay.text()).toContain("Your role does not allow this.");
});
