// Ingestion stays cheap: a report whose devices' firmware did not change reads and writes nothing
// more (the stored firmware comes with the device that known-devices.ts's loadStored already
// reads), and a change is one multi-row insert. The database here is a stand-in that fails on any use.
import { describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { firmwareChangeRows, recordFirmwareChanges } from "./firmware-changes";
import type { StoredWithFirmware } from "./known-devices";
import type { PlannedDevice } from "./store";

const AT = new Date("2026-12-05T12:00:00Z");

function seen(deviceId: string, firmwareVersion: string | undefined, options: { isNew?: boolean; verdict?: string; observedAt?: string } = {}): PlannedDevice {
  const observation = { observedAt: options.observedAt ?? "2026-12-05T11:59:00Z", claimed: firmwareVersion === undefined ? {} : { firmwareVersion } };
  return { group: { deviceId, isNew: options.isNew ?? false }, decision: { latest: { observation }, fingerprint: options.verdict ? { verdict: options.verdict } : null } } as unknown as PlannedDevice;
}
const stored = (entries: [string, string | null][]) => new Map(entries.map(([id, firmwareVersion]) => [id, { id, firmwareVersion } as StoredWithFirmware]));

/** A database that fails the test on any query; `calls` counts what would have been sent. */
function untouchable() {
  const calls: string[] = [];
  const db = new Proxy({}, { get: (_t, model: string) => new Proxy({}, { get: (_u, op: string) => async (args: { data: unknown[] }) => { calls.push(`${model}.${op}`); return { count: args.data.length }; } }) });
  return { db: db as unknown as Db, calls };
}

describe("firmware changes at ingestion", () => {
  it("a report whose firmware did not change sends no query at all", async () => {
    const { db, calls } = untouchable();
    const planned = [seen("a", "12.1.3"), seen("b", undefined), seen("c", ""), seen("new", "9.9", { isNew: true }), seen("unknown-before", "1.0")];
    expect(await recordFirmwareChanges(db, planned, stored([["a", "12.1.3"], ["b", "12.1.3"], ["c", "12.1.3"], ["unknown-before", null]]), "agent-1", AT)).toBe(0);
    expect(calls).toEqual([]);
  });

  it("changed firmware is one multi-row insert: from, to, when (never ahead of the server), agent and fingerprint verdict", async () => {
    const { db, calls } = untouchable();
    const planned = [seen("a", "12.2.0", { verdict: "same" }), seen("b", "12.1.3"), seen("c", "11.0", { verdict: "insufficient", observedAt: "2026-12-05T13:00:00Z" })];
    const rows = firmwareChangeRows(planned, stored([["a", "12.1.3"], ["b", "12.1.3"], ["c", "12.1.3"]]), "agent-1", AT);
    expect(rows).toEqual([
      { deviceId: "a", fromVersion: "12.1.3", toVersion: "12.2.0", seenAt: new Date("2026-12-05T11:59:00Z"), agentId: "agent-1", fingerprint: "same" },
      { deviceId: "c", fromVersion: "12.1.3", toVersion: "11.0", seenAt: AT, agentId: "agent-1", fingerprint: null },
    ]);
    expect(await recordFirmwareChanges(db, planned, stored([["a", "12.1.3"], ["b", "12.1.3"], ["c", "12.1.3"]]), "agent-1", AT)).toBe(2);
    expect(calls).toEqual(["firmwareChange.createMany"]);
  });
});
