import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signInOk } from "./helpers";

// The create action's request, captured as the administrator sends it, replayed as a viewer below.
let captured: { id: string; contentType: string; body: Buffer } | undefined;
const name = `Ward keyboards ${Date.now()}`;

test("an administrator creates a USB allow-list entry, sees it explained and listed, and turns it off and on", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "admin");
  await page.getByRole("link", { name: "Policies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What a policy does" })).toBeVisible();

  page.on("request", (r) => {
    const id = r.headers()["next-action"];
    if (r.method() === "POST" && id && !captured) captured = { id, contentType: r.headers()["content-type"], body: r.postDataBuffer()! };
  });
  const create = page.getByRole("form", { name: "Create a policy" });
  await create.getByLabel("Kind").selectOption("usb_allow");
  await create.getByLabel("Name").fill(name);
  // A wrong line is refused beside its field, and nothing is created.
  await create.getByLabel("Allowed USB devices, one a line").fill("046d:c31c\nlogitech keyboard");
  await create.getByRole("button", { name: "Create policy" }).click();
  await expect(create.getByRole("alert")).toContainText("Line 2: write vendor:product");
  await expect(create.getByLabel("Name")).toHaveValue(name);
  await create.getByLabel("Allowed USB devices, one a line").fill("046d:c31c\n0781:5581:AB12");
  await create.getByRole("button", { name: "Create policy" }).click();
  await expect(create.getByRole("status")).toContainText(`Policy "${name}" created`);

  const row = page.locator("tbody tr", { hasText: name });
  await expect(row).toContainText("USB allow-list");
  await expect(row).toContainText("Every site");
  await expect(row).toContainText("Allowed: 046d:c31c, 0781:5581 (serial AB12)");
  await expect(row).toContainText("on");
  await row.getByRole("button", { name: "Turn off" }).click();
  await expect(row.getByRole("button", { name: "Turn on" })).toBeVisible();
  await expect(row).toContainText("off");
  await row.getByRole("button", { name: "Turn on" }).click();
  await expect(row.getByRole("button", { name: "Turn off" })).toBeVisible();

  await page.goto("/settings/policies");
  mkdirSync("docs/screenshots", { recursive: true });
  await page.screenshot({ path: "docs/screenshots/policies.png", fullPage: false });
});

test("a viewer reads the policies without any form, and the server refuses a create sent directly", async ({ page }) => {
  await signInOk(page, "viewer");
  await expect(page.getByRole("link", { name: "Policies" })).toHaveCount(0);
  await page.goto("/settings/policies");
  await expect(page.locator("tbody tr", { hasText: name })).toBeVisible();
  await expect(page.getByRole("form", { name: "Create a policy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Create policy|Save policy|Turn (on|off)|Delete/ })).toHaveCount(0);
  await expect(page.getByText("Edit rules")).toHaveCount(0);
  await expect(page.getByText("Administrators and security analysts change policies")).toBeVisible();
  expect(captured, "the previous test captured the create action's request").toBeDefined();
  const replay = await page.request.post("/settings/policies", {
    headers: { "next-action": captured!.id, "content-type": captured!.contentType, accept: "text/x-component", origin: new URL(page.url()).origin },
    data: captured!.body,
  });
  expect(await replay.text()).toContain("Your role does not allow this.");
});
