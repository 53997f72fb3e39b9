import { expect, test, type Request } from "@playwright/test";
import { signInOk } from "./helpers";

// The create action as the admin's browser sent it, replayed later with a viewer's session.
let captured: { id: string; contentType: string; body: Buffer } | undefined;
const keyName = "SIEM (Splunk) production";

test("an administrator creates an API key, an integration reads devices with it, and revocation stops it", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInOk(page, "admin");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  page.on("request", (r: Request) => {
    const id = r.headers()["next-action"];
    if (r.method() === "POST" && id && !captured) captured = { id, contentType: r.headers()["content-type"], body: r.postDataBuffer()! };
  });
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill(keyName);
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created ${keyName}.` })).toBeVisible();
  const secret = (await page.getByTestId("api-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^iomtk_[A-Za-z0-9_-]{43}$/);

  // `request` carries no session: the key alone authenticates.
  const bearer = { authorization: `Bearer ${secret}` };
  const listed = await request.get("/api/v1/devices?limit=5", { headers: bearer });
  expect(listed.status()).toBe(200);
  const body = await listed.json();
  expect(Array.isArray(body.data)).toBe(true);
  expect(body).toHaveProperty("nextCursor");
  expect((await request.get("/api/v1/devices?limit=500", { headers: bearer })).status()).toBe(400);
  expect((await request.get("/api/v1/devices")).status()).toBe(401);
  // The admin's own browser session is no API credential.
  expect((await page.request.get("/api/v1/devices")).status()).toBe(401);

  await page.reload();
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  const row = page.getByTestId("api-keys-table").getByRole("row", { name: keyName });
  await expect(row).toContainText("active");
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).not.toContainText("never");
  expect(await page.content()).not.toContain(secret);
  await page.screenshot({ path: "docs/screenshots/api-keys.png", fullPage: false });

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  await expect(row).toContainText("revoked");
  const refused = await request.get("/api/v1/devices?limit=5", { headers: bearer });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
});

test("a viewer cannot open the API keys page (403), and the server refuses the create action called directly", async ({ page, browser }) => {
  await signInOk(page, "viewer");
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  const response = await page.goto("/settings/api-keys");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Your role does not allow this page" })).toBeVisible();

  expect(captured, "the first test captured the create action's request").toBeDefined();
  const origin = new URL(page.url()).origin;
  const replay = await page.request.post("/settings/api-keys", {
    headers: { "next-action": captured!.id, "content-type": captured!.contentType, accept: "text/x-component", origin },
    data: captured!.body,
  });
  const text = await replay.text();
  expect(text).toContain("Your role does not allow this.");
  expect(text).not.toMatch(/iomtk_[A-Za-z0-9_-]{43}/);

  const admin = await browser.newPage();
  await signInOk(admin, "admin");
  await admin.goto("/settings/api-keys");
  await expect(admin.getByTestId("api-keys-table").getByRole("row", { name: keyName })).toHaveCount(1);
  await admin.close();
});
