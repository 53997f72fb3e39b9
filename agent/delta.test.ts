import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { observationSchema } from "../lib/domain/protocol/agent-report";
import type { AgentObservation } from "./collectors/types";
import { contentHash, DeltaTracker } from "./delta";
import { mergeObservations } from "./merge";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "delta-test-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 10, minutes));
const mac = (n: number) => `58:42:e4:00:${(n >> 8).toString(16).padStart(2, "0")}:${(n & 0xff).toString(16).padStart(2, "0")}`;
const device = (n: number, ip = `10.20.4.${n % 250}`, when = at(0)): AgentObservation => ({
  observedAt: when.toISOString(),
  channel: "ethernet",
  claimed: { mac: mac(n), ip },
  network: { segment: "ICU-VLAN-20" },
});
const merged = (observations: AgentObservation[]) => mergeObservations(observations.map((observation) => ({ source: "neighbours", observation })));

async function cycle(tracker: DeltaTracker, observations: AgentObservation[], now: Date) {
  const plan = tracker.plan(merged(observations), now);
  await tracker.commit(plan);
  return plan;
}

describe("DeltaTracker", () => {
  it("sends a snapshot first, then only what changed, then removals with their keys and segment", async () => {
    const tracker = await DeltaTracker.open(join(dir, "state.json"), 15);
    const first = await cycle(tracker, [device(1), device(2), device(3)], at(0));
    expect(first.mode).toBe("snapshot");
    expect(first.batches[0]).toHaveLength(3);

    const second = await cycle(tracker, [device(1, "10.20.4.1", at(1)), device(2, "10.20.4.99", at(1)), device(4, undefined, at(1))], at(1));
    expect(second.mode).toBe("delta");
    expect(second.batches).toHaveLength(1);
    const [changed, added, removed] = second.batches[0];
    expect(changed.claimed).toEqual({ mac: mac(2), ip: "10.20.4.99" });
    expect(added.claimed?.mac).toBe(mac(4));
    expect(removed).toEqual({ observedAt: at(1).toISOString(), action: "removed", channel: "ethernet", claimed: { mac: mac(3) }, network: { segment: "ICU-VLAN-20" } });
    expect(second.batches[0].every((o) => observationSchema.safeParse(o).success)).toBe(true);
  });

  it("sends an empty delta when nothing changed (the report still says the agent is alive)", async () => {
    const tracker = await DeltaTracker.open(null, 15);
    await cycle(tracker, [device(1)], at(0));
    const plan = await cycle(tracker, [device(1, undefined, at(1))], at(1));
    expect(plan).toMatchObject({ mode: "delta", batches: [[]] });
  });

  it("sends a snapshot again after snapshotMinutes", async () => {
    const tracker = await DeltaTracker.open(null, 15);
    await cycle(tracker, [device(1)], at(0));
    expect((await cycle(tracker, [device(1)], at(14))).mode).toBe("delta");
    expect((await cycle(tracker, [device(1)], at(15))).mode).toBe("snapshot");
  });

  it("after a restart: a snapshot first, and the saved state means the delta after it is empty", async () => {
    const path = join(dir, "state.json");
    await cycle(await DeltaTracker.open(path, 15), [device(1), device(2)], at(0));
    const saved = JSON.parse(await readFile(path, "utf8"));
    expect(Object.keys(saved.devices).sort()).toEqual([`mac:${mac(1)}`, `mac:${mac(2)}`]);

    const restarted = await DeltaTracker.open(path, 15);
    expect((await cycle(restarted, [device(1), device(2)], at(1))).mode).toBe("snapshot");
    expect(await cycle(restarted, [device(1), device(2)], at(2))).toMatchObject({ mode: "delta", batches: [[]] });
  });

  it("a delta over 5000 observations goes as several reports of at most 5000", async () => {
    const tracker = await DeltaTracker.open(null, 15);
    await cycle(tracker, [device(0)], at(0));
    const many = Array.from({ length: 12_001 }, (_, n) => device(n + 1));
    const plan = await cycle(tracker, many, at(1));
    // 12,001 new devices and the removal of device 0
    expect(plan.mode).toBe("delta");
    expect(plan.batches.map((b) => b.length)).toEqual([5000, 5000, 2002]);
    expect(plan.batches[2][2001]).toMatchObject({ action: "removed", claimed: { mac: mac(0) } });
  });

  it("never splits a snapshot: over 5000, it goes as full deltas with the agent's own removals", async () => {
    const tracker = await DeltaTracker.open(null, 15);
    await cycle(tracker, [device(0)], at(0));
    await cycle(tracker, [device(0)], at(1));
    const many = Array.from({ length: 6000 }, (_, n) => device(n + 1));
    const plan = await cycle(tracker, many, at(20));
    expect(plan.mode).toBe("delta");
    expect(plan.batches.map((b) => b.length)).toEqual([5000, 1001]);
    expect(plan.batches[1][1000]).toMatchObject({ action: "removed", claimed: { mac: mac(0) } });
    // the full content went out: the next cycle is a delta with nothing in it
    expect(await cycle(tracker, many, at(21))).toMatchObject({ mode: "delta", batches: [[]] });
  });

  it("hashes content, not the time or key order", () => {
    const a: AgentObservation = { observedAt: at(0).toISOString(), channel: "usb", claimed: { usb: { vendorId: "046d", productId: "c31c" } } };
    const b = { claimed: { usb: { productId: "c31c", vendorId: "046d" } }, channel: "usb", observedAt: at(5).toISOString() } as AgentObservation;
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash({ ...a, channel: "serial" }));
  });
});
