// Enforcement end to end through the server (issue 14, "Decisions reach hosts"): the reference
// agent reports the sysfs fixture's USB devices (a private copy) to the real report handler, a
// person blocks the keystroke injector, the site goes block_listed, and the agent's enforcement
// (policy fetch and report through the real GET/POST /api/v1/enforcement handlers) writes 0 into
// the copy's `authorized` file; the Enforcement row is linked to the device. Approving it gives
// the device back: 1 again, reported "allowed".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/enforcement/route";
import { decideDevices } from "@/lib/commands/device-decisions";
import { setSiteEnforcementMode } from "@/lib/commands/enforcement-modes";
import { getDb } from "@/lib/db/client";
import { usbCollector } from "../../agent/collectors/usb-sysfs";
import { runCycle } from "../../agent/cycle";
import { DeltaTracker } from "../../agent/delta";
import { Enforcement } from "../../agent/enforce/enforcement";
import { copySysfsFixture, type SysfsCopy } from "../support/usb-fixture-copy";
import { silentLogger } from "../../agent/log";
import { enrol, postReport } from "./agent-api";

const actor = { system: "test" };
let copy: SysfsCopy;

/** The agent's HTTP client, answered by the real route handlers in this process. */
const serverFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(String(input).replace(/^https?:\/\/[^/]+/, "http://localhost"), init);
  expect(new URL(request.url).pathname).toBe("/api/v1/enforcement");
  return request.method === "GET" ? GET(request) : POST(request);
}) as typeof fetch;

beforeAll(async () => {
  copy = await copySysfsFixture();
});
afterAll(() => copy?.remove());

describe("enforcement through the server", () => {
  it("a blocked USB device is cut on the host, linked to the device, and given back once approved", async () => {
    const db = getDb();
    const agent = await enrol("kiosk-enforce");
    const tracker = await DeltaTracker.open(null, 15);
    const { reports } = await runCycle({ collectors: [usbCollector({ enabled: true, sysfsRoot: copy.root })], tracker, hostname: "ward-7-kiosk", collectTimeoutMs: 5000 });
    for (const report of reports) expect((await postReport(agent.token, report)).status).toBe(202);

    const injector = await db.device.findFirstOrThrow({ where: { usbVendorId: "046d", usbProductId: "c31c", usbSerial: "7A3B9C01" } });
    await decideDevices(db, [injector.id], { decision: "block", reason: "keystroke injector posing as a keyboard" }, actor);
    const site = await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { siteId: true } });
    await setSiteEnforcementMode(db, site.siteId!, { mode: "block_listed" }, actor);

    const enforcement = await Enforcement.open({
      config: { enabled: true, method: "sysfs", pollSeconds: 30 },
      sysfsRoot: copy.root,
      url: "https://iomt.test",
      token: agent.token,
      hostname: "ward-7-kiosk",
      stateDir: copy.dir,
      timeoutMs: 5000,
      log: silentLogger,
      fetch: serverFetch,
    });
    await enforcement.poll();
    expect(enforcement.health()).toMatchObject({ name: "enforce", ok: true });
    expect(await copy.authorized("1-2")).toBe("0");
    expect(await copy.authorized("1-1.1")).toBe("1"); // the real keyboard with the same ids
    expect(enforcement.outbox.size).toBe(0);
    const blocked = await db.enforcement.findMany({ where: { agentId: agent.id } });
    expect(blocked).toEqual([expect.objectContaining({ deviceId: injector.id, action: "blocked", target: "1-2", method: "sysfs", mode: "block_listed", hostname: "ward-7-kiosk" })]);

    await decideDevices(db, [injector.id], { decision: "approve", reason: "it is the nurse's keyboard", acknowledgeSpoof: true }, actor);
    await enforcement.poll();
    expect(await copy.authorized("1-2")).toBe("1");
    const rows = await db.enforcement.findMany({ where: { agentId: agent.id }, orderBy: { receivedAt: "asc" } });
    expect(rows.map((r) => [r.action, r.target, r.deviceId])).toEqual([
      ["blocked", "1-2", injector.id],
      ["allowed", "1-2", injector.id],
    ]);
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { policyVersion: true } })).toEqual({ policyVersion: rows[1].policyVersion });
  });
});
