import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { enrolAgentInUi, postAgentReport, signInOk } from "./helpers";

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
  // Policies are in every role's navigation: a viewer reads them.
  await page.getByRole("link", { name: "Policies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
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

test("from a device page, \"Allow exactly this device\" opens the form prefilled with an entry bound to its fingerprint; saved, the policy lists it and an injector forging the device's ids is refused", async ({ page }) => {
  await signInOk(page, "admin");
  const stamp = Date.now();
  const site = `Exact Campus ${stamp}`;
  const product = `Kiosk Keyboard ${stamp}`;
  const token = await enrolAgentInUi(page, `host-exact-${stamp}`, site);
  const descriptor = "9f2c0d5b".repeat(8);
  const observation = {
    channel: "usb",
    claimed: { usb: { vendorId: "046d", productId: "c31c", serial: `K-${stamp}`, manufacturer: "Logitech", product } },
    physical: { usb: { port: "1-4", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }], hidReportDescriptorSha256: descriptor } },
  };
  await postAgentReport(page, token, { reportId: `exact-${stamp}-1`, hostname: "kiosk-exact", observations: [observation] });

  await page.goto(`/inventory?q=K-${stamp}`);
  await page.getByTestId("inventory-table").getByRole("link", { name: product }).click();
  await page.getByRole("link", { name: "Allow exactly this device" }).click();
  await expect(page).toHaveURL(/\/settings\/policies\?allow=/);

  const form = page.getByRole("form", { name: `Allow exactly ${product}` });
  await expect(form.getByLabel("Add to")).toHaveValue("");
  await expect(form.getByLabel("Name")).toHaveValue(`Exactly ${product}`);
  await expect(form.getByLabel("Applies to").locator("option:checked")).toHaveText(site);
  const entry = form.getByLabel("Allowed USB devices, one a line");
  await expect(entry).toHaveValue(new RegExp(`^046d:c31c:K-${stamp} interfaces=03\\.01\\.01\\.01 hid=${descriptor} fingerprint=[0-9a-f]{16}$`));
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(form.getByRole("status")).toContainText(`Policy "Exactly ${product}" created`);

  const row = page.locator("tbody tr", { hasText: `Exactly ${product}` });
  await expect(row).toContainText(`Site ${site}`);
  await expect(row).toContainText(new RegExp(`Allowed exactly: 046d:c31c \\(serial K-${stamp}\\) only with interfaces 03\\.01\\.01\\.01; HID report descriptor 9f2c0d5b9f2c0d5b…; physical fingerprint [0-9a-f]{16}`));

  // An injector forging the same ids and serial, with a hidden mass-storage interface, is not the device the entry is bound to.
  const injector = { ...observation, physical: { usb: { ...observation.physical.usb, interfaces: [...observation.physical.usb.interfaces, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }] } } };
  await postAgentReport(page, token, { reportId: `exact-${stamp}-2`, hostname: "kiosk-exact", observations: [injector] });
  await page.goto(`/inventory?q=K-${stamp}`);
  await page.getByTestId("inventory-table").getByRole("link", { name: product }).click();
  await expect(page.getByText("USB 046d:c31c is allow-listed only with interfaces 03.01.01.01; this one has 03.01.01.01,08.06.50.02")).toBeVisible();
});
