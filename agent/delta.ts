// What goes in the next report. A snapshot (everything the agent sees now) on the first cycle after
// a start and every snapshotMinutes; in between, a delta: the observations that are new or whose
// content changed, plus `action: "removed"` for devices no longer seen. The per-device content
// hashes are saved on disk beside the spool, so a restart does not make every device "changed".
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { MAX_OBSERVATIONS } from "../lib/domain/protocol/agent-report";
import type { AgentObservation } from "./collectors/types";
import type { MergedObservation } from "./merge";
import { writeFileAtomic } from "./spool";

type Seen = { hash: string; identity: Omit<AgentObservation, "observedAt"> };
export type DeltaState = { lastSnapshotAt: string | null; devices: Record<string, Seen> };

/** The reports one cycle makes: one snapshot, or one or more deltas (5000 observations each at most). */
export type ReportPlan = { mode: "snapshot" | "delta"; batches: AgentObservation[][]; next: DeltaState };

export class DeltaTracker {
  // The first report after a start is always a snapshot: the server learns what is gone since.
  private snapshotDue = true;

  private constructor(
    private readonly path: string | null,
    private readonly snapshotMinutes: number,
    private state: DeltaState,
  ) {}

  /** Reads the saved state (none, or unreadable, is a fresh start); a null path keeps it in memory only (--dry-run). */
  static async open(path: string | null, snapshotMinutes: number): Promise<DeltaTracker> {
    return new DeltaTracker(path, snapshotMinutes, path ? await readState(path) : emptyState());
  }

  /** Decides the reports of this cycle; nothing is remembered until `commit` (after they are spooled). */
  plan(merged: MergedObservation[], now: Date): ReportPlan {
    const devices: Record<string, Seen> = {};
    for (const { key, observation } of merged) devices[key] = { hash: contentHash(observation), identity: identityOf(observation) };
    const snapshot = this.snapshotDue || this.snapshotIsDue(now);
    const next: DeltaState = { lastSnapshotAt: snapshot ? now.toISOString() : this.state.lastSnapshotAt, devices };
    const all = merged.map((m) => m.observation);
    // A snapshot is never split: half of one would mark the other half's devices "not seen".
    if (snapshot && all.length <= MAX_OBSERVATIONS) return { mode: "snapshot", batches: [all], next };
    const changed = snapshot ? all : merged.filter((m) => this.state.devices[m.key]?.hash !== devices[m.key].hash).map((m) => m.observation);
    const removed = Object.entries(this.state.devices)
      .filter(([key]) => !(key in devices))
      .map(([, seen]) => ({ ...seen.identity, observedAt: now.toISOString(), action: "removed" as const }));
    return { mode: "delta", batches: chunk([...changed, ...removed], MAX_OBSERVATIONS), next };
  }

  /** Remembers what was reported; saved atomically so a crash keeps the old state or the new. */
  async commit(plan: ReportPlan): Promise<void> {
    this.state = plan.next;
    if (plan.next.lastSnapshotAt) this.snapshotDue = false;
    if (this.path) await writeFileAtomic(this.path, JSON.stringify(this.state));
  }

  private snapshotIsDue(now: Date): boolean {
    const last = this.state.lastSnapshotAt ? Date.parse(this.state.lastSnapshotAt) : NaN;
    return !Number.isFinite(last) || now.getTime() - last >= this.snapshotMinutes * 60_000;
  }
}

const emptyState = (): DeltaState => ({ lastSnapshotAt: null, devices: {} });

async function readState(path: string): Promise<DeltaState> {
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as Partial<DeltaState>;
    if (typeof value.devices !== "object" || value.devices === null) return emptyState();
    return { lastSnapshotAt: typeof value.lastSnapshotAt === "string" ? value.lastSnapshotAt : null, devices: value.devices };
  } catch {
    return emptyState();
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  if (items.length === 0) return [[]]; // an empty delta still goes out: it carries the agent's health and says "alive"
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The content without the time it was seen: a device seen again unchanged is not "changed". */
export function contentHash(observation: AgentObservation): string {
  const content: Partial<AgentObservation> = { ...observation };
  delete content.observedAt;
  return createHash("sha256").update(stableJson(content)).digest("hex").slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}

/** What a "removed" observation needs: the identifying keys, and the segment (the server's lane check reads it). */
export function identityOf(o: AgentObservation): Seen["identity"] {
  const claimed = o.claimed;
  const identity: Seen["identity"] = { channel: o.channel };
  const keys = {
    mac: claimed?.mac,
    serialNumber: claimed?.serialNumber,
    usb: claimed?.usb ? { vendorId: claimed.usb.vendorId, productId: claimed.usb.productId, serial: claimed.usb.serial } : undefined,
  };
  if (keys.mac || keys.serialNumber || keys.usb) identity.claimed = dropUndefined(keys);
  const port = o.physical?.usb?.port;
  const switchPort = o.physical?.ethernet?.switchPort;
  if (port || switchPort) identity.physical = dropUndefined({ usb: port ? { port } : undefined, ethernet: switchPort ? { switchPort } : undefined });
  if (o.network?.segment) identity.network = { segment: o.network.segment };
  return JSON.parse(JSON.stringify(identity)) as Seen["identity"];
}

const dropUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
