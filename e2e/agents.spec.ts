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

test("an agent enrolled for a segment has what it reports elsewhere refused, shown on the Agents page; a second agent's claim is an alert", async ({ page }) => {
  await signInOk(page, "admin");
  const stamp = Date.now();
  const icu = `sensor-lane-${stamp}`;
  const token = await enrolAgentInUi(page, icu, "Lane Campus", "ICU-VLAN-20");
  const post = (t: string, body: unknown) => page.request.post("/api/v1/reports", { data: body, headers: { authorization: `Bearer ${t}` } });

  const mac = `00:09:fb:e2:${(stamp % 256).toString(16).padStart(2, "0")}:02`;
  const inLane = reportBody(`lane-${stamp}-1`, `INFUSION-LANE-${stamp}`, mac);
  const outside = reportBody(`lane-${stamp}-x`, "ROGUE", "00:09:fb:e2:e0:99");
  outside.observations[0].network.segment = "WARD-7";
  const res = await post(token, { ...inLane, observations: [...inLane.observations, ...outside.observations] });
  expect(res.status()).toBe(202);
  expect(await res.json()).toMatchObject({ accepted: 1, refused: { count: 1, issues: [{ path: "observations.1.network.segment" }] } });

  await page.reload();
  const row = page.getByTestId(`agent-${icu}`);
  await expect(row.getByTestId("agent-lane")).toContainText("Lane Campus");
  await expect(row.getByTestId("agent-lane")).toContainText("segments: ICU-VLAN-20");
  await expect(row).toContainText(/1 — last: outside_lane: 1 observation refused; observations\.1\.network\.segment segment "WARD-7" is outside/);

  // A second agent of the site reports the pump on another segment: the pump stays, an alert says so.
  const ward = await enrolAgentInUi(page, `sensor-ward-${stamp}`, "Lane Campus");
  const claim = reportBody(`lane-${stamp}-2`, "TAKEN-OVER", mac);
  claim.observations[0].network.segment = "WARD-7";
  expect((await post(ward, claim)).status()).toBe(202);
  await page.goto("/alerts?kind=moved_or_duplicated");
  await expect(page.getByText(`INFUSION-LANE-${stamp} reported on WARD-7 (sensor-ward-${stamp}) while ${icu} still sees it on ICU-VLAN-20`)).toBeVisible();

  // The administrator widens the lane: the segment is accepted from the next report.
  await page.goto("/agents");
  const lane = page.getByTestId(`agent-${icu}`);
  await lane.getByText("Change lane").click();
  await lane.getByLabel("Segments (empty: every segment of the site)").fill("ICU-VLAN-20, WARD-7");
  await lane.getByRole("button", { name: "Save lane" }).click();
  await expect(lane.getByRole("status")).toHaveText(`Saved the lane of ${icu}.`);
  const again = await post(token, { ...outside, reportId: `lane-${stamp}-3` });
  expect((await again.json()).refused).toBeUndefined();
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
