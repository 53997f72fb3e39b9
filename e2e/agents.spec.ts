import { expect, test } from "@playwright/test";
import { enrolAgentInUi, signInOk } from "./helpers";

function reportBody(reportId: string, hostname: string, mac: string) {
  const now = new Date().toISOString();
  return {
    schema: "iomt.agent-report/v1",
    reportId,
    sentAt: now,
    agent: { version: "2.0.0", hostname: "sensor-e2e" },
    observations: [
      {
        observedAt: now,
        channel: "ethernet",
        claimed: { mac, ip: "10.20.4.17", hostname, vendor: "Baxter", model: "Sigma Spectrum", serialNumber: `SS-${reportId}`, firmwareVersion: "8.00.01" },
        physical: { ethernet: { switchPort: "sw-icu-2/Gi1/0/14", vlan: 20, linkSpeedMbps: 100, duplex: "full", ttl: 64 } },
        network: { segment: "ICU-VLAN-20", openPorts: [80, 443], protocols: ["HL7"] },
      },
    ],
  };
}

test("an administrator enrols an agent, sees its token once, the agent reports, and revocation stops it", async ({ page }) => {
  await signInOk(page, "admin");
  await page.getByRole("link", { name: "Agents", exact: true }).click();
  const name = `sensor-e2e-${Date.now()}`;
  const token = await enrolAgentInUi(page, name, "Main Campus");
  expect(token).toMatch(/^iomt_[A-Za-z0-9_-]{40,}$/);

  const post = (body: unknown) => page.request.post("/api/v1/reports", { data: body, headers: { authorization: `Bearer ${token}` } });
  const accepted = await post(reportBody(`e2e-${Date.now()}`, "INFUSION-E2E-001", "00:09:fb:e2:e0:01"));
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toMatchObject({ accepted: 1, devices: { new: 1, updated: 0 } });

  await page.reload();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await expect(page.getByTestId("agent-token")).toHaveCount(0);
  const row = page.getByTestId(`agent-${name}`);
  await expect(row).toContainText("online");
  await expect(row).toContainText("2.0.0");

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  const refused = await post(reportBody(`e2e-${Date.now()}-2`, "INFUSION-E2E-001", "00:09:fb:e2:e0:01"));
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("agent_revoked");
});

test("a viewer sees agents but no enrol or revoke controls", async ({ page }) => {
  await signInOk(page, "viewer");
  await page.getByRole("link", { name: "Agents", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Agents", exact: true })).toBeVisible();
  await expect(page.getByRole("form", { name: "Enrol an agent" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
});

test("the OpenAPI document describes the agent API", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths["/api/v1/reports"].post.responses).sort()).toEqual(["200", "202", "400", "401", "403", "413", "415", "429"]);
});
