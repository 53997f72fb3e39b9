// Settings → Integrations → Webhooks as an administrator uses it: add a webhook pointing at a
// receiver this spec starts on 127.0.0.1, copy the secret shown once, press Test send; the
// server's delivery job posts the signed test event, and the delivery log lists the try.
import { expect, test } from "@playwright/test";
import { startWebhookReceiver } from "../scripts/lib/webhook-receiver";
import { signInOk } from "./helpers";

test("an administrator adds a webhook, sees its secret once, test-sends, and sees the delivery", async ({ page }) => {
  test.setTimeout(120_000);
  const receiver = await startWebhookReceiver();
  receiver.answer("/e2e", { status: 202, body: "queued by the receiver" });
  const name = `NAC ${Date.now()}`;
  try {
    await signInOk(page, "admin");
    await page.goto("/settings/integrations");
    const add = page.getByRole("form", { name: "Add a webhook" });
    await add.getByLabel("Name").fill(name);
    await add.getByLabel("URL").fill(receiver.url("/e2e"));
    await add.getByLabel("Alerts from severity").selectOption("high");
    await add.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Created ${name}.` })).toBeVisible();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    receiver.secret("/e2e", secret);

    await page.reload();
    await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
    const hook = page.getByTestId(`webhook-${name}`);
    await expect(hook).toContainText(receiver.url("/e2e"));
    await expect(hook).toContainText(`secret ${secret.slice(0, 10)}…`);
    await hook.getByRole("button", { name: "Test send" }).click();
    await expect(hook.getByRole("status")).toContainText("Test event queued");

    // The delivery job runs every few seconds in the server: the signed event arrives.
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const [got] = receiver.received;
    expect(got.verified).toBe(true);
    expect(got.event).toMatchObject({ type: "test", kind: "test" });
    expect(got.headers["x-iomt-event"]).toBe("test");

    // The delivery log lists the try with the receiver's answer.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId(`webhook-tries-${name}`)).toContainText("queued by the receiver");
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId(`webhook-tries-${name}`)).toContainText("202");
    await expect(page.getByTestId(`webhook-counts-${name}`)).toContainText("1 message delivered");
  } finally {
    await receiver.close();
  }
});
