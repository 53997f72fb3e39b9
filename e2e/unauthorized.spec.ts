import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { enrolAndReport, signInOk, walkLastPageAndBack } from "./helpers";

test("a keystroke injector lands in the work queue with its evidence, and an engineer blocks it", async ({ page, browser }) => {
  // An administrator enrols a host agent; the agent reports a "keyboard".
  await signInOk(page, "admin");
  const serial = `INJ-${Date.now()}`;
  await enrolAndReport(page, { name: `host-ws-${Date.now()}` }, {
    reportId: `usb-${Date.now()}`,
    hostname: "NURSING-WS-07",
    observations: [
      {
        channel: "usb",
        claimed: { usb: { vendorId: "046d", productId: "c31c", manufacturer: "Logitech", product: "USB Keyboard", serial } },
        physical: { usb: { port: "1-1.2", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }, { class: 8, subclass: 6, protocol: 80, endpoints: 2 }], keystrokeRateCps: 900 } },
      },
    ],
  });

  const context = await browser.newContext();
  const engineer = await context.newPage();
  await signInOk(engineer, "engineer");
  await engineer.getByRole("link", { name: "Unauthorized & spoofed" }).click();
  const row = engineer.locator("tbody tr", { hasText: "USB Keyboard" }).first();
  await expect(row).toContainText("also exposes mass storage");
  await row.getByRole("checkbox").check();
  await engineer.getByLabel(/^Reason for the selected devices/).fill("keystroke injector found on NURSING-WS-07");
  await engineer.getByRole("button", { name: "Block selected" }).click();
  await engineer.getByRole("dialog", { name: "Block 1 device?" }).getByRole("button", { name: "Block 1 device" }).click();
  await expect(engineer.getByRole("status")).toHaveText("1 device now unauthorized.");
  await context.close();
});

// The assign action's request, captured as the engineer sends it, replayed as a viewer below.
let capturedAssign: { id: string; contentType: string; body: Buffer } | undefined;
const fastTypist = `Keyboard Q${Date.now()}`;

test("the queue says why in words; an engineer assigns a device to themselves and filters 'assigned to me'", async ({ page, browser }) => {
  await signInOk(page, "admin");
  await enrolAndReport(page, { name: `host-queue-${Date.now()}` }, {
    reportId: `usb-queue-${Date.now()}`,
    hostname: "NURSING-WS-09",
    observations: [{ channel: "usb", claimed: { usb: { vendorId: "046d", productId: "c31d", manufacturer: "Logitech", product: fastTypist, serial: `Q-${Date.now()}` } }, physical: { usb: { port: "1-1.3", speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }], keystrokeRateCps: 700 } } }],
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const engineer = await context.newPage();
  await signInOk(engineer, "engineer");
  await engineer.goto("/unauthorized");
  const row = engineer.locator("tbody tr", { hasText: fastTypist });
  // The reason: the rule in words, then its evidence.
  await expect(row).toContainText("spoof suspected");
  await expect(row).toContainText("Types faster than a person can");
  await expect(row).toContainText("types 700 characters a second");
  await expect(row).toContainText("nobody");
  await expect(engineer.getByRole("heading", { name: /\d+ devices? to review/ })).toBeVisible();

  engineer.on("request", (r) => {
    const id = r.headers()["next-action"];
    if (r.method() === "POST" && id && !capturedAssign) capturedAssign = { id, contentType: r.headers()["content-type"], body: r.postDataBuffer()! };
  });
  await row.getByRole("checkbox").check();
  await engineer.getByLabel("Assign the selected devices to").selectOption("me");
  await engineer.getByRole("button", { name: "Assign selected" }).click();
  await expect(engineer.getByRole("status")).toHaveText("1 device assigned to you.");
  await expect(row).toContainText("you");

  // Filters are a GET form: in the URL, shown as chips.
  const filters = engineer.getByRole("search", { name: "Filter the work queue" });
  await filters.getByLabel("Assigned to").selectOption("me");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(engineer).toHaveURL(/assigned=me/);
  await expect(engineer.getByRole("list", { name: "Active filters" })).toContainText("Assigned to: Me");
  await expect(row).toBeVisible();
  await expect(engineer.locator("tbody tr", { hasNotText: "you" })).toHaveCount(0);
  mkdirSync("docs/screenshots", { recursive: true });
  await engineer.screenshot({ path: "docs/screenshots/unauthorized.png", fullPage: false });

  // The reason filter keeps both filters in the URL; every row it shows is a spoof suspect.
  await filters.getByLabel("Reason").selectOption("spoof");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(engineer).toHaveURL(/reason=spoof/);
  await expect(engineer).toHaveURL(/assigned=me/);
  await expect(row).toBeVisible();
  await expect(engineer.locator("tbody tr", { hasNotText: "spoof suspected" })).toHaveCount(0);
  await context.close();
});

test("a viewer sees the queue without boxes or buttons, and the server refuses an assignment sent directly", async ({ page }) => {
  await signInOk(page, "viewer");
  await page.goto("/unauthorized");
  await expect(page.locator("tbody tr", { hasText: fastTypist })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Approve|Block|Assign/ })).toHaveCount(0);
  expect(capturedAssign, "the previous test captured the assign action's request").toBeDefined();
  const replay = await page.request.post("/unauthorized", {
    headers: { "next-action": capturedAssign!.id, "content-type": capturedAssign!.contentType, accept: "text/x-component", origin: new URL(page.url()).origin },
    data: capturedAssign!.body,
  });
  expect(await replay.text()).toContain("Your role does not allow this.");
});

test("the queue pages to its last page and back a page, 25 at a time", async ({ page }) => {
  await signInOk(page, "admin");
  // Thirty keyboards typing faster than a person can: spoof suspects, more than one page of 25.
  const stamp = Date.now();
  await enrolAndReport(page, { name: `host-pages-${stamp}` }, {
    reportId: `usb-pages-${stamp}`,
    hostname: "NURSING-WS-11",
    observations: Array.from({ length: 30 }, (_, i) => ({
      channel: "usb",
      claimed: { usb: { vendorId: "046d", productId: "c31e", manufacturer: "Logitech", product: `Keyboard P${i}`, serial: `P-${stamp}-${i}` } },
      physical: { usb: { port: `1-2.${i}`, speed: "full", interfaces: [{ class: 3, subclass: 1, protocol: 1, endpoints: 1 }], keystrokeRateCps: 700 } },
    })),
  });
  const rows = page.locator("tbody tr");
  // The thirty are scored moments after the report and move up the queue: a walk that the move
  // overtakes finds the last page emptied, so it is walked again (the move happens once).
  await expect(async () => {
    await page.goto("/unauthorized?size=25");
    await expect(page.getByTestId("result-count")).toHaveText(/^\d+ devices to review$/);
    await walkLastPageAndBack(page, rows);
  }).toPass({ timeout: 60_000 });
});
