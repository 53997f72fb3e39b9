// Settings → Integrations → Syslog as an administrator uses it: add a UDP target in CEF pointing
// at a socket this spec opens on 127.0.0.1, press Test send, and the socket receives the RFC 5424
// message with its CEF body (sent by the server's own delivery job), and the page lists the try.
import dgram from "node:dgram";
import { expect, test } from "@playwright/test";
import { signInOk } from "./helpers";

test("an administrator adds a UDP CEF syslog target, test-sends, and sees the try", async ({ page }) => {
  test.setTimeout(120_000);
  const received: string[] = [];
  const socket = dgram.createSocket("udp4");
  socket.on("message", (data) => received.push(data.toString("utf8")));
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const port = socket.address().port;
  const name = `SOC ${Date.now()}`;
  try {
    await signInOk(page, "admin");
    await page.goto("/settings/integrations");
    const add = page.getByRole("form", { name: "Add a syslog target" });
    await add.getByLabel("Name", { exact: true }).fill(name);
    await add.getByLabel("Host", { exact: true }).fill("127.0.0.1");
    await add.getByLabel("Transport", { exact: true }).selectOption("udp");
    await add.getByLabel("Port", { exact: true }).fill(String(port));
    await add.getByLabel("Format", { exact: true }).selectOption("cef");
    await add.getByRole("button", { name: "Add target" }).click();
    await expect(add.getByRole("status")).toContainText(`Added ${name}`);

    const target = page.getByTestId(`syslog-target-${name}`);
    await expect(target).toContainText(`udp://127.0.0.1:${port}`);
    await target.getByRole("button", { name: "Test send" }).click();
    await expect(target.getByRole("status")).toContainText("Test event queued");

    // The delivery job runs every few seconds in the server: the datagram arrives.
    await expect.poll(() => received.find((m) => m.includes('eventId="test:')), { timeout: 30_000 }).toBeTruthy();
    const message = received.find((m) => m.includes('eventId="test:'))!;
    expect(message).toMatch(/^<\d+>1 \S+ \S+ iomt-risk \S+ test \[iomt@32473 eventId="test:[^"]+" type="test"/);
    expect(message).toContain("\uFEFFCEF:0|iomt-risk|IoMT Asset Risk Dashboard|1|test|");

    // The page lists the try once it is recorded.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId(`syslog-tries-${name}`)).toContainText("sent");
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId(`syslog-tries-${name}`)).toContainText("datagram sent");
    await expect(page.getByTestId(`syslog-counts-${name}`)).toContainText(/[1-9]\d* messages? delivered/);
  } finally {
    socket.close();
  }
});
