// raiseAlerts writes new alerts through the driver (lib/db's bulk insert), not the ORM: the rows
// must read back through the ORM exactly as the ORM would have written them, on both databases,
// inside the caller's transaction, and a repeat must still bump the open alert.
import { beforeAll, describe, expect, it } from "vitest";
import { raiseAlerts } from "@/lib/db/alert-writes";
import { bulkTarget } from "@/lib/db/bulk";
import { getDb } from "@/lib/db/client";
import type { AlertInput } from "@/lib/domain/words/alert-kinds";
import { enrol } from "./agent-api";

const FLEET = 1_200; // more than one IN list of the open-key lookup on SQLite (900)
const deviceIds = Array.from({ length: FLEET }, (_, i) => `raise-device-${String(i).padStart(4, "0")}`);
let agentId = "";

const raise = (inputs: AlertInput[], options?: { bumpOpen?: boolean }) => {
  const db = getDb();
  return db.$transaction((tx) => raiseAlerts(tx, bulkTarget(db, tx), inputs, options));
};

beforeAll(async () => {
  await getDb().device.createMany({ data: deviceIds.map((id) => ({ id, displayName: id })) });
  agentId = (await enrol()).id;
});

describe("raising alerts", () => {
  it("writes every field as the ORM reads it, device and agent alerts alike", async () => {
    const at = new Date("2026-12-07T10:11:12.345Z");
    await raise([
      { kind: "spoof", severity: "critical", title: "Spoofed: a pump", detail: { rules: ["oui-mismatch"], score: 0.5, nested: { ok: true } }, deviceId: deviceIds[0], evidenceKey: "rules:oui-mismatch", at },
      { kind: "agent_offline", severity: "medium", title: "Agent silent", agentId },
    ]);
    const spoof = await getDb().alert.findUniqueOrThrow({ where: { openKey: `spoof:${deviceIds[0]}` } });
    expect(spoof).toMatchObject({
      kind: "spoof", severity: "critical", title: "Spoofed: a pump", detail: { rules: ["oui-mismatch"], score: 0.5, nested: { ok: true } },
      deviceId: deviceIds[0], agentId: null, evidenceKey: "rules:oui-mismatch", status: "open", count: 1, firstAt: at, lastAt: at,
      acknowledgedAt: null, resolvedAt: null, resolvedReason: null, heldEvidence: null,
    });
    expect(spoof.id).toMatch(/^c[0-9a-z]+$/);
    const offline = await getDb().alert.findUniqueOrThrow({ where: { openKey: `agent_offline:${agentId}` } });
    expect(offline).toMatchObject({ kind: "agent_offline", deviceId: null, agentId, detail: null, evidenceKey: null, status: "open", count: 1 });
    expect(Math.abs(offline.firstAt.getTime() - Date.now())).toBeLessThan(60_000);

    await raise([{ kind: "spoof", severity: "high", title: "Spoofed again", deviceId: deviceIds[0], at: new Date(at.getTime() + 1_000) }]);
    const bumped = await getDb().alert.findUniqueOrThrow({ where: { openKey: `spoof:${deviceIds[0]}` } });
    expect(bumped).toMatchObject({ id: spoof.id, count: 2, severity: "critical", title: "Spoofed: a pump", firstAt: at, lastAt: new Date(at.getTime() + 1_000) });
  });

  it("opens a whole fleet's alerts in one call, once, and leaves them alone when told not to bump", async () => {
    const silent = (id: string): AlertInput => ({ kind: "device_silent", severity: "low", title: `Not seen: ${id}`, detail: { lastSeenAt: "2026-12-01T00:00:00.000Z" }, deviceId: id });
    await raise(deviceIds.map(silent), { bumpOpen: false });
    await raise(deviceIds.map(silent), { bumpOpen: false });
    const rows = await getDb().alert.findMany({ where: { kind: "device_silent" }, select: { deviceId: true, count: true, detail: true, id: true } });
    expect(rows).toHaveLength(FLEET);
    expect(new Set(rows.map((r) => r.deviceId))).toEqual(new Set(deviceIds));
    expect(rows.every((r) => r.count === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(FLEET);
  });

  it("writes nothing when the caller's transaction fails", async () => {
    const db = getDb();
    await expect(db.$transaction(async (tx) => {
      await raiseAlerts(tx, bulkTarget(db, tx), [{ kind: "risk_jump", severity: "critical", title: "Rolled back", deviceId: deviceIds[1] }]);
      throw new Error("the batch failed");
    })).rejects.toThrow("the batch failed");
    expect(await db.alert.count({ where: { kind: "risk_jump" } })).toBe(0);
  });
});
